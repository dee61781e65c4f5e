"""A real HTTP server on loopback implementing the send endpoints the desk calls.

LINE Messaging API: ``POST /v2/bot/message/reply`` (a reply token works once) and
``POST /v2/bot/message/push`` (``X-Line-Retry-Key`` already accepted: 409), both requiring
``Authorization: Bearer <token>``; Telegram Bot API: ``POST /bot<token>/sendMessage``. Every
call is recorded; ``script`` queues answers (status, headers, body) to give instead of the
documented success, e.g. a 429 with ``Retry-After``.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LINE_TOKEN = "line-access-token-for-tests"
TELEGRAM_TOKEN = "123456:telegram-bot-token-for-tests"


@dataclass(frozen=True)
class Call:
    path: str
    headers: dict[str, str]
    json: dict[str, Any]
    status: int


class FakePlatforms:
    """``with FakePlatforms() as api: ... api.url ... api.calls``."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.script: deque[tuple[int, dict[str, str], dict[str, Any]]] = deque()
        self.used_reply_tokens: set[str] = set()
        self.retry_keys: set[str] = set()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # http.server calls it by this name
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    data = json.loads(raw)
                except json.JSONDecodeError:
                    data = {}
                status, headers, body = fake._answer(self.path, dict(self.headers.items()), data)
                fake.calls.append(Call(self.path, dict(self.headers.items()), data, status))
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _answer(self, path: str, headers: dict[str, str], data: dict[str, Any]):
        if self.script:
            return self.script.popleft()
        if path in ("/v2/bot/message/reply", "/v2/bot/message/push"):
            if headers.get("Authorization") != f"Bearer {LINE_TOKEN}":
                return 401, {}, {"message": "Authentication failed"}
            messages = data.get("messages")
            if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
                return 400, {}, {"message": "The request body has 1 error(s)"}
            for m in messages:
                if m.get("type") != "text" or not 1 <= len(m.get("text") or "") <= 5000:
                    return 400, {}, {"message": "Invalid message"}
            if path.endswith("/reply"):
                token = data.get("replyToken")
                if not token or token in self.used_reply_tokens:
                    return 400, {}, {"message": "Invalid reply token"}
                self.used_reply_tokens.add(token)
                return 200, {}, {}
            if not str(data.get("to", "")).startswith("U"):
                return 400, {}, {"message": "The property, 'to', in the request body is invalid"}
            key = headers.get("X-Line-Retry-Key", "")
            if key in self.retry_keys:
                return 409, {}, {"message": "The retry key is already accepted"}
            if key:
                self.retry_keys.add(key)
            return 200, {}, {"sentMessages": [{"id": "1"}]}
        if path == f"/bot{TELEGRAM_TOKEN}/sendMessage":
            text = data.get("text")
            if not isinstance(data.get("chat_id"), int) or not 1 <= len(text or "") <= 4096:
                return 400, {}, {"ok": False, "error_code": 400, "description": "Bad Request"}
            return 200, {}, {"ok": True, "result": {"message_id": len(self.calls) + 1}}
        if path.startswith("/bot") and path.endswith("/sendMessage"):
            return 401, {}, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        return 404, {}, {"message": "Not found"}

    def sent(self) -> list[Call]:
        """The calls that succeeded."""
        return [c for c in self.calls if c.status == 200]

    def texts(self) -> list[str]:
        """Every text delivered successfully, in order."""
        out: list[str] = []
        for call in self.sent():
            if "messages" in call.json:
                out += [m["text"] for m in call.json["messages"]]
            elif "text" in call.json:
                out.append(call.json["text"])
        return out

    def __enter__(self) -> FakePlatforms:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
