"""Help-article files: Markdown with a small front matter block (pure: no Django).

A file looks like this (``title``, ``intent``, ``slug`` and ``language`` are required;
``language`` is ``ja`` or ``en``; ``summary``, ``related`` and ``examples`` are optional)::

    ---
    title: Sent on the wrong network
    intent: funds.wrong_network
    slug: funds-wrong-network
    language: en
    summary: One or two sentences the assistant answers with, linking to the article.
    related: funds-missing-memo, funds-crypto-deposit-missing
    examples:
      - i sent usdt on tron but the deposit address was erc20?? help
      - Deposited ETH via Arbitrum, it never showed up
    ---
    Markdown body...

``related`` is a comma-separated list of slugs; ``examples`` is a list, one ``- item`` per
line: the questions customers really write, which train the intent classifier.

>>> source = parse_article("---\\ntitle: T\\nintent: a.b\\nslug: a-b\\nlanguage: en\\n---\\nBody\\n")
>>> (source.slug, source.language, source.body)
('a-b', 'en', 'Body\\n')
>>> parse_article("---\\ntitle: T\\nintent: a.b\\nslug: a-b\\nlanguage: en\\n"
...               "examples:\\n  - one\\n  - two\\n---\\nBody\\n").examples
('one', 'two')
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
OPTIONAL_KEYS = ("summary", "related", "examples")
#: the model's column sizes (kb.models.Article)
MAX_TITLE, MAX_SLUG, MAX_INTENT = 200, 120, 64
#: a help article is a page, not a book: anything larger is a mistake
MAX_FILE_BYTES = 256 * 1024
MAX_SUMMARY = 600
MAX_EXAMPLE = 1000
MAX_EXAMPLES = 500

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
    summary: str = ""
    related: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


def parse_article(text: str, *, name: str = "<text>") -> ArticleSource:
    """Split front matter from the body and validate it; :class:`ArticleFileError` if bad."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise ArticleFileError(f"{name}: missing front matter (the file must start with ---)")
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        raise ArticleFileError(f"{name}: front matter is not closed with ---")
    meta: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    current_list: list[str] | None = None
    for number, line in enumerate(head.splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        stripped = line.strip()
        if stripped.startswith("- ") or stripped == "-":
            if current_list is None or not line[:1].isspace():
                raise ArticleFileError(f"{name}:{number}: a list item must be indented under a key")
            item = stripped[1:].strip()
            if item:
                current_list.append(item)
            continue
        key, colon, value = line.partition(":")
        if not colon or line[:1].isspace():
            raise ArticleFileError(f"{name}:{number}: expected 'key: value'")
        key, value = key.strip(), value.strip()
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            raise ArticleFileError(f"{name}:{number}: unknown key {key!r}")
        if key in meta or key in lists:
            raise ArticleFileError(f"{name}:{number}: key {key!r} given twice")
        if key == "examples":
            if value:
                raise ArticleFileError(f"{name}:{number}: examples is a list of '- item' lines")
            current_list = lists[key] = []
        else:
            current_list = None
            meta[key] = value
    missing = [k for k in REQUIRED_KEYS if not meta.get(k)]
    if missing:
        raise ArticleFileError(f"{name}: missing front matter keys: {', '.join(missing)}")
    source = ArticleSource(
        slug=meta["slug"],
        language=meta["language"],
        intent=meta["intent"],
        title=meta["title"],
        body=body.strip() + "\n",
        summary=meta.get("summary", ""),
        related=tuple(r.strip() for r in meta.get("related", "").split(",") if r.strip()),
        examples=tuple(lists.get("examples", ())),
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
    if len(source.summary) > MAX_SUMMARY:
        raise ArticleFileError(f"{name}: summary longer than {MAX_SUMMARY} characters")
    for slug in source.related:
        if len(slug) > MAX_SLUG or not _SLUG.match(slug):
            raise ArticleFileError(f"{name}: related {slug!r} is not a slug")
    if len(source.examples) > MAX_EXAMPLES:
        raise ArticleFileError(f"{name}: more than {MAX_EXAMPLES} examples")
    for example in source.examples:
        if len(example) > MAX_EXAMPLE:
            raise ArticleFileError(f"{name}: an example longer than {MAX_EXAMPLE} characters")


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
    """The sample knowledge base shipped inside the package (``madoguchi/content/kb``)."""
    return Path(str(files("madoguchi").joinpath("content", "kb")))
