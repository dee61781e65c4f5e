"""Help-article files: Markdown with a small front matter block (pure: no Django).

A file looks like this (the keys are required; ``language`` is ``ja`` or ``en``)::

    ---
    title: Sent on the wrong network
    intent: funds.wrong_network
    slug: funds-wrong-network
    language: en
    ---
    Markdown body...

>>> source = parse_article("---\\ntitle: T\\nintent: a.b\\nslug: a-b\\nlanguage: en\\n---\\nBody\\n")
>>> (source.slug, source.language, source.body)
('a-b', 'en', 'Body')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "ArticleFileError",
    "ArticleSource",
    "bundled_content_dir",
    "iter_article_files",
    "parse_article",
    "read_article",
]

LANGUAGES = ("ja", "en")
REQUIRED_KEYS = ("title", "intent", "slug", "language")
#: the model's column sizes (kb.models.Article)
MAX_TITLE, MAX_SLUG, MAX_INTENT = 200, 120, 64
#: a help article is a page, not a book: anything larger is a mistake
MAX_FILE_BYTES = 256 * 1024

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_INTENT = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*\Z")


class ArticleFileError(ValueError):
    """A file that is not a valid article; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class ArticleSource:
    slug: str
    language: str
    intent: str
    title: str
    body: str  # Markdown


def parse_article(text: str, *, name: str = "<text>") -> ArticleSource:
    """Split front matter from the body and validate it; :class:`ArticleFileError` if bad."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise ArticleFileError(f"{name}: missing front matter (the file must start with ---)")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise ArticleFileError(f"{name}: front matter is not closed with ---")
    meta: dict[str, str] = {}
    for number, line in enumerate(head.splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        if not colon:
            raise ArticleFileError(f"{name}:{number}: expected 'key: value'")
        meta[key.strip()] = value.strip()
    missing = [k for k in REQUIRED_KEYS if not meta.get(k)]
    if missing:
        raise ArticleFileError(f"{name}: missing front matter keys: {', '.join(missing)}")
    source = ArticleSource(
        slug=meta["slug"],
        language=meta["language"],
        intent=meta["intent"],
        title=meta["title"],
        body=body.strip() + "\n",
    )
    _validate(source, name)
    return source


def _validate(source: ArticleSource, name: str) -> None:
    if source.language not in LANGUAGES:
        raise ArticleFileError(f"{name}: language must be one of {', '.join(LANGUAGES)}")
    if len(source.slug) > MAX_SLUG or not _SLUG.match(source.slug):
        raise ArticleFileError(f"{name}: slug must be lower-case words joined by '-'")
    if len(source.intent) > MAX_INTENT or not _INTENT.match(source.intent):
        raise ArticleFileError(f"{name}: intent must look like 'funds.wrong_network'")
    if len(source.title) > MAX_TITLE or not source.title.isprintable():
        raise ArticleFileError(f"{name}: title must be one printable line of at most {MAX_TITLE}")
    if not source.body.strip():
        raise ArticleFileError(f"{name}: the article has no body")


def read_article(path: Path) -> ArticleSource:
    """Read and parse one file (UTF-8)."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ArticleFileError(f"{path.name}: larger than {MAX_FILE_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleFileError(f"{path.name}: not UTF-8 ({exc.reason})") from None
    return parse_article(text, name=path.name)


def iter_article_files(path: Path) -> Iterator[Path]:
    """``path`` itself if it is a file, else every ``*.md`` below it, in a stable order."""
    if path.is_file():
        yield path
        return
    if not path.is_dir():
        raise ArticleFileError(f"{path}: no such file or directory")
    yield from sorted(p for p in path.rglob("*.md") if p.is_file())


def bundled_content_dir() -> Path:
    """The sample knowledge base shipped inside the package (``madoguchi/kb/content``)."""
    return Path(str(files("madoguchi.kb").joinpath("content")))
