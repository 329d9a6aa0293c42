"""Specifications for feeds that are broken or hostile: each ends as a failed run with one clear line, no traceback."""

import gzip
import io
import json
import socket

import pytest
from django.core.management import CommandError, call_command

from directory.exchange.fetch import FeedLimits
from directory.exchange.oruk_import import import_oruk_source
from directory.models import ServicePage
from tests.exchange.conftest import Answer, pages, service

SMALL = FeedLimits(max_bytes=200_000, timeout=2, page_seconds=1.5, max_redirects=3)
GOOD = json.dumps([service(0)]).encode()
JSON = {"Content-Type": "application/json"}


def bomb() -> bytes:
    return gzip.compress(b"[" + b" " * 50_000_000 + b"]", compresslevel=9)  # 50 MB of spaces in about 50 KB


BAD_ANSWERS = {
    "html instead of json": (
        {"/feed": Answer(b"<!doctype html><html><body>Login</body></html>", headers={"Content-Type": "text/html"})},
        "the server sent a web page (HTML), not JSON.",
    ),
    "html labelled as json": (
        {"/feed": Answer(b"\n  <html><body>Oops</body></html>", headers=JSON)},
        "the server sent a web page (HTML), not JSON.",
    ),
    "wrong content type": (
        {"/feed": Answer(GOOD, headers={"Content-Type": "image/png"})},
        "the server sent 'image/png', not JSON.",
    ),
    "oversized body, said up front": (
        {"/feed": Answer(b"[" + b" " * 300_000 + b"]", headers=JSON)},
        "the feed is larger than 200,000 bytes (ORUK_FEED_MAX_BYTES); nothing was imported.",
    ),
    "oversized body, not said": (
        {
            "/feed": Answer(
                b"[" + b" " * 300_000 + b"]", headers={**JSON, "Connection": "close"}, drip=0.0001, chunk=65536
            )
        },
        "the feed is larger than 200,000 bytes (ORUK_FEED_MAX_BYTES); nothing was imported.",
    ),
    "gzip bomb": (
        {"/feed": Answer(bomb(), headers={**JSON, "Content-Encoding": "gzip"})},
        "the feed is larger than 200,000 bytes (ORUK_FEED_MAX_BYTES); nothing was imported.",
    ),
    "damaged gzip": (
        {"/feed": Answer(b"\x1f\x8b\x08\x00garbage" * 10, headers={**JSON, "Content-Encoding": "gzip"})},
        "the compressed body is damaged",
    ),
    "slow drip": (
        {"/feed": Answer(GOOD, headers={**JSON, "Connection": "close"}, drip=0.2, chunk=1)},
        "the page took longer than 1.5 seconds to arrive.",
    ),
    "redirect loop": (
        {
            "/feed": Answer(status=302, headers={"Location": "/elsewhere"}),
            "/elsewhere": Answer(status=302, headers={"Location": "/feed"}),
        },
        "too many redirects, or a redirect loop",
    ),
    "too many redirects": (
        {f"/feed{'x' * n}": Answer(status=301, headers={"Location": f"/feed{'x' * (n + 1)}"}) for n in range(10)}
        | {"/feed": Answer(status=301, headers={"Location": "/feedx"})},
        "too many redirects, or a redirect loop",
    ),
    "redirect away from the web": (
        {"/feed": Answer(status=302, headers={"Location": "file:///etc/passwd"})},
        "which is not a web address.",
    ),
    "invalid utf-8": (
        {"/feed": Answer(b'[{"name": "caf\xe9 \xff"}]', headers=JSON)},
        "the text is not valid UTF-8.",
    ),
    "deep nesting": (
        {"/feed": Answer(b"[" * 100_000 + b"]" * 100_000, headers=JSON)},
        "the JSON is nested more than 32 levels deep.",
    ),
    "truncated json": (
        {"/feed": Answer(GOOD[:-20], headers=JSON)},
        "this is not JSON",
    ),
    "trailing garbage": (
        {"/feed": Answer(GOOD + b"{}", headers=JSON)},
        "this is not JSON",
    ),
    "a bare number": (
        {"/feed": Answer(b"42", headers=JSON)},
        "expected ORUK services, a list of them or a page of them, not one value.",
    ),
    "empty body": (
        {"/feed": Answer(b"", headers=JSON)},
        "the server sent nothing.",
    ),
    "server error": (
        {"/feed": Answer(b"oops", status=500, headers={"Content-Type": "text/plain"})},
        "the server answered 500 Internal Server Error.",
    ),
}


@pytest.mark.parametrize("case", BAD_ANSWERS, ids=list(BAD_ANSWERS))
def test_a_bad_feed_fails_with_one_clear_line_and_writes_nothing(case, feed_server, schemas, area):
    answers, expected = BAD_ANSWERS[case]
    feed_server.answers.update(answers)
    report = import_oruk_source(f"{feed_server.url}/feed", limits=SMALL)
    assert not report.complete
    assert expected in report.failure
    assert "\n" not in report.failure and "Traceback" not in report.failure
    assert report.failure.startswith(f"{feed_server.url}/")
    assert not ServicePage.objects.exists()


def test_a_bad_page_after_good_ones_fails_the_whole_feed(feed_server, schemas, area):
    start = feed_server.serve_pages(pages([service(n) for n in range(4)], 2))
    feed_server.answers["/services?page=2"] = Answer(b"<html>maintenance</html>", headers={"Content-Type": "text/html"})
    report = import_oruk_source(start, limits=SMALL)
    assert report.failure == f"page 2 ({feed_server.url}/services?page=2): the server sent a web page (HTML), not JSON."
    assert not ServicePage.objects.exists()


def test_a_gzipped_feed_within_the_limits_imports(feed_server, schemas, area):
    feed_server.answers["/feed"] = Answer(gzip.compress(GOOD), headers={**JSON, "Content-Encoding": "gzip"})
    report = import_oruk_source(f"{feed_server.url}/feed", limits=SMALL)
    assert report.complete and report.created["service"] == 1


def test_an_address_nothing_answers_fails_with_one_line(db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = import_oruk_source(f"http://127.0.0.1:{port}/feed", limits=SMALL)
    assert not report.complete and "could not fetch it" in report.failure and "\n" not in report.failure


def test_bad_bytes_and_files_fail_the_same_way(tmp_path, db):
    assert "nested more than 32 levels" in import_oruk_source(b"[" * 100_000 + b"]" * 100_000).failure
    assert "not valid UTF-8" in import_oruk_source(b'["\xc3\x28"]').failure
    missing = import_oruk_source(str(tmp_path / "nowhere.json"))
    assert missing.failure == f"{tmp_path / 'nowhere.json'}: could not read the file (No such file or directory)."


def test_the_command_says_the_one_line_and_exits_non_zero(feed_server, db):
    feed_server.answers["/feed"] = Answer(b"[" * 100_000, headers=JSON)
    with pytest.raises(CommandError) as failure:
        call_command("import_oruk", f"{feed_server.url}/feed", stdout=io.StringIO())
    assert str(failure.value) == (
        f"Nothing was imported from {feed_server.url}/feed: {feed_server.url}/feed: "
        "the JSON is nested more than 32 levels deep."
    )
