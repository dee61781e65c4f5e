"""The customer is told, in both languages, what was removed and what to do."""

from madoguchi.analysis import SecretSpan, analyze
from madoguchi.analysis.secret_warnings import warn


def test_one_finding_per_kind_with_every_span():
    found = warn(
        [
            SecretSpan("password", 0, 5),
            SecretSpan("recovery_phrase", 10, 90),
            SecretSpan("password", 95, 99),
        ]
    )
    assert [(f.details["kind"], f.severity) for f in found] == [
        ("recovery_phrase", "danger"),
        ("password", "warning"),
    ]
    assert found[1].spans == ((0, 5), (95, 99))
    assert "never ask" in found[0].message_en and "決してありません" in found[0].message_ja
    assert "新しいウォレット" in found[0].message_ja


def test_no_secret_no_warning():
    assert warn([]) == []
    assert all(f.code != "secret_shared" for f in analyze("送金が届きません").findings)


def test_analyze_warns_without_repeating_the_secret():
    text = "認証コードは 482913 です"
    result = analyze(text)
    shared = [f for f in result.findings if f.code == "secret_shared"]
    assert len(shared) == 1 and shared[0].details == {"kind": "one_time_code"}
    assert "482913" not in shared[0].message_en + shared[0].message_ja
