"""Help articles' Markdown as HTML that is safe to show: rendered, then sanitised by nh3.

>>> str(render_markdown("**hi** <script>x</script>"))
'<p><strong>hi</strong> </p>'
"""

from __future__ import annotations

from html import unescape

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"https", "http", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def plain_text(text: str) -> str:
    """An article's Markdown as one line of plain text (for snippets; escape it when shown)."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return " ".join(unescape(nh3.clean(html, tags=set())).split())


def snippet(summary: str, body: str, *, length: int = 160) -> str:
    """The text under a search result: the summary, else the body's start, cut at a word."""
    text = " ".join(summary.split()) or plain_text(body[: length * 8])
    if len(text) <= length:
        return text
    cut = text[:length]
    space = cut.rfind(" ")
    return (cut[:space] if space > length // 2 else cut).rstrip(" ,.、。") + "…"
