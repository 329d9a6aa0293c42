"""The one place that calls the import engine: one feed in, an Outcome out (switch here when the engine changes)."""

import json
import time
import uuid
from dataclasses import dataclass, field

from directory.exchange import oruk_import
from directory.feeds.mapping import under_one_organisation
from directory.feeds.models import ERRORS_KEPT, Feed

# Failures that mean the address did not answer, rather than answered with something we could not read.
_UNREACHABLE = ("could not fetch", "the server answered", "too many redirects")


@dataclass
class Outcome:
    """What a run of the engine found: the feed report's figures and the ids of the services it listed."""

    available: bool = False
    valid: bool = False
    complete: bool = False
    failure: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    services_seen: set[uuid.UUID] = field(default_factory=set)
    pages: int = 0
    duration: float = 0.0


def import_feed(feed: Feed, progress=None) -> Outcome:
    """Fetch and import `feed` with the paged engine (import_oruk_source); `progress(pages_read, services_done)`
    is told as it goes."""
    started = time.monotonic()
    if feed.organisations == Feed.Organisations.ONE and feed.organisation is None:
        # Its organisation was deleted: importing under the feed's own would scatter its services.
        return _failed("The organisation this feed's services go under no longer exists: choose one in the feed.")
    outcome = _with_paged_engine(feed, progress)
    outcome.duration = time.monotonic() - started
    return outcome


def _one_organisation(feed: Feed):
    return feed.organisation if feed.organisations == Feed.Organisations.ONE else None


def _with_paged_engine(feed: Feed, progress=None) -> Outcome:
    source = feed.url
    organisation = _one_organisation(feed)
    if organisation is not None:
        # The engine reads the feed itself; to put every service under one organisation the records are
        # rewritten first, so this mode holds the whole feed in memory once.
        from directory.exchange.fetch import Feed as FeedReader
        from directory.exchange.fetch import FeedUnavailable

        try:
            with FeedReader(feed.url) as reader:
                records = [record.data for record in reader.records()]
        except FeedUnavailable as error:
            return _failed(str(error))
        source = json.dumps(under_one_organisation(records, organisation)).encode()
    report = oruk_import.import_oruk_source(source, publish=feed.publishes, progress=progress)
    if not report.complete:
        outcome = _failed(report.failure or "The feed could not be read whole.")
        outcome.pages = report.pages
        return outcome
    return Outcome(
        available=True,
        valid=report.refused == 0,
        complete=True,
        created=report.created["service"],
        updated=report.updated["service"],
        unchanged=report.unchanged["service"],
        refused=report.refused,
        errors=list(report.errors[:ERRORS_KEPT]),
        error_count=report.error_count,
        # Refused services are still offered by their provider: they count as seen, so none is withdrawn.
        services_seen=set(report.services_seen),
        pages=report.pages,
    )


def _failed(failure: str) -> Outcome:
    available = not any(words in failure for words in _UNREACHABLE)
    return Outcome(available=available, failure=failure, errors=[failure], error_count=1)
