"""The demo desk: its data directory rules and the sample data, built through the services."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate

from madoguchi.agents.models import Agent, Team
from madoguchi.customers.models import Customer, MagicLink
from madoguchi.desk.demo import demo_data_create
from madoguchi.desk.demo_data import TEST_RECOVERY_PHRASE
from madoguchi.desk.demo_dir import DEMO_MARKER, DemoError, demo_dir_prepare
from madoguchi.kb.models import Article
from madoguchi.tickets.models import Event, Message, Ticket


def test_demo_dir_is_created_with_its_marker(tmp_path):
    path = demo_dir_prepare(tmp_path / "a" / "demo")
    assert (path / DEMO_MARKER).is_file()


def test_demo_dir_with_the_marker_is_wiped(tmp_path):
    path = demo_dir_prepare(tmp_path / "demo")
    (path / "madoguchi.sqlite3").write_text("old")
    (path / "sub").mkdir()
    demo_dir_prepare(path)
    assert sorted(p.name for p in path.iterdir()) == [DEMO_MARKER]


def test_an_empty_directory_may_become_the_demo_dir(tmp_path):
    assert (demo_dir_prepare(tmp_path) / DEMO_MARKER).exists()


@pytest.mark.parametrize("content", ["file", "dir_without_marker"])
def test_anything_else_is_never_wiped(tmp_path, content):
    target = tmp_path / "data"
    if content == "file":
        target.write_text("not a directory")
    else:
        target.mkdir()
        (target / "madoguchi.sqlite3").write_text("production data")
    with pytest.raises(DemoError):
        demo_dir_prepare(target)
    assert target.exists()
    if content != "file":
        assert (target / "madoguchi.sqlite3").read_text() == "production data"


@pytest.fixture
def demo(db):
    return demo_data_create(password="demo password for tests 42")


def test_demo_builds_a_whole_desk(demo):
    assert (demo.articles, demo.agents, demo.customers) == (84, 3, 10)
    assert demo.tickets == Ticket.objects.count() >= 30
    assert Article.objects.filter(language="ja").count() == 42
    assert set(Team.objects.values_list("slug", flat=True)) == {"funds", "security"}
    assert Customer.objects.count() == 10
    intents = set(Ticket.objects.values_list("intent", flat=True))
    assert len(intents) >= 25
    assert {"ja", "en"} <= set(Ticket.objects.values_list("language", flat=True))


def test_the_printed_login_works_and_has_admin_access(demo):
    user = authenticate(username=demo.username, password=demo.password)
    assert user is not None and user.is_staff and user.is_superuser
    assert user.agent.role == Agent.Role.LEAD
    assert demo.customer_sign_in_path.startswith("/access/")
    assert MagicLink.objects.filter(customer__identities__value=demo.customer_email).exists()


def test_demo_shows_redaction_and_the_fact_checks(demo):
    assert not Message.objects.filter(body__contains="sausage").exists()
    assert not Ticket.objects.filter(subject__contains="sausage").exists()
    hacked = Ticket.objects.get(intent="account.compromised")
    assert hacked.secret_exposed and hacked.priority == "urgent"
    assert hacked.events.filter(kind=Event.Kind.SECRET_REDACTED).exists()
    wrong_network = Ticket.objects.get(intent="funds.wrong_network")
    findings = [
        f["code"] for m in wrong_network.messages.all() for f in m.analysis.get("findings", [])
    ]
    assert "network_mismatch" in findings
    memo = Ticket.objects.get(intent="funds.missing_memo")
    codes = [f["code"] for m in memo.messages.all() for f in m.analysis.get("findings", [])]
    assert "memo_missing" in codes
    assert TEST_RECOVERY_PHRASE.split()[5] == "sausage"


def test_demo_tickets_have_agent_work_on_them(demo):
    assert Ticket.objects.filter(status=Ticket.Status.SOLVED).count() >= 5
    assert Ticket.objects.filter(status=Ticket.Status.PENDING).exists()
    assert Message.objects.filter(author_kind=Message.Author.AGENT, visibility="internal").exists()
    assert (
        Message.objects.filter(author_kind=Message.Author.AGENT, visibility="public").count() >= 10
    )
    assert Ticket.objects.filter(team__slug="security").count() >= 5
    assert Event.objects.filter(kind=Event.Kind.STATUS, actor_kind=Event.Actor.AGENT).exists()
