"""The trust centre end to end in a real browser, as an admin, a customer and an agent use it.

An admin registers the official website in the Django admin (the other channels come in through
the import service); a customer reports a lookalike phishing link through the portal; the agent
sees it defanged and flagged, never as a link; the agent's reply asking for the recovery phrase
is held with the reason and the draft kept; a clean reply is e-mailed with a verification code;
the customer checks that code (genuine, with the request's reference) and a made-up one (not
from us) at /verify/code/, and the phishing link at /verify/ (impersonation, of what), in
Japanese and in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from madoguchi.agents.services import agent_create
from madoguchi.desk import demo_data
from madoguchi.officials.models import OfficialChannel
from madoguchi.officials.services import officials_import
from madoguchi.signing.models import VerificationCode
from madoguchi.tickets.models import Message, Ticket

pytestmark = pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
)

OFFICIAL_DOMAIN = "madoguchi.example"
PHISH = "https://madoguchi-support-login.com/verify"
PHISH_DEFANGED = "hxxps[://]madoguchi-support-login[.]com/verify"
EMAIL = "hanako@example.jp"
AGENT = ("emma", "a long passphrase for the desk")
ADMIN = ("root", "another long passphrase for the admin")
REFERENCE = re.compile(r"MDG-\d{2}-\d{6}")
CODE = re.compile(r"MDG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
#: shaped like a code (Crockford base32, 12 symbols), never issued by the desk
MADE_UP_CODE = "MDG-ABCD-EFGH-JKMN"

SUBJECT = "サポートを名乗るメールが届きました"
DESCRIPTION = (
    "「アカウントが凍結されます」というメールが届き、"
    f"{PHISH} でログインするよう書かれていました。これは本物ですか？"
)
BLOCKED_REPLY = "お手数ですが、確認のためウォレットのシードフレーズを教えていただけますか。"
CLEAN_REPLY = (
    "ご連絡ありがとうございます。そのメールは当社からのものではありません。"
    "リンクは開かず、ログインは https://madoguchi.example/ からのみ行ってください。"
)

#: What the pages say, written out (not looked up through gettext) so a missing or stale
#: translation catalogue fails the test.
TEXT = {
    "ja": {
        "code_box": "確認コード",
        "check_code": "コードを確認する",
        "genuine": "本物のメッセージです",
        "not_ours": "私たちからのメッセージではありません",
        "value_box": "リンク・ドメイン・メールアドレス・電話番号・アカウント名・氏名",
        "check": "確認する",
        "impersonation": "なりすまし: 当社ではありません",
        "imitates": f"{OFFICIAL_DOMAIN} を装っています。",
        "reason": "ブランド名 madoguchi に単語を付け足した名前",
    },
    "en": {
        "code_box": "Verification code",
        "check_code": "Check the code",
        "genuine": "Genuine message",
        "not_ours": "Not a message from us",
        "value_box": "Link, domain, e-mail address, phone number, handle or name",
        "check": "Check",
        "impersonation": "Impersonation: this is not us",
        "imitates": f"It imitates {OFFICIAL_DOMAIN}.",
        "reason": "It adds words to the brand name madoguchi;",
    },
}


def _label(text: str) -> re.Pattern[str]:
    """A field's label from its start: "Subject" must not match a longer label."""
    return re.compile("^" + re.escape(text))


def _admin_registers_the_website(browser: Browser, base: str) -> None:
    """In the Django admin (English browser): add the brand's domain as an official channel."""
    get_user_model().objects.create_superuser(ADMIN[0], "root@example.jp", ADMIN[1])
    context = browser.new_context(locale="en-GB")
    try:
        admin = context.new_page()
        admin.goto(base + "/admin/officials/officialchannel/add/")
        admin.get_by_label("Username").fill(ADMIN[0])
        admin.get_by_label("Password").fill(ADMIN[1])
        admin.get_by_role("button", name="Log in").click()
        admin.get_by_label("Kind").select_option("domain")
        admin.get_by_label("Value").fill("https://Madoguchi.Example/login")
        admin.get_by_label("Public label").fill("Website")
        admin.get_by_role("button", name="Save", exact=True).click()
        expect(admin.locator(".messagelist")).to_contain_text("was added successfully")
    finally:
        context.close()
    # the value was normalised on save: the domain, not the URL typed
    assert OfficialChannel.objects.get(kind="domain").line == OFFICIAL_DOMAIN


