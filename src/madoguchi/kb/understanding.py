"""The assistant's understanding engine over the desk's knowledge base (reads only).

``understander()`` returns a :class:`madoguchi.nlu.Understander` built from the ``Article``
rows, cached per process and rebuilt when the articles change (the check is one aggregate
query: row count and latest ``updated_at``). The fitted model is also kept on disk under
``DATA_DIR/models`` (see :mod:`madoguchi.nlu.cache`), so a restarted desk does not retrain.

A dense sentence encoder is off by default (docs/decisions.md, D11). An operator turns one on
with environment variables: ``MADOGUCHI_NLU_ENCODER=minilm`` (needs the ``embeddings`` extra)
or ``MADOGUCHI_NLU_ENCODER=openai`` with ``MADOGUCHI_NLU_ENCODER_URL`` (e.g.
``http://127.0.0.1:8080/v1``), ``MADOGUCHI_NLU_ENCODER_MODEL`` and, if the server wants one,
``MADOGUCHI_NLU_ENCODER_KEY``.

>>> # understander().understand("USDTの出金が届かない").intent  -> 'funds.withdrawal_delayed'
>>> # search_articles("withd", "en")[0].slug                     -> 'funds-withdrawal-delayed'
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from django.conf import settings
from django.db.models import Count, Max

from madoguchi.kb.models import Article
from madoguchi.nlu import (
    Encoder,
    EncoderError,
    Hit,
    MiniLMEncoder,
    OpenAICompatibleEncoder,
    Understander,
    records,
)
from madoguchi.nlu.cache import load_or_build

__all__ = ["search_articles", "understander"]

log = logging.getLogger(__name__)

_lock = threading.Lock()
_state: dict[str, Any] = {"stamp": None, "model": None, "building": None, "thread": None}


def _stamp() -> tuple[int, Any]:
    row = Article.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (row["count"], row["latest"])


def _cache_dir() -> Any:
    data_dir = getattr(settings, "DATA_DIR", None)
    return None if data_dir is None else data_dir / "models"


def encoder_from_environment(environ: Any = os.environ) -> Encoder | None:
    """The dense encoder the operator configured, or ``None`` (the default: TF-IDF only)."""
    kind = environ.get("MADOGUCHI_NLU_ENCODER", "").strip().lower()
    if kind in ("", "none"):
        return None
    if kind == "minilm":
        return MiniLMEncoder()
    if kind == "openai":
        url = environ.get("MADOGUCHI_NLU_ENCODER_URL", "").strip()
        model = environ.get("MADOGUCHI_NLU_ENCODER_MODEL", "").strip()
        if not url or not model:
            raise EncoderError(
                "MADOGUCHI_NLU_ENCODER=openai needs MADOGUCHI_NLU_ENCODER_URL and "
                "MADOGUCHI_NLU_ENCODER_MODEL"
            )
        return OpenAICompatibleEncoder(url, model, environ.get("MADOGUCHI_NLU_ENCODER_KEY") or None)
    raise EncoderError(f"MADOGUCHI_NLU_ENCODER must be minilm, openai or none, got {kind!r}")


def understander(*, wait: bool = True) -> Understander:
    """The engine for the current articles, shared by all threads.

    The first call builds it (seconds; from the disk cache when the articles are known). After
    an article changes, the next call rebuilds it. With ``wait=False`` the rebuild runs in a
    background thread and the previous engine answers until the new one is ready, so an edit
    in the admin never stalls a customer's chat (a live chat view should pass it).
    """
    stamp = _stamp()
    model = _state["model"]
    if model is not None and _state["stamp"] == stamp:
        return model
    with _lock:
        if _state["model"] is not None and _state["stamp"] == stamp:
            return _state["model"]
        rows = Article.objects.order_by("language", "slug").values(
            "slug", "language", "intent", "title", "summary", "body", "examples", "related"
        )
        articles = records(rows)  # read here: a background thread would not see this transaction
        if _state["model"] is None or wait:
            model = _build(articles)
            _state["model"], _state["stamp"], _state["building"] = model, stamp, None
            return model
        if _state.get("building") != stamp:
            _state["building"] = stamp
            thread = threading.Thread(
                target=_build_in_background, args=(articles, stamp), daemon=True
            )
            _state["thread"] = thread
            thread.start()
        return _state["model"]


def _build(articles: list[Any]) -> Understander:
    return load_or_build(articles, _cache_dir(), encoder=encoder_from_environment())


def _build_in_background(articles: list[Any], stamp: tuple[int, Any]) -> None:
    try:
        model = _build(articles)
    except Exception:  # keep serving the previous engine; say why in the log
        log.exception("rebuilding the assistant's engine failed; the previous one stays")
        with _lock:
            if _state.get("building") == stamp:
                _state["building"] = None
        return
    with _lock:
        if _state.get("building") == stamp:  # a newer change may have started another build
            _state["model"], _state["stamp"], _state["building"] = model, stamp, None


def search_articles(query: str, language: str | None, limit: int = 10) -> list[Hit]:
    """Help-centre search as the customer types: best articles first, ``language`` preferred.

    ``language`` is ``"ja"``, ``"en"`` or ``None`` (detected from the query).
    """
    if language not in (None, "ja", "en"):
        language = None
    return understander().search(query, language, limit)
