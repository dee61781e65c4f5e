"""POST a webhook to a URL the operator's integrator chose, without becoming an SSRF proxy.

Every address the host resolves to must be public (not loopback, private, link-local,
multicast, reserved, shared or unspecified, IPv4-mapped forms included); the connection then
goes to the address that was checked, so a second DNS answer cannot swap in 127.0.0.1 (DNS
rebinding). Redirects are followed at most :data:`MAX_REDIRECTS` times, each target checked
the same way. Pure: no Django.

>>> # webhook_post("https://hooks.example.com/madoguchi", b"{}", {"Content-Type": ...})
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3
_REDIRECTS = {301, 302, 303, 307, 308}
#: Only this much of a receiver's answer is read (it is logged, never used).
MAX_RESPONSE_BYTES = 16 * 1024


class WebhookTransportError(Exception):
    """The delivery did not get an HTTP answer (DNS, connection, TLS, too many redirects)."""


class WebhookTargetRefused(WebhookTransportError):
    """The URL points somewhere webhooks must not go (a private address, a bad scheme)."""


@dataclass(frozen=True)
class WebhookResponse:
    status: int
    retry_after: str | None
    body: bytes
    url: str


def address_refused(address: str) -> bool:
    """True for an address a webhook must not reach (anything but a public unicast one)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    embedded = []
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
        if ip.teredo:
            embedded.append(ip.teredo[1])
    return any(
        not candidate.is_global
        or candidate.is_loopback
        or candidate.is_private
        or candidate.is_link_local
        or candidate.is_multicast
        or candidate.is_reserved
        or candidate.is_unspecified
        for candidate in (ip, *embedded)
    )


def url_check(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an acceptable URL; WebhookTargetRefused if not."""
    if len(url) > 2000 or any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise WebhookTargetRefused("the URL is too long or contains spaces or control characters")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise WebhookTargetRefused("only http and https URLs are allowed")
    if parts.username is not None or parts.password is not None:
        raise WebhookTargetRefused("credentials in the URL are not allowed")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise WebhookTargetRefused("the port is not valid") from exc
    host = parts.hostname
    if not host:
        raise WebhookTargetRefused("the URL has no host")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port, path


def resolve_checked(
    host: str, port: int, *, allow_private: bool, allow_addresses: frozenset[str] = frozenset()
) -> list[str]:
    """The host's addresses, all of them checked; refused if any one is not public.

    ``allow_addresses`` lets exact addresses through (an intranet receiver, a test server)
    while everything else stays guarded; ``allow_private`` turns the check off.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise WebhookTransportError(f"cannot resolve {host!r}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise WebhookTransportError(f"{host!r} has no address")
    if not allow_private:
        refused = [a for a in addresses if a not in allow_addresses and address_refused(a)]
        if refused:
            raise WebhookTargetRefused(f"{host!r} resolves to a non-public address {refused[0]}")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """An HTTP connection to a checked address; Host still names the URL's host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is verified for the URL's host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _post_once(
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    allow_private: bool,
    allow_addresses: frozenset[str],
    timeout: float,
) -> WebhookResponse:
    scheme, host, port, path = url_check(url)
    addresses = resolve_checked(
        host, port, allow_private=allow_private, allow_addresses=allow_addresses
    )
    factory = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    error: Exception | None = None
    for address in addresses:
        connection = factory(host, port, address, timeout)
        try:
            connection.request("POST", path, body=body, headers=dict(headers))
            response = connection.getresponse()
            data = response.read(MAX_RESPONSE_BYTES)
            location = response.getheader("Location")
            if response.status in _REDIRECTS and location:
                return WebhookResponse(response.status, None, data, urljoin(url, location))
            return WebhookResponse(response.status, response.getheader("Retry-After"), data, url)
        except (OSError, http.client.HTTPException) as exc:
            error = exc  # try the next address of the host
        finally:
            connection.close()
    raise WebhookTransportError(f"no answer from {host}: {error}")


def webhook_post(
    url: str,
    body: bytes,
    headers: Mapping[str, str],
    *,
    allow_private: bool = False,
    allow_addresses: frozenset[str] = frozenset(),
    timeout: float = 10.0,
    max_redirects: int = MAX_REDIRECTS,
) -> WebhookResponse:
    """POST ``body`` to ``url`` (redirects re-checked and followed, the body posted again)."""
    current = url
    for _hop in range(max_redirects + 1):
        response = _post_once(
            current,
            body,
            headers,
            allow_private=allow_private,
            allow_addresses=allow_addresses,
            timeout=timeout,
        )
        if response.status not in _REDIRECTS or response.url == current:
            return response
        current = response.url
    raise WebhookTransportError(f"more than {max_redirects} redirects")
