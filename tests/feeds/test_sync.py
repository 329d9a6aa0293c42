"""Specifications for running a feed: idempotent, withdraws only after a complete run, comes back, never overlaps."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry, Revision

from directory.factories import OrganisationPageFactory
from directory.feeds import lock
from directory.feeds.models import Feed, FeedListing
from directory.feeds.sync import RESTORED_ACTION, WITHDRAWN_ACTION, lock_name, sync_feed
from directory.models import ServicePage
from tests.feeds.conftest import feed_service


def test_a_run_creates_the_services_and_records_what_it_found(feed, feed_server):
    feed_server.serve([feed_service(1), feed_service(2)])
    feed_run = sync_feed(feed)
    assert feed_run.succeeded and feed_run.available and feed_run.valid
    assert (feed_run.services_in, feed_run.created, feed_run.withdrawn) == (2, 2, 0)
    assert sorted(ServicePage.objects.live().values_list("title", flat=True)) == [
        "Seaside service 1",
        "Seaside service 2",
    ]
    assert FeedListing.objects.filter(feed=feed).count() == 2
    feed.refresh_from_db()
    assert feed.last_run == feed_run and feed.next_due > feed_run.started_at


def test_running_it_again_changes_nothing(feed, feed_server):
    feed_server.serve([feed_service(1), feed_service(2)])
    sync_feed(feed)
    revisions = Revision.objects.count()
    again = sync_feed(feed)
    assert (again.created, again.updated, again.unchanged, again.withdrawn) == (0, 0, 2, 0)
    assert Revision.objects.count() == revisions
    assert FeedListing.objects.count() == 2


def test_a_service_missing_from_a_complete_run_is_unpublished_with_a_reason_and_comes_back(feed, feed_server):
    feed_server.serve([feed_service(1), feed_service(2)])
    sync_feed(feed)
    gone = ServicePage.objects.get(title="Seaside service 2")

    feed_server.serve([feed_service(1)])
    feed_run = sync_feed(feed)
    assert feed_run.withdrawn == 1
    gone.refresh_from_db()
    assert not gone.live and ServicePage.objects.filter(pk=gone.pk).exists()  # unpublished, never deleted
    entry = PageLogEntry.objects.get(page=gone, action=WITHDRAWN_ACTION)
    assert "Seaside" in entry.data["reason"]
    assert ServicePage.objects.get(title="Seaside service 1").live

    feed_server.serve([feed_service(1), feed_service(2)])
    back = sync_feed(feed)
    gone.refresh_from_db()
    assert gone.live and back.restored == 1
    assert PageLogEntry.objects.filter(page=gone, action=RESTORED_ACTION).exists()
    assert FeedListing.objects.get(service=gone).withdrawn_at is None


def test_a_failed_run_withdraws_nothing(feed, feed_server):
    feed_server.serve([feed_service(1), feed_service(2)])
    sync_feed(feed)

    feed_server.serve({"error": "down for maintenance"}, status=503)
    down = sync_feed(feed)
    assert not down.succeeded and not down.available and "503" in down.failure

    feed_server.serve(b"<html>Service unavailable</html>")
    garbled = sync_feed(feed)
    assert garbled.available and not garbled.valid and not garbled.succeeded and garbled.failure

    feed_server.serve([])
    empty = sync_feed(feed)
    assert not empty.succeeded

    assert ServicePage.objects.live().count() == 2
    assert not PageLogEntry.objects.filter(action=WITHDRAWN_ACTION).exists()
    assert sum(run.withdrawn for run in (down, garbled, empty)) == 0
    assert feed.runs.count() == 4 and feed.runs.first().failure  # each kept in the history


def test_a_service_the_feed_still_lists_but_we_refuse_is_not_withdrawn(feed, feed_server):
    feed_server.serve([feed_service(1), feed_service(2)])
    sync_feed(feed)
    feed_server.serve([feed_service(1, minimum_age="five"), feed_service(2)])
    feed_run = sync_feed(feed)
    assert not feed_run.valid and feed_run.errors and feed_run.withdrawn == 0
    assert ServicePage.objects.live().count() == 2


def test_a_run_in_progress_blocks_another_of_the_same_feed(feed, feed_server):
    feed_server.serve([feed_service(1)])
    holder = lock.acquire(lock_name(feed))
    assert holder is not None
    assert sync_feed(feed) is None
    assert feed_server.requests == [] and not feed.runs.exists()
    lock.release(lock_name(feed), holder)
    assert sync_feed(feed).succeeded


def test_a_lock_left_by_a_crashed_run_lapses(db):
    assert lock.acquire("feed:9", lifetime=datetime.timedelta(seconds=-1)) is not None
    assert lock.acquire("feed:9") is not None
    assert lock.acquire("feed:9") is None


def test_a_feed_confirming_a_service_counts_as_checking_it(feed, feed_server):
    feed_server.serve([feed_service(1, assured_date="2024-01-05")])
    sync_feed(feed)
    service = ServicePage.objects.get()
    assert service.last_reviewed == datetime.date.today()
    assert FeedListing.objects.get(service=service).last_confirmed is not None


def test_sync_feeds_runs_only_what_is_due_and_a_named_feed_at_once(feed, feed_server):
    feed_server.serve([feed_service(1)])
    call_command("sync_feeds", stdout=io.StringIO())
    assert feed.runs.count() == 1
    call_command("sync_feeds", stdout=io.StringIO())  # the next one is not due for 24 hours
    assert feed.runs.count() == 1
    out = io.StringIO()
    call_command("sync_feeds", "--feed", "Seaside", stdout=out)
    assert feed.runs.count() == 2 and "1 services" in out.getvalue()
    with pytest.raises(CommandError, match="No feed called Nowhere"):
        call_command("sync_feeds", "--feed", "Nowhere")


def test_a_feed_whose_one_organisation_was_deleted_fails_and_withdraws_nothing(feed, feed_server):
    umbrella = OrganisationPageFactory(title="Umbrella")
    feed.organisations, feed.organisation = Feed.Organisations.ONE, umbrella
    feed.save()
    feed_server.serve([feed_service(1)])
    assert sync_feed(feed).succeeded
    umbrella_services = ServicePage.objects.child_of(umbrella).count()
    feed.organisation.delete()
    feed.refresh_from_db()
    assert umbrella_services == 1 and feed.organisation is None
    feed_run = sync_feed(feed)
    assert not feed_run.succeeded and "no longer exists" in feed_run.failure


def _page(number, records, total_items, total_pages):
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(records),
        "first_page": number == 1,
        "last_page": number == total_pages,
        "empty": not records,
        "contents": records,
    }


def test_every_page_of_a_paged_feed_counts_and_a_page_that_fails_withdraws_nothing(feed, feed_server):
    feed_server.serve(_page(1, [feed_service(1), feed_service(2)], 3, 2))
    feed_server.serve(_page(2, [feed_service(3)], 3, 2), path="/services?page=2")
    feed_run = sync_feed(feed)
    assert feed_run.succeeded and feed_run.services_in == 3 and feed_run.pages == 2

    feed_server.serve({"error": "timeout"}, path="/services?page=2", status=500)
    broken = sync_feed(feed)
    assert not broken.succeeded and broken.withdrawn == 0
    assert ServicePage.objects.live().count() == 3
