"""HTML mail to safe markup (nh3) and to plain text (for the ticket body).

Only a small, vetted set of tags survives; scripts and styles go with their content; links keep
http(s)/mailto only; images are dropped (remote images are read receipts for the sender).
"""

from __future__ import annotations

from html.parser import HTMLParser

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) - {"img", "area", "map"}
_SCHEMES = {"http", "https", "mailto"}
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "table",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
    "section",
    "article",
    "header",
    "footer",
}


def sanitise(html: str) -> str:
    """HTML that is safe to embed: no script/style content, no handlers, safe link schemes.

    >>> sanitise('<p onclick="x()">hi<script>alert(1)</script></p>')
    '<p>hi</p>'
    """
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style", "title", "head", "template", "noscript"},
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._links: list[tuple[str, int]] = []  # (href, index in out where its text starts)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.out.append("\n")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self._links.append((href, len(self.out)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._links:
            href, start = self._links.pop()
            label = "".join(self.out[start:]).strip()
            if href and href not in (label, f"mailto:{label}"):
                self.out.append(f" <{href}>")
        if tag in _BLOCKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        self.out.append(data)


def to_text(html: str) -> str:
    """Sanitised HTML as readable text: blocks on their own lines, links as "text <url>".

    >>> to_text('<p>See <a href="https://x.example/a">the guide</a></p>')
    'See the guide <https://x.example/a>'
    """
    writer = _TextWriter()
    writer.feed(sanitise(html))
    writer.close()
    lines = [" ".join(line.split()) for line in "".join(writer.out).split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()