def _customer_reports_the_link(page: Page, base: str) -> str:
    """Through the portal's phishing-report form, in Japanese. Returns the reference."""
    page.goto(base + "/new/security.phishing_report/contact/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    form = page.get_by_role("main")
    form.get_by_label(_label("メールアドレス")).fill(EMAIL)
    form.get_by_label(_label("お名前")).fill("山田 花子")
    form.get_by_label(_label("件名")).fill(SUBJECT)
    form.get_by_label(_label("何がありましたか？")).fill(DESCRIPTION)
    form.get_by_label(_label("リンク・サイト")).fill(PHISH)
    form.get_by_role("button", name="送信する", exact=True).click()
    expect(page.get_by_role("heading", name="お問い合わせを受け付けました")).to_be_visible()
    found = REFERENCE.search(page.get_by_text("受付番号:").inner_text())
    assert found, "the confirmation shows the reference"
    return found.group(0)


def _agent_signs_in(agent: Page, base: str, reference: str) -> None:
    agent.goto(base + "/agent/login/")
    agent.get_by_role("button", name="English").click()
    expect(agent.locator("html")).to_have_attribute("lang", "en")
    agent.get_by_label("Username").fill(AGENT[0])
    agent.get_by_label("Password").fill(AGENT[1])
    agent.get_by_role("button", name="Sign in", exact=True).click()
    expect(agent.get_by_role("heading", name="Inbox", level=1)).to_be_visible()
    agent.get_by_role("row").filter(has_text=reference).get_by_role("link", name=reference).click()
    expect(agent.get_by_role("heading", name=SUBJECT)).to_be_visible()


def _agent_sees_the_link_defanged(agent: Page, report: Message) -> None:
    body = agent.locator(f"#message-{report.pk} .message-body")
    expect(body).to_contain_text(PHISH_DEFANGED)
    flag = body.locator(".badge-danger")
    expect(flag).to_contain_text(f"impersonates {OFFICIAL_DOMAIN}")
    expect(flag).to_contain_text(TEXT["en"]["reason"])  # the reason, in the agent's language
    assert body.locator("a").count() == 0, "nothing in a customer's text is a link"
    # the same in the checklist fact the customer filled in
    fact = agent.locator(".facts .fact-url")
    expect(fact).to_contain_text(PHISH_DEFANGED)
    expect(fact.locator(".badge-danger")).to_contain_text(f"impersonates {OFFICIAL_DOMAIN}")
    # nowhere on the page, markup included, is the working link, nor a link to the site
    assert PHISH not in agent.content()
    assert agent.locator("a[href*='madoguchi-support-login']").count() == 0


def _agent_reply(agent: Page, text: str) -> None:
    agent.get_by_label("Message", exact=True).fill(text)
    agent.get_by_label("Public reply (e-mailed to the customer)").check()
    agent.get_by_role("button", name="Send", exact=True).click()


def _agent_is_held_then_sends_a_clean_reply(agent: Page, ticket: Ticket, outbox) -> Message:
    mails_before = len(outbox)
    _agent_reply(agent, BLOCKED_REPLY)
    held = agent.get_by_role("alert").filter(has_text="The never-ask guard blocked this reply")
    expect(held).to_be_visible()
    expect(held).to_contain_text("Asks for a recovery (seed) phrase")
    expect(held).to_contain_text("ask a supervisor")  # an agent cannot override
    expect(agent.get_by_label("Message", exact=True)).to_have_value(BLOCKED_REPLY)  # draft kept
    agent_messages = Message.objects.filter(ticket=ticket, author_kind=Message.Author.AGENT)
    assert not agent_messages.exists() and len(outbox) == mails_before

    _agent_reply(agent, CLEAN_REPLY)
    expect(agent.get_by_text("Reply sent to the customer.")).to_be_visible()
    sent = agent_messages.get()
    assert sent.body == CLEAN_REPLY
    expect(agent.locator(f"#message-{sent.pk}")).to_contain_text(CLEAN_REPLY[:40])
    return sent


def _reply_code(outbox, reply: Message) -> str:
    """The verification code in the e-mail that told the customer about the agent's reply."""
    acknowledgement, notice = outbox  # the blocked reply sent nothing
    assert notice.to == [EMAIL] and notice.subject.startswith(f"[{reply.ticket.reference}]")
    assert "サポートから回答がありました" in notice.subject
    codes = CODE.findall(notice.body)
    assert len(codes) == 1 and "確認コード" in notice.body, notice.body
    # the code is the reply's own, not the acknowledgement's
    stored = VerificationCode.objects.get(subject=f"message:{reply.pk}")
    assert codes[0].replace("-", "").endswith(stored.code)
    assert codes[0] not in acknowledgement.body
    return codes[0]


def _customer_checks_codes(page: Page, base: str, t: dict[str, str], code: str, ref: str) -> None:
    page.goto(base + "/verify/code/")
    # typed as people do: lower case, spaces for hyphens
    page.get_by_label(t["code_box"]).fill(code.lower().replace("-", " "))
    page.get_by_role("button", name=t["check_code"]).click()
    genuine = page.get_by_role("status")
    expect(genuine.get_by_role("heading", name=t["genuine"])).to_be_visible()
    expect(genuine).to_contain_text(code)
    expect(genuine).to_contain_text(ref)
    assert CLEAN_REPLY[:20] not in page.content()  # never the message's content
    assert EMAIL not in page.content()  # nor its recipient

    page.get_by_label(t["code_box"]).fill(MADE_UP_CODE)
    page.get_by_role("button", name=t["check_code"]).click()
    unknown = page.get_by_role("alert").filter(has_text=t["not_ours"])
    expect(unknown.get_by_role("heading", name=t["not_ours"])).to_be_visible()
    expect(page.get_by_role("heading", name=t["genuine"])).to_have_count(0)
    assert ref not in page.content()


def _customer_checks_the_link(page: Page, base: str, t: dict[str, str]) -> None:
    page.goto(base + "/verify/")
    page.get_by_label(t["value_box"]).fill(PHISH)
    page.get_by_role("button", name=t["check"], exact=True).click()
    verdict = page.get_by_role("status")
    expect(verdict.get_by_role("heading", name=t["impersonation"])).to_be_visible()
    expect(verdict).to_contain_text(t["imitates"])
    expect(verdict).to_contain_text(t["reason"])
    assert page.locator("a[href*='madoguchi-support-login']").count() == 0


@pytest.mark.django_db(transaction=True)
def test_trust_centre_walkthrough(
    page: Page, browser: Browser, live_server, mailoutbox, tmp_path: Path
) -> None:
    base = live_server.url
    page.set_default_timeout(10_000)

    _admin_registers_the_website(browser, base)
    # the rest of the brand's channels through the import service (the domain is unchanged)
    officials_import(lines=demo_data.OFFICIAL_CHANNELS.splitlines())
    assert OfficialChannel.objects.filter(kind="domain").count() == 1

    reference = _customer_reports_the_link(page, base)
    ticket = Ticket.objects.get(reference=reference)
    report = ticket.messages.get(author_kind=Message.Author.CUSTOMER)
    [link] = [link for link in report.analysis["links"] if link["kind"] == "url"]
    assert (link["verdict"], link["imitates"]) == ("impersonation", OFFICIAL_DOMAIN)

    agent_create(username=AGENT[0], password=AGENT[1], name="Emma Walsh", language="en")
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    try:
        agent = context.new_page()
        agent.set_default_timeout(10_000)
        _agent_signs_in(agent, base, reference)
        _agent_sees_the_link_defanged(agent, report)
        reply = _agent_is_held_then_sends_a_clean_reply(agent, ticket, mailoutbox)
        agent.screenshot(path=str(tmp_path / "agent-ticket.png"), full_page=True)
    finally:
        context.close()

    code = _reply_code(mailoutbox, reply)
    _customer_checks_codes(page, base, TEXT["ja"], code, reference)
    _customer_checks_the_link(page, base, TEXT["ja"])
    page.screenshot(path=str(tmp_path / "ja-verify.png"), full_page=True)

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _customer_checks_the_link(page, base, TEXT["en"])
    _customer_checks_codes(page, base, TEXT["en"], code, reference)
    page.screenshot(path=str(tmp_path / "en-verify-code.png"), full_page=True)
    print(f"screenshots: {tmp_path}")
