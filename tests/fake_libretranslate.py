"""A LibreTranslate-compatible server on 127.0.0.1 for tests and benchmarks.

It answers ``POST /translate`` as LibreTranslate does (``translatedText``),
with a deterministic "translation" (``DE: <text>``), and can be told to be
slow, to answer 429 or 500, to hang, to send broken JSON, to damage the
placeholders, or to refuse a wrong API key. :func:`silent_server` accepts
connections and never answers, :func:`closed_port` is a port nobody listens
on. None of them reaches any other host.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def fake_translation(text: str, target: str) -> str:
    return f"{target.upper()}: {text}"


@dataclass
class Behaviour:
    """What the server does; ``script`` is consumed one request at a time, then normal answers."""

    latency: float = 0.0
    script: list[int | str] = field(default_factory=list)
    always: int | str | None = None
    api_key: str | None = None
    hang_seconds: float = 30.0
    requests: int = 0
    answered: int = 0
    first_request: float | None = None  # time.monotonic() of the first request
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_action(self) -> int | str | None:
        with self.lock:
            self.first_request = self.first_request or time.monotonic()
            self.requests += 1
            if self.script:
                return self.script.pop(0)
            return self.always


def _handler(behaviour: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            query = {**parse_qs(urlsplit(self.path).query), **parse_qs(body)}
            values = {key: items[0] for key, items in query.items()}
            if not self.path.startswith("/translate"):
                self._send(404, b'{"error": "not found"}')
                return
            action = behaviour.next_action()
            if behaviour.latency:
                time.sleep(behaviour.latency)
            if behaviour.api_key is not None and values.get("api_key") != behaviour.api_key:
                self._send(403, b'{"error": "Invalid API key"}')
                return
            if action == "hang":
                time.sleep(behaviour.hang_seconds)
                return
            if isinstance(action, int):
                self._send(action, json.dumps({"error": f"status {action}"}).encode())
                return
            text = values.get("q", "")
            translated = fake_translation(text, values.get("target", "xx"))
            if action == "broken":
                self._send(200, b'{"translatedText": "unterminated')
                return
            if action == "damage":
                translated = translated.replace("{0}", "").replace("{1}", "{7}")
            with behaviour.lock:
                behaviour.answered += 1
            self._send(200, json.dumps({"translatedText": translated}).encode())

    return Handler


@contextmanager
def running_server(behaviour: Behaviour) -> Iterator[str]:
    """Serve on 127.0.0.1 (a free port) while the block runs; yield the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(behaviour))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Silence:
    """What a silent server saw: the connections it accepted, and when the first came."""

    accepted: int = 0
    first: float | None = None


@contextmanager
def silent_server() -> Iterator[tuple[str, Silence]]:
    """A server on 127.0.0.1 that accepts every connection and never answers; yield its URL, what it saw."""

    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    listener.settimeout(0.05)  # a blocked accept() would not notice the end of the test
    seen, held, over = Silence(), [], threading.Event()

    def accept() -> None:
        while not over.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            seen.first = seen.first or time.monotonic()
            seen.accepted += 1
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/", seen
    finally:
        over.set()
        thread.join()
        listener.close()
        for connection in held:
            connection.close()


@contextmanager
def closed_port() -> Iterator[str]:
    """A port on 127.0.0.1 where nothing listens: bound (so no one else takes it), never listening."""

    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{bound.getsockname()[1]}/"
