"""URLs, bare domains and e-mail addresses, on a :class:`~._view.View`.

>>> from madoguchi.analysis.entities._view import view
>>> [e.value for e in scan_urls(view("こちらhttps://Example.com/a。"))]
['https://example.com/a']
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from madoguchi.analysis._types import DOMAIN, EMAIL, URL, Entity
from madoguchi.analysis.entities._contacts_host import MAX_HOST, host_info
from madoguchi.analysis.entities._view import View

#: RFC 9110 §4.1 recommends supporting 8000 octets; browsers' address bars and most link
#: checkers stop far earlier. Longer runs are junk or attacks, so they are not reported.
MAX_URL = 2048

# Letters allowed in a host besides ASCII: Latin-1/Extended, Greek and Cyrillic, i.e. the
# scripts homoglyph domains are built from. Japanese characters end a host on purpose, so
# "https://example.comから" stops at "か" (Japanese IDNs are still found in punycode form).
_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
_LABEL = rf"[A-Za-z0-9{_LETTERS}\-]"
_URL_CHAR = rf"[A-Za-z0-9{_LETTERS}\-._~:/?#\[\]@!$&'()*+,;=%]"

# Possessive runs and look-behinds that refuse to start inside a run keep every scan linear.
_URL_RE = re.compile(
    rf"(?i)(?<![a-z0-9])(?:(?:h(?:tt|xx)ps?|ftp)(?::|\[:\])//|(?<![.\-@/])www\.){_URL_CHAR}*+"
)
_SCRIPT_URL_RE = re.compile(
    r"(?i)(?<![a-z0-9])(?:(?P<js>java|vb)script:[^\s\"'<>「」]++"
    r"|data:[a-z]{1,20}/[a-z0-9.+\-]{1,60}[;,][^\s\"'<>「」]*+)"
)
_DOMAIN_RE = re.compile(rf"(?<![A-Za-z0-9_.@/\-{_LETTERS}]){_LABEL}++(?:(?:\.|\[\.\]){_LABEL}++)+")
_PATH_RE = re.compile(rf"/{_URL_CHAR}*+")
_EMAIL_RE = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9_%+\-][A-Za-z0-9._%+\-]{{0,63}}+"
    rf"@({_LABEL}++(?:\.{_LABEL}++)+)"
)

_TRAILING = frozenset(".,;:!?'*")
_CLOSERS = {")": "(", "]": "["}
#: Two-label names whose "suffix" is far more often a file extension than a ccTLD/gTLD
#: (main.py, README.md, run.sh, setup.zip): not reported as bare domains.
_FILE_SUFFIXES = frozenset({"py", "md", "sh", "rs", "pl", "pm", "so", "ps", "zip", "mov"})

#: Hosts whose first path segment is an account name, and path words that are not accounts.
_SOCIAL_HOSTS = {
    "t.me": "telegram",
    "telegram.me": "telegram",
    "x.com": "x",
    "twitter.com": "x",
    "instagram.com": "instagram",
}
_NOT_ACCOUNTS = frozenset(
    {"joinchat", "s", "c", "i", "home", "intent", "search", "hashtag", "share", "p", "reel",
     "reels", "stories", "explore", "login", "settings", "addstickers", "proxy"}
)  # fmt: skip
_ACCOUNT_RE = re.compile(r"[A-Za-z0-9_.]{1,32}")


def _trim(s: str, start: int, end: int) -> int:
    """Drop trailing punctuation that ends the sentence, not the URL; keep balanced brackets."""
    while end > start:
        ch = s[end - 1]
        if ch in _TRAILING:
            end -= 1
        elif ch in _CLOSERS and s.count(_CLOSERS[ch], start, end) < s.count(ch, start, end):
            end -= 1
        else:
            break
    return end


def _social(host: str, path: str) -> dict[str, str] | None:
    platform = _SOCIAL_HOSTS.get(host.removeprefix("www.").removeprefix("mobile."))
    if platform is None:
        return None
    segment = path.lstrip("/").split("/", 1)[0].lstrip("@")
    if not _ACCOUNT_RE.fullmatch(segment) or segment.lower() in _NOT_ACCOUNTS:
        return None
    return {"platform": platform, "handle": segment.lower()}


def _url_entity(v: View, start: int, end: int, *, assumed_scheme: bool) -> Entity | None:
    raw = v.text[start:end]
    clean = raw.replace("[.]", ".").replace("[:]", ":")
    defanged = clean != raw or raw[:4].lower() == "hxxp"
    if defanged:
        clean = "http" + clean[4:] if clean[:4].lower() == "hxxp" else clean
    if assumed_scheme:
        clean = "http://" + clean  # what linkifiers (and Django's urlize) assume
    try:
        parts = urlsplit(clean)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return None
    if not host or len(host) > MAX_HOST:
        return None
    info = host_info(host)
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    warnings = list(info.warnings)
    if userinfo:
        warnings.append("credentials")
    if defanged:
        warnings.append("defanged")
    if v.has_invisible(start, end):
        warnings.append("zero_width")
    # a password in a URL is never repeated in the value
    shown_user = userinfo.split(":", 1)[0] + (":***" if ":" in userinfo else "")
    display_host = f"[{info.host}]" if ":" in info.host else info.host
    scheme = parts.scheme.lower()
    value = f"{scheme}://" + (f"{shown_user}@" if userinfo else "") + display_host
    value += f":{port}" if port is not None else ""
    value += parts.path or "/"
    value += f"?{parts.query}" if parts.query else ""
    value += f"#{parts.fragment}" if parts.fragment else ""
    details: dict[str, object] = {
        "host": info.host,
        "ascii_host": info.ascii_host,
        "registrable_domain": info.registrable_domain or None,
        "scheme": scheme,
        "has_credentials": bool(userinfo),
        "ip_host": info.ip_host,
        "warnings": warnings,
    }
    if assumed_scheme:
        details["scheme_assumed"] = True
    social = _social(info.host, parts.path)
    if social:
        details["social"] = social
    s, e = v.span(start, end)
    return Entity(URL, v.original[s:e], s, e, value=value, valid=info.ok, details=details)


def scan_urls(v: View) -> list[Entity]:
    """``http(s)://``, ``hxxp(s)://``, ``ftp://`` and ``www.`` links."""
    out: list[Entity] = []
    for m in _URL_RE.finditer(v.text):
        start = m.start()
        if m.end() - start > MAX_URL:
            continue
        end = _trim(v.text, start, m.end())
        assumed = v.text[start : start + 4].lower() == "www."
        ent = _url_entity(v, start, end, assumed_scheme=assumed)
        if ent is not None:
            out.append(ent)
    return out


