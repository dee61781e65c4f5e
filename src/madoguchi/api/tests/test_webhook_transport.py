"""The SSRF guard and the signature, on real sockets (no Django needed)."""

from __future__ import annotations

import pytest

from madoguchi.api.tests.http_receiver import Receiver
from madoguchi.api.webhooks.signing import signature_header, signature_verify
from madoguchi.api.webhooks.transport import (
    WebhookTargetRefused,
    WebhookTransportError,
    address_refused,
    url_check,
    webhook_post,
)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1 (not global)
    ],
)
def test_non_public_addresses_are_refused(address):
    assert address_refused(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert not address_refused(address)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://localhost/hook",
        "http://2130706433/hook",  # 127.0.0.1 as one decimal number
        "http://0x7f.1/hook",
    ],
)
def test_private_targets_are_refused_before_any_connection(url):
    with pytest.raises(WebhookTargetRefused):
        webhook_post(url, b"{}", {})


def test_a_listening_loopback_server_is_refused_and_never_hit():
    with Receiver() as receiver:
        with pytest.raises(WebhookTargetRefused):
            webhook_post(receiver.url(), b"{}", {})
    assert receiver.hits == []


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/x",
        "file:///etc/passwd",
        "gopher://example.com/",
        "http://user:pw@example.com/",
        "http:///nohost",
        "http://example.com:99999/",
        "http://exa mple.com/",
        "http://example.com/\r\nX: y",
    ],
)
def test_bad_urls_are_refused(url):
    with pytest.raises(WebhookTargetRefused):
        url_check(url)


def test_redirects_to_private_addresses_are_refused():
    with Receiver() as first, Receiver(host="127.0.0.2") as inner:
        allowed = frozenset({"127.0.0.1"})  # the first hop only, as an operator might allow it
        for target in (
            inner.url("/internal"),
            "http://10.0.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/",
            "http://127.0.0.3/",  # loopback too, though not the allowed address
        ):
            first.answers.append((302, {"Location": target}))
            with pytest.raises(WebhookTargetRefused):
                webhook_post(first.url(), b"{}", {}, allow_addresses=allowed)
    assert inner.hits == []
    assert len(first.hits) == 5


def test_at_most_three_redirects_are_followed():
    with Receiver() as receiver:
        for i in range(4):
            receiver.answers.append((307, {"Location": f"/hop{i}"}))
        with pytest.raises(WebhookTransportError, match="redirects"):
            webhook_post(receiver.url(), b"{}", {}, allow_private=True)
        assert [h.path for h in receiver.hits] == ["/hook", "/hop0", "/hop1", "/hop2"]
        for i in range(3):
            receiver.answers.append((308, {"Location": f"/ok{i}"}))
        response = webhook_post(receiver.url(), b'{"a":1}', {}, allow_private=True)
    assert response.status == 200 and receiver.hits[-1].path == "/ok2"
    assert receiver.hits[-1].body == b'{"a":1}'  # the body is posted again after a redirect


def test_an_unresolvable_host_is_a_transport_error():
    with pytest.raises(WebhookTransportError):
        webhook_post("http://no-such-host.invalid/", b"{}", {})


def test_signature_round_trip_and_refusals():
    body = '{"type":"ticket.created","ticket":{"subject":"出金"}}'.encode()
    header = signature_header("whsec_abc", body, timestamp=1_800_000_000)
    assert header.startswith("t=1800000000,v1=") and len(header.split("v1=")[1]) == 64
    assert signature_verify("whsec_abc", body, header, now=1_800_000_100)
    assert not signature_verify("whsec_other", body, header, now=1_800_000_100)
    assert not signature_verify("whsec_abc", body + b" ", header, now=1_800_000_100)
    assert not signature_verify("whsec_abc", body, header, now=1_800_000_000 + 301)  # stale
    assert not signature_verify("whsec_abc", body, "", now=1_800_000_000)
    assert not signature_verify("whsec_abc", body, "t=x,v1=00", now=1_800_000_000)
    forged_time = header.replace("t=1800000000", "t=1800000200")
    assert not signature_verify("whsec_abc", body, forged_time, now=1_800_000_200)


def test_the_verification_sample_in_the_docs_works():
    import re
    import time
    from pathlib import Path

    docs = Path(__file__).resolve().parents[4] / "docs" / "api.md"
    sample = re.search(r"```python\n(.*?)```", docs.read_text(encoding="utf-8"), re.S).group(1)
    namespace: dict = {}
    exec(compile(sample, "docs/api.md", "exec"), namespace)
    body = b'{"type":"ticket.created"}'
    now = int(time.time())
    header = signature_header("whsec_doc", body, timestamp=now)
    assert namespace["verify"]("whsec_doc", body, header)
    assert not namespace["verify"]("whsec_doc", body + b"x", header)
    assert not namespace["verify"](
        "whsec_doc", body, signature_header("whsec_doc", body, timestamp=now - 600)
    )
