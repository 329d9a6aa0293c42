"""A feed server inside the test process (no network), and ORUK services and pages to serve from it."""

import copy
import http.server
import json
import threading
import time
import uuid
from dataclasses import dataclass, field

import pytest

from tests.oruk.conftest import schemas  # noqa: F401  (a fixture used by these tests)

ORGANISATION = {"id": "9a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d", "name": "Seaside Families", "description": "A charity."}


def service(n: int = 0, **changes) -> dict:
    """A small valid ORUK service, number `n`, at a real West Sussex postcode."""
    record = {
        "id": str(uuid.UUID(int=0x3F1C2D7A52A44C579D0B000000000000 + n)),
        "name": f"Family service {n}",
        "description": "Help with parenting.",
        "status": "active",
        "organization": copy.deepcopy(ORGANISATION),
        "service_at_locations": [
            {
                "id": str(uuid.UUID(int=0xB1E2C3D4A5B64C7D8E9F000000000000 + n)),
                "location": {
                    "id": str(uuid.UUID(int=0xC2D3E4F5A6B74C8D9E0F000000000000 + n)),
                    "location_type": "physical",
                    "name": "Bognor Library",
                    "addresses": [
                        {
                            "id": str(uuid.UUID(int=0xD3E4F5A6B7C84D9E8F0A000000000000 + n)),
                            "address_1": "London Road",
                            "city": "Bognor Regis",
                            "state_province": "West Sussex",
                            "postal_code": "PO21 1DP",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }
    record.update(changes)
    return record


def location_of(record) -> dict:
    return record["service_at_locations"][0]["location"]


def pages(services, per_page, *, links=True, **overrides) -> dict[str, dict]:
    """An ORUK paged feed: {"/services?page=N": page}, each page linking to the next when `links`."""
    total_pages = max(1, -(-len(services) // per_page))
    feed = {}
    for number in range(1, total_pages + 1):
        contents = services[(number - 1) * per_page : number * per_page]
        page = {
            "total_items": len(services),
            "total_pages": total_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number == total_pages,
            "empty": not contents,
            "contents": contents,
        }
        if links and number < total_pages:
            page["next"] = f"/services?page={number + 1}"
        feed[f"/services?page={number}"] = page
    return feed


@dataclass
class Answer:
    """What the feed server sends for one path: `drip` seconds between `chunk`-byte pieces of the body."""

    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=lambda: {"Content-Type": "application/json"})
    drip: float = 0.0
    chunk: int = 1


class FeedServer:
    def __init__(self):
        self.answers: dict[str, Answer] = {}
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
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

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def serve_json(self, path, data, **headers):
        self.answers[path] = Answer(json.dumps(data).encode(), headers={"Content-Type": "application/json", **headers})

    def serve_pages(self, feed: dict[str, dict]):
        for path, page in feed.items():
            self.serve_json(path, page)
        return f"{self.url}/services?page=1"


@pytest.fixture
def feed_server():
    server = FeedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()