def scan_script_urls(v: View) -> list[Entity]:
    """``javascript:``/``vbscript:``/``data:`` URIs: reported, and never valid links."""
    out: list[Entity] = []
    for m in _SCRIPT_URL_RE.finditer(v.text):
        start = m.start()
        end = _trim(v.text, start, min(m.end(), start + MAX_URL))
        raw = v.text[start:end]
        if ":" not in raw:  # "javascript:)" trims to a bare word: nothing to report
            continue
        scheme = raw.split(":", 1)[0].lower()
        warning = "data_scheme" if scheme == "data" else "javascript_scheme"
        s, e = v.span(start, end)
        details = {
            "host": None,
            "ascii_host": None,
            "registrable_domain": None,
            "scheme": scheme,
            "has_credentials": False,
            "ip_host": False,
            "warnings": [warning],
        }
        value = scheme + ":" + raw.split(":", 1)[1]
        out.append(Entity(URL, v.original[s:e], s, e, value=value, valid=False, details=details))
    return out


def _looks_like_prose(raw: str, info_suffix: str, labels: int) -> bool:
    first, _, last = raw.replace("[.]", ".").partition(".")
    last = raw.rsplit(".", 1)[-1]
    # "help.Please", "etc.So": a Title-case last label is a missing space, not a TLD
    if last[:1].isupper() and not last.isupper():
        return True
    if labels != 2:
        return False
    # "3.today 4.address": a numbered word list (new gTLDs cover many words); "163.com" stays
    if first.isdigit() and len(first) <= 2:
        return True
    return info_suffix in _FILE_SUFFIXES


def scan_domains(v: View) -> list[Entity]:
    """Bare host names under a real public suffix; ``host/path`` becomes a URL instead."""
    out: list[Entity] = []
    s = v.text
    for m in _DOMAIN_RE.finditer(s):
        start, end = m.start(), m.end()
        if end - start > MAX_HOST + 16 or (end < len(s) and s[end] == "@"):
            continue
        raw = s[start:end]
        host = raw.replace("[.]", ".")
        if len(host) > MAX_HOST:
            continue
        info = host_info(host)
        if not info.ok or _looks_like_prose(raw, info.suffix, host.count(".") + 1):
            continue
        if end < len(s) and s[end] == "/":
            path = _PATH_RE.match(s, end)
            if path is not None and path.end() - start <= MAX_URL:
                url_end = _trim(s, start, path.end())
                ent = _url_entity(v, start, url_end, assumed_scheme=True)
                if ent is not None:
                    out.append(ent)
                    continue
        details = {
            "registrable_domain": info.registrable_domain,
            "suffix": info.suffix,
            "ascii": info.ascii_host,
        }
        warnings = list(info.warnings)
        if raw != host:
            warnings.append("defanged")
        if v.has_invisible(start, end):
            warnings.append("zero_width")
        if warnings:
            details["warnings"] = warnings
        a, b = v.span(start, end)
        out.append(Entity(DOMAIN, v.original[a:b], a, b, value=info.host, details=details))
    return out


def scan_emails(v: View) -> list[Entity]:
    """``local@domain`` with a real public suffix; the value is lower-cased."""
    out: list[Entity] = []
    for m in _EMAIL_RE.finditer(v.text):
        domain = m.group(1)
        if len(domain) > MAX_HOST:
            continue
        info = host_info(domain)
        if not info.suffix or info.ip_host:
            continue
        local = m.group(0).split("@", 1)[0]
        # RFC 5322 dot-atom: no leading, trailing or doubled dot
        valid = info.ok and not (local.startswith(".") or local.endswith(".") or ".." in local)
        details: dict[str, object] = {
            "domain": info.host,
            "registrable_domain": info.registrable_domain or None,
        }
        if info.warnings:
            details["warnings"] = list(info.warnings)
        a, b = v.span(m.start(), m.end())
        value = f"{local.lower()}@{info.host}"
        out.append(Entity(EMAIL, v.original[a:b], a, b, value=value, valid=valid, details=details))
    return out
