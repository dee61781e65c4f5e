"""The log's name and key: a log keeps the name it was created with (whatever URL the desk is
later reached at); an explicit origin that does not match the key is refused, clearly."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from madoguchi.desk.commands_log import _reporting
from madoguchi.transparency.keys import key_path, log_origin, log_signer


@pytest.fixture
def key_file(tmp_path, settings):
    settings.LEDGER_KEY_FILE = str(tmp_path / "ledger_signing_key")
    settings.LEDGER_ORIGIN = ""
    return tmp_path / "ledger_signing_key"


def test_a_new_log_is_named_after_the_site_and_keeps_that_name(key_file, settings):
    settings.SITE_URL = "http://127.0.0.1:8767"
    signer = log_signer()
    assert signer.name == "127.0.0.1:8767/madoguchi-log" == log_origin()
    assert key_path() == key_file and key_file.stat().st_mode & 0o777 == 0o600
    settings.SITE_URL = "https://desk.example.com"  # served elsewhere later: same log
    assert log_origin() == "127.0.0.1:8767/madoguchi-log"
    assert log_signer().verifier.key_id == signer.verifier.key_id


def test_an_explicit_origin_that_does_not_match_the_key_is_refused(key_file, settings):
    settings.SITE_URL = "https://desk.example.com"
    log_signer()
    settings.LEDGER_ORIGIN = "other.example/log"
    expected = re.escape("is for the log 'desk.example.com/madoguchi-log'")
    with pytest.raises(ImproperlyConfigured, match=expected):
        log_signer()


def test_the_command_reports_a_misconfigured_key_as_a_usage_error(capsys):
    def broken(_args):
        raise ImproperlyConfigured("ledger key /x is for the log 'a', not 'b'")

    assert _reporting("verify", broken)(None) == 2
    assert "madoguchi log verify: ledger key /x" in capsys.readouterr().err
