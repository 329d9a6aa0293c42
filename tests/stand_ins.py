"""Web servers inside the test process that stand in for other people's services (no network).

`LocalServer` runs a handler on a free port of 127.0.0.1 in a thread; `FeedServer` answers like an Open
Referral UK feed (tests/exchange, tests/feeds); tests/connect builds its GOV.UK Notify stand-in on it.
"""

import http.server
import json
import threading
import time
from dataclasses import dataclass, field

import pytest


class QuietHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass  # test output stays readable


class LocalServer:
    """A threaded HTTP server for `handler`, started and stopped as a context manager."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Answer:
    """What the feed server sends for one path: `drip` seconds between `chunk`-byte pieces of the body."""

    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=lambda: {"Content-Type": "application/json"})
    drip: float = 0.0
    chunk: int = 1


class FeedServer(LocalServer):
    """Answers each path from `answers`, a 404 for any other, and keeps the paths it was asked for."""

    def __init__(self):
        self.answers: dict[str, Answer] = {}
        self.requests: list[str] = []
        server = self

        class Handler(QuietHandler):
            def do_GET(self):  # noqa: N802  (the http.server name)
                server.requests.append(self.path)
                answer = server.answers.get(self.path) or Answer(b'{"error": "not found"}', status=404)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in answer.headers and not answer.drip:
                    self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                try:
                    if answer.drip:
                        for at in range(0, len(answer.body), answer.chunk):
                            self.wfile.write(answer.body[at : at + answer.chunk])
                            self.wfile.flush()
                            time.sleep(answer.drip)
                    else:
                        self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the importer gave up on us, as it should

        super().__init__(Handler)

    def serve(self, body, path="/services", status=200, **headers):
        """Answer `path` with `body`: bytes as they are, anything else as JSON."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.answers[path] = Answer(raw, status=status, headers={"Content-Type": "application/json", **headers})

    def serve_pages(self, feed: dict[str, dict]):
        for path, page in feed.items():
            self.serve(page, path)
        return f"{self.url}/services?page=1"


@pytest.fixture
def feed_server():
    with FeedServer() as server:
        yield server
