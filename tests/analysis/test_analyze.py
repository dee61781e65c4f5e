"""The orchestrator: input checking, time anchoring, overlap resolution, redaction."""

from datetime import datetime

import pytest

from madoguchi.analysis import Entity, SecretSpan, analyze
from madoguchi.analysis._analyze import _resolve_overlaps
from madoguchi.analysis._errors import AnalysisError, AnalysisInputError
from madoguchi.analysis._redact import marker, redact


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["list"]])
def test_non_text_input_is_a_clear_error(bad):
    with pytest.raises(AnalysisInputError, match="needs text"):
        analyze(bad)


def test_unknown_time_zone_is_a_clear_error_without_the_text():
    with pytest.raises(AnalysisError) as info:
        analyze("my password is hunter22", tz="Mars/Olympus")
    assert "hunter22" not in str(info.value)
    assert "Mars/Olympus" in str(info.value)


def test_bad_received_at_is_a_clear_error():
    with pytest.raises(AnalysisInputError, match="ISO 8601"):
        analyze("hello", received_at="yesterday-ish")


@pytest.mark.parametrize(
    "received_at",
    ["2026-11-29T10:00:00+09:00", "2026-11-29T10:00:00", datetime(2026, 11, 29, 10, 0)],
)
def test_received_at_accepts_iso_strings_and_naive_datetimes(received_at):
    assert analyze("昨日の夜に送金しました", received_at=received_at).language == "ja"


def test_lone_surrogates_become_replacement_characters_same_length():
    text = "abc\ud800def\udfff"
    result = analyze(text)
    assert result.redacted == "abc\ufffddef\ufffd"
    result.redacted.encode("utf-8")  # storable


def _e(kind, start, end):
    return Entity(kind=kind, text="x" * (end - start), start=start, end=end)


def test_entities_inside_a_secret_are_dropped():
    secret = SecretSpan(kind="private_key", start=10, end=74)
    kept = _resolve_overlaps([_e("txid", 10, 74), _e("asset", 0, 3)], [secret])
    assert [e.kind for e in kept] == ["asset"]


def test_overlaps_keep_the_higher_priority_kind_and_sort_by_position():
    kept = _resolve_overlaps(
        [_e("domain", 8, 20), _e("url", 0, 30), _e("amount", 40, 45), _e("phone", 41, 50)],
        [],
    )
    assert [(e.kind, e.start) for e in kept] == [("url", 0), ("amount", 40)]


def test_empty_spans_are_ignored():
    assert _resolve_overlaps([_e("asset", 3, 3)], []) == []


def test_redact_replaces_only_the_spans_and_uses_the_language_label():
    text = "pw: abc123 ok"
    spans = [SecretSpan(kind="password", start=4, end=10)]
    assert redact(text, spans) == "pw: [redacted: password] ok"
    assert redact(text, spans, language="ja") == "pw: [伏字: パスワード] ok"
    assert marker("recovery_phrase") == "[redacted: recovery phrase]"


def test_redact_merges_overlapping_spans_without_losing_text():
    text = "0123456789"
    spans = [SecretSpan("password", 2, 6), SecretSpan("password", 4, 8)]
    assert redact(text, spans) == "01[redacted: password][redacted: password]89"


def test_repr_never_contains_the_message():
    result = analyze("my password is Sup3rSecret!")
    assert "Sup3rSecret" not in repr(result)
    for s in result.secrets:
        assert "Sup3rSecret" not in repr(s)


# --- end to end, through the real detectors --------------------------------------------------

KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
TXID = "5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"


def test_hex_with_key_context_is_redacted_and_not_reported_as_txid():
    result = analyze(f"秘密鍵は {KEY} です")
    assert [s.kind for s in result.secrets] == ["private_key"]
    assert KEY not in result.redacted
    assert all(e.kind != "txid" for e in result.entities)
    assert result.redacted == "秘密鍵は [伏字: 秘密鍵] です"


def test_hex_given_as_txid_is_kept_and_reported():
    text = f"TxID: 0x{TXID} の送金が反映されません"
    result = analyze(text)
    assert result.secrets == ()
    assert result.redacted == text
    txids = [e for e in result.entities if e.kind == "txid"]
    assert len(txids) == 1
    assert text[txids[0].start : txids[0].end] == txids[0].text
    assert TXID in txids[0].text


def test_wrong_network_deposit_is_flagged():
    result = analyze("ERC20で TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t に 100 USDT を送りました")
    assert "network_mismatch" in {f.code for f in result.findings}
    address = next(e for e in result.entities if e.kind == "address")
    assert address.chain == "tron" and address.valid is True


def test_as_dict_matches_the_documented_json_shape():
    d = analyze("I sent 0.5 ETH yesterday, my password is hunter2!!").as_dict()
    assert set(d) == {"redacted", "language", "secrets", "entities", "findings"}
    assert d["secrets"] and set(d["secrets"][0]) == {"kind", "start", "end"}
    for e in d["entities"]:
        assert {"kind", "text", "start", "end", "value", "chain", "valid"} <= set(e)


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

spans = st.lists(
    st.tuples(
        st.sampled_from(["url", "domain", "amount", "phone", "asset"]),
        st.integers(0, 50),
        st.integers(1, 10),
    ),
    max_size=25,
)


@given(spans, st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10)), max_size=4))
def test_overlap_resolution_matches_brute_force(raw_entities, raw_secrets):
    entities = [_e(kind, start, start + length) for kind, start, length in raw_entities]
    secrets, taken = [], []
    for start, length in sorted(raw_secrets):
        if all(start >= e or start + length <= s for s, e in taken):
            secrets.append(SecretSpan("password", start, start + length))
            taken.append((start, start + length))
    kept = _resolve_overlaps(entities, secrets)
    for a in kept:
        assert not any(a.start < s.end and s.start < a.end for s in secrets)
        for b in kept:
            assert a is b or a.end <= b.start or b.end <= a.start
    # every dropped entity overlaps a secret or a kept entity
    for e in entities:
        if e not in kept and e.end > e.start:
            assert any(e.start < k.end and k.start < e.end for k in [*kept, *secrets])


def test_warm_up_loads_the_language_model():
    from madoguchi.analysis import language, warm_up

    warm_up()
    assert language._identifier is not None
    assert analyze("Bonjour, je n'arrive pas à retirer mes fonds depuis hier soir").language == "fr"
