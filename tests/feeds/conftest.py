"""Fixtures for feeds: an ORUK feed served from a web server inside the test process, the area, the team."""

import http.server
import json
import threading

import pytest
from django.conf import settings

from directory.area_profiles import load_area
from directory.exchange import oruk_schema
from directory.feeds.models import Feed
from tests.people import make_user

ORGANISATION_ID = "9a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d"


def feed_service(number: int, name: str | None = None, postcode: str = "PO21 1DP", **changes) -> dict:
    """A small valid ORUK service, numbered so each has its own ids."""
    record = {
        "id": f"3f1c2d7a-52a4-4c57-9d0b-0c1e7f4a{number:04d}",
        "name": name or f"Seaside service {number}",
        "description": "Help with parenting.",
        "status": "active",
        "organization": {"id": ORGANISATION_ID, "name": "Seaside Families", "description": "A charity."},
        "service_at_locations": [
            {
                "id": f"b1e2c3d4-a5b6-4c7d-8e9f-0a1b2c3d{number:04d}",
                "location": {
                    "id": f"c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d{number:04d}",
                    "location_type": "physical",
                    "name": "Bognor Library",
                    "addresses": [
                        {
                            "id": f"d3e4f5a6-b7c8-4d9e-8f0a-2b3c4d5e{number:04d}",
                            "address_1": "London Road",
                            "city": "Bognor Regis",
                            "state_province": "West Sussex",
                            "postal_code": postcode,
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


class FeedServer:
    """What the server answers, per path: set `answers["/services"] = (200, [records])` in a test."""

    def __init__(self):
        self.answers = {}
        self.requests = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802  (the standard library's name)
                server.requests += 1
                status, body = server.answers.get(self.path, (404, {"error": "not found"}))
                raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path="/services"):
        return self.base + path

    def serve(self, records, path="/services", status=200):
        self.answers[path] = (status, records)


@pytest.fixture
def feed_server():
    server = FeedServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def schemas():
    if not oruk_schema.schemas_available():
        message = f"The Open Referral UK schemas are not in {settings.ORUK_SCHEMA_DIR} (ORUK_SCHEMA_DIR)."
        if "oruk" in settings.EARLYHELP_REQUIRE:
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def area(db, schemas):
    load_area("west-sussex")


@pytest.fixture
def feed(area, feed_server):
    return Feed.objects.create(
        name="Seaside",
        url=feed_server.url(),
        publisher="Seaside Council",
        publisher_url="https://seaside.example.org/",
        publishing=Feed.Publishing.PUBLISH,
    )


@pytest.fixture
def team_member(team):
    user = make_user("dora", first_name="Dora")
    user.groups.add(team)
    return user
