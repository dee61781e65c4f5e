"""No secret ever shows up in a repr, a str, or an exception message."""

from __future__ import annotations

import pytest

from madoguchi.analysis._errors import AnalysisError
from madoguchi.analysis._redact import redact
from madoguchi.analysis.shield import find_secrets

SECRETS = [
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
    "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
    "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35",
    "Hunter22!zz",
    "482913",
]
MESSAGES = [
    f"phrase: {SECRETS[0]}",
    f"key {SECRETS[1]}",
    f"xprv is {SECRETS[2]}",
    f"秘密鍵 {SECRETS[3]}",
    f"password: {SECRETS[4]}",
    f"認証コードは{SECRETS[5]}です",
]


@pytest.mark.parametrize(("message", "secret"), list(zip(MESSAGES, SECRETS, strict=True)))
def test_results_never_show_the_secret(message, secret):
    found = find_secrets(message)
    assert found
    for shown in (repr(found), str(found), [s.reason for s in found], [s.as_dict() for s in found]):
        assert secret not in str(shown)
        assert secret[:6] not in str(shown)
    assert secret not in redact(message, found)


@pytest.mark.parametrize("secret", SECRETS)
def test_exceptions_never_show_the_secret(secret):
    for bad in (secret.encode(), [secret], {"text": secret}):
        with pytest.raises(AnalysisError) as info:
            find_secrets(bad)  # type: ignore[arg-type]
        assert secret not in str(info.value) and secret not in repr(info.value)
