"""Specifications for reading a paged ORUK feed whole: every page or, when it cannot be read whole, nothing."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.exchange import oruk_import
from directory.exchange.fetch import FeedLimits
from directory.exchange.oruk_import import import_oruk_source
from directory.models import ServicePage
from tests.exchange.conftest import pages, service

SEVEN = [service(n) for n in range(7)]


def test_a_three_page_feed_followed_by_its_next_links_imports_every_service(feed_server, schemas, area):
    report = import_oruk_source(feed_server.serve_pages(pages(SEVEN, 3)))
    assert report.complete and report.failure is None
    assert (report.pages, report.created["service"], report.refused) == (3, 7, 0)
    assert ServicePage.objects.count() == 7
    assert report.services_seen == {oruk_import._id(record["id"]) for record in SEVEN}


def test_a_feed_without_links_is_followed_by_page_number_to_its_total_pages(feed_server, schemas, area):
    report = import_oruk_source(feed_server.serve_pages(pages(SEVEN, 3, links=False)))
    assert report.complete and report.pages == 3 and ServicePage.objects.count() == 7
    assert feed_server.requests == ["/services?page=1", "/services?page=2", "/services?page=3"]


def test_a_feed_that_ends_before_its_total_pages_fails_and_writes_nothing(feed_server, schemas, area):
    feed = pages(SEVEN, 3)
    del feed["/services?page=2"]["next"]
    feed["/services?page=2"]["last_page"] = True
    report = import_oruk_source(feed_server.serve_pages(feed))
    assert not report.complete
    assert report.failure == f"page 2 ({feed_server.url}/services?page=2): the feed ended after page 2 of 3."
    assert not ServicePage.objects.exists() and not report.services_seen


def test_a_feed_that_disagrees_with_its_total_items_fails_and_writes_nothing(feed_server, schemas, area):
    feed = pages(SEVEN, 3)
    for page in feed.values():
        page["total_items"] = 9
    report = import_oruk_source(feed_server.serve_pages(feed))
    assert not report.complete and report.failure.endswith("the feed says it holds 9 records, but 7 arrived.")
    assert not ServicePage.objects.exists()


def test_a_page_holding_fewer_records_than_its_size_fails(feed_server, schemas, area):
    feed = pages(SEVEN, 3)
    feed["/services?page=2"]["contents"].pop()
    report = import_oruk_source(feed_server.serve_pages(feed))
    assert not report.complete and "the page says it holds 3 records but holds 2" in report.failure
    assert not ServicePage.objects.exists()


def test_a_page_the_server_cannot_give_fails_the_run(feed_server, schemas, area):
    start = feed_server.serve_pages(pages(SEVEN, 3))
    del feed_server.answers["/services?page=3"]
    report = import_oruk_source(start)
    assert not report.complete and report.failure.endswith("the server answered 404 Not Found.")
    assert not ServicePage.objects.exists()


def test_a_server_that_answers_page_one_to_every_page_fails_instead_of_looping(feed_server, schemas, area):
    feed = pages(SEVEN, 3)
    feed["/services?page=2"] = feed["/services?page=1"]
    report = import_oruk_source(feed_server.serve_pages(feed))
    assert not report.complete and "asked for page 2, the server sent page 1" in report.failure


def test_more_pages_than_allowed_fails(feed_server, schemas, area):
    report = import_oruk_source(feed_server.serve_pages(pages(SEVEN, 3)), limits=FeedLimits(max_pages=2))
    assert not report.complete and "more than 2 pages (ORUK_FEED_MAX_PAGES)" in report.failure
    assert not ServicePage.objects.exists()


def test_progress_is_told_pages_and_services_between_short_transactions(feed_server, schemas, area, monkeypatch):
    monkeypatch.setattr(oruk_import, "PROGRESS_EVERY_SECONDS", 0)
    depth = len(connection.atomic_blocks)  # the test's own transaction
    calls = []
    report = import_oruk_source(
        feed_server.serve_pages(pages(SEVEN, 3)),
        progress=lambda p, s: calls.append((p, s, len(connection.atomic_blocks))),
    )
    assert report.complete
    assert calls[:3] == [(1, 0, depth), (2, 0, depth), (3, 0, depth)]
    assert [s for _, s, _ in calls[3:]] == [1, 2, 3, 4, 5, 6, 7, 7]
    assert {d for *_, d in calls} == {depth}  # no transaction is held from one service to the next


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(feed_server, schemas, area):
    start = feed_server.serve_pages(pages(SEVEN, 3))
    dry = import_oruk_source(start, dry_run=True)
    assert not ServicePage.objects.exists()
    real = import_oruk_source(start)
    assert (dry.created, dry.updated, dry.unchanged) == (real.created, real.updated, real.unchanged)
    assert dry.created["organisation"] == 1 and dry.created["service"] == 7


def test_importing_the_same_feed_again_changes_nothing(feed_server, schemas, area):
    start = feed_server.serve_pages(pages(SEVEN, 3))
    import_oruk_source(start, publish=True)
    again = import_oruk_source(start, publish=True)
    assert again.unchanged["service"] == 7 and again.created["service"] == 0
    assert len(again.services_seen) == 7


def test_the_command_prints_the_report_and_a_dry_run_writes_nothing(feed_server, schemas, area):
    out = io.StringIO()
    call_command("import_oruk", feed_server.serve_pages(pages(SEVEN, 3)), "--dry-run", stdout=out)
    assert "Dry run, nothing written. It would give: Organisations: 1 created" in out.getvalue()
    assert "Services: 7 created, 0 updated, 0 unchanged." in out.getvalue()
    assert not ServicePage.objects.exists()


def test_the_command_exits_non_zero_on_a_failed_run(feed_server, schemas, area):
    feed = pages(SEVEN, 3)
    for page in feed.values():
        page["total_items"] = 9
    with pytest.raises(CommandError, match=r"^Nothing was imported from .*: .*says it holds 9 records, but 7 arrived"):
        call_command("import_oruk", feed_server.serve_pages(feed), stdout=io.StringIO())
