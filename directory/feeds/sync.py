"""Running a feed: take its lock, import, then confirm what it listed and withdraw what a complete run left out."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from directory.feeds import duplicates, lock, run
from directory.feeds.models import Feed, FeedListing, FeedRun
from directory.models import ServicePage

logger = logging.getLogger(__name__)

WITHDRAWN_ACTION = "feeds.withdrawn"
RESTORED_ACTION = "feeds.restored"
# Rows per IN (...) list: well under SQLite's limit on query parameters.
CHUNK = 500


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def lock_name(feed: Feed) -> str:
    return f"feed:{feed.pk}"


def due_feeds(now=None, names=None):
    now = now or timezone.now()
    feeds = Feed.objects.filter(active=True, next_due__lte=now)
    if names:
        feeds = Feed.objects.filter(name__in=names)  # asked for by name: run them whatever the schedule says
    return feeds.order_by("next_due", "name")


def sync_feed(feed: Feed, *, trigger=FeedRun.Trigger.SCHEDULE, user=None, progress=None) -> FeedRun | None:
    """Run `feed` once and keep the run in its history; None (nothing done) when a run of it is in progress.
    While it runs, its row says how far it has got (the feed report shows it), and `progress(pages_read,
    services_done)` is told too (a terminal's progress line)."""
    with lock.held(lock_name(feed)) as holder:
        if holder is None:
            return None
        started = timezone.now()
        feed_run = FeedRun.objects.create(feed=feed, trigger=trigger, triggered_by=user, started_at=started)
        try:
            outcome = run.import_feed(feed, progress=_told(feed_run, progress))
        except Exception as error:  # one broken feed (or engine bug) must not stop the others in the same cron run
            logger.exception("Feed %s failed", feed.name)
            outcome = run.Outcome(failure=f"The run stopped: {error}")
        _record(feed_run, outcome)
        if feed_run.succeeded and not outcome.services_seen and feed.listings.filter(withdrawn_at=None).exists():
            # An empty answer from a feed that listed services is far likelier a fault than a closure of all of them.
            feed_run.failure = _("The feed listed no services; nothing was withdrawn.")
        if feed_run.succeeded:
            confirmed = _confirm(feed, outcome.services_seen, started)
            feed_run.restored = _restore(feed, confirmed)
            if not feed.publishes:
                _send_to_moderation(confirmed)
            feed_run.withdrawn = _withdraw_missing(feed, started)
            duplicates.refresh_keys(confirmed)
        feed_run.finished_at = timezone.now()
        feed_run.save()
        feed.last_run = feed_run
        feed.schedule_next(started)
        Feed.objects.filter(pk=feed.pk).update(last_run=feed_run, next_due=feed.next_due)
        return feed_run


def _told(feed_run: FeedRun, progress):
    def told(pages, done):
        # Until the run ends, its pages and services_in are how far it has got; _record then sets the totals.
        FeedRun.objects.filter(pk=feed_run.pk).update(pages=pages, services_in=done)
        if progress:
            progress(pages, done)

    return told


def _record(feed_run: FeedRun, outcome: run.Outcome):
    for name in ("available", "valid", "complete", "created", "updated", "unchanged", "refused", "pages"):
        setattr(feed_run, name, getattr(outcome, name))
    feed_run.failure = outcome.failure or ""
    feed_run.errors, feed_run.error_count = list(outcome.errors), outcome.error_count
    feed_run.services_in = len(outcome.services_seen)
    feed_run.duration = round(outcome.duration, 3)


def _confirm(feed: Feed, seen, now) -> list[int]:
    """Mark every listed service as confirmed by the feed now, and as checked today. Returns their page ids."""
    today = timezone.localdate(now)
    page_ids = []
    for ids in _chunks(seen):
        page_ids += ServicePage.objects.filter(oruk_id__in=ids).values_list("pk", flat=True)
    with transaction.atomic():
        for chunk in _chunks(page_ids):
            known = set(FeedListing.objects.filter(service_id__in=chunk).values_list("service_id", flat=True))
            FeedListing.objects.filter(service_id__in=chunk).update(feed=feed, last_confirmed=now)
            FeedListing.objects.bulk_create(
                [
                    FeedListing(service_id=pk, feed=feed, first_seen=now, last_confirmed=now)
                    for pk in chunk
                    if pk not in known
                ]
            )
            # The feed vouching for it is a check. The row only: revisions keep the feed's own date, so the next
            # run still sees the listing as unchanged.
            ServicePage.objects.filter(pk__in=chunk, last_reviewed__lt=today).update(last_reviewed=today)
    return page_ids


def _restore(feed: Feed, page_ids) -> int:
    """Bring back services this feed withdrew that it lists again."""
    restored = 0
    for listing in FeedListing.objects.filter(service_id__in=page_ids, withdrawn_at__isnull=False).select_related(
        "service"
    ):
        page = ServicePage.objects.get(pk=listing.service_id)
        if not page.live:
            revision = Revision.objects.filter(pk=listing.withdrawn_revision_id).first() or page.latest_revision
            if revision is not None:
                revision.publish(log_action=False, skip_permission_checks=True)
        listing.withdrawn_at, listing.withdrawn_revision_id = None, None
        listing.save(update_fields=["withdrawn_at", "withdrawn_revision_id"])
        log(instance=page, action=RESTORED_ACTION, data={"feed": feed.name}, content_changed=False)
        restored += 1
    return restored


def _withdraw_missing(feed: Feed, run_started) -> int:
    """Unpublish (never delete) this feed's services a complete run did not list, each with a log entry."""
    withdrawn = 0
    missing = FeedListing.objects.filter(feed=feed, withdrawn_at__isnull=True, last_confirmed__lt=run_started)
    for listing in missing.select_related("service"):
        page = ServicePage.objects.get(pk=listing.service_id)
        listing.withdrawn_revision_id = page.live_revision_id
        if page.live:
            page.unpublish(log_action=False)
        listing.withdrawn_at = timezone.now()
        listing.save(update_fields=["withdrawn_at", "withdrawn_revision_id"])
        log(
            instance=page,
            action=WITHDRAWN_ACTION,
            data={"feed": feed.name, "reason": _("No longer in the %(feed)s feed.") % {"feed": feed.name}},
            content_changed=False,
        )
        withdrawn += 1
    return withdrawn


def _send_to_moderation(page_ids):
    """New and changed services from a moderated feed wait for the directory team, in its workflow."""
    for chunk in _chunks(page_ids):
        for page in ServicePage.objects.filter(pk__in=chunk, has_unpublished_changes=True):
            if page.workflow_in_progress:
                continue
            workflow = page.get_workflow()
            if workflow is not None:
                workflow.start(page, user=None)
