"""A fitted :class:`Understander` saved in the desk's data directory, keyed by what built it.

Training on the bundled knowledge base takes a second or two (cross-validated calibration);
a desk that restarts should not pay that again. The key is a hash of the articles, the code
version and the library versions, so any change to either retrains.

The file is a pickle. That is acceptable only because the desk itself wrote it, in its own data
directory, which only the desk's user can write (an attacker who can write there can already
replace the database). Never point this at a directory others can write to.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from madoguchi.nlu.encoders import Encoder
from madoguchi.nlu.understander import ArticleRecord, Understander

log = logging.getLogger(__name__)

__all__ = ["MODEL_VERSION", "cache_key", "load_or_build"]

#: Bump when features, training data or the model change in a way the hash cannot see.
MODEL_VERSION = "nlu-2"
#: How many model files to keep in the directory (older ones are deleted).
KEEP = 3


def cache_key(articles: Sequence[ArticleRecord]) -> str:
    """SHA-256 of the articles, the model version and the libraries that shape the model."""
    import numpy
    import sklearn
    import sudachipy

    digest = hashlib.sha256()
    versions = [MODEL_VERSION, sklearn.__version__, numpy.__version__, sudachipy.__version__]
    digest.update(json.dumps(versions).encode())
    for a in sorted(articles, key=lambda a: (a.slug, a.language)):
        record = [a.slug, a.language, a.intent, a.title, a.summary, a.body, list(a.examples)]
        digest.update(json.dumps(record, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def load_or_build(
    articles: Sequence[ArticleRecord],
    directory: Path | str | None,
    *,
    encoder: Encoder | None = None,
) -> Understander:
    """The cached model for exactly these articles, or a new one (then saved) when absent.

    ``directory=None`` never caches. A file that cannot be read is rebuilt, never fatal. A
    model with a dense ``encoder`` is not written to disk: it would carry the encoder (an API
    key, or a whole neural network) into the file.
    """
    articles = list(articles)
    if directory is None or encoder is not None:
        return Understander(articles, encoder=encoder)
    folder = Path(directory)
    path = folder / f"understander-{cache_key(articles)[:32]}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as handle:
                model = pickle.load(handle)  # noqa: S301 - the desk's own file, see module doc
            if isinstance(model, Understander):
                return model
        except Exception:
            log.warning("model cache %s unreadable; rebuilding", path)
    model = Understander(articles)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder, keep=path)
    except OSError as exc:  # a read-only data dir: work uncached
        log.warning("model cache not written to %s: %s", folder, exc)
    return model


def _write_atomically(path: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".understander-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(folder: Path, *, keep: Path) -> None:
    files = sorted(
        folder.glob("understander-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for old in [f for f in files if f != keep][KEEP - 1 :]:
        old.unlink(missing_ok=True)
