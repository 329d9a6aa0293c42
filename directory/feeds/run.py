"""The one place that calls the import engine: one feed in, an Outcome out (switch here when the engine changes)."""

import time
import uuid
from dataclasses import dataclass, field

from directory.exchange.oruk_import import ImportFailed, import_oruk, read_source
from directory.exchange.oruk_parse import service_records, top_level_records
from directory.feeds.mapping import under_one_organisation
from directory.feeds.models import ERRORS_KEPT, Feed


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


def _listed_ids(data) -> set[uuid.UUID]:
    ids = set()
    for _path, service, _organisation in service_records(top_level_records(data)):
        try:
            ids.add(uuid.UUID(str(service.get("id"))))
        except (ValueError, AttributeError):
            continue
    return ids


def import_feed(feed: Feed) -> Outcome:
    """Fetch and import `feed` with today's engine (read_source + import_oruk: all of it or none of it)."""
    started = time.monotonic()
    outcome = Outcome()
    try:
        data = read_source(feed.url)
    except ImportFailed as failure:
        outcome.failure = failure.problems[0] if failure.problems else "The feed could not be read."
        # A reply that is not JSON means the address answered; anything else means it did not.
        outcome.available = "not JSON" in outcome.failure
        outcome.errors, outcome.error_count = failure.problems[:ERRORS_KEPT], len(failure.problems)
        outcome.duration = time.monotonic() - started
        return outcome
    outcome.available, outcome.pages = True, 1
    if feed.organisations == Feed.Organisations.ONE and feed.organisation is not None:
        data = under_one_organisation(data, feed.organisation)
    try:
        report = import_oruk(data, publish=feed.publishes)
    except ImportFailed as failure:
        outcome.failure = "Nothing was imported: the feed has records we cannot accept."
        outcome.errors, outcome.error_count = failure.problems[:ERRORS_KEPT], len(failure.problems)
        outcome.refused = len({problem.split(":", 1)[0].split(".", 1)[0] for problem in failure.problems})
    else:
        outcome.valid = outcome.complete = True
        outcome.services_seen = _listed_ids(data)
        outcome.created, outcome.updated = report.created["service"], report.updated["service"]
        outcome.unchanged = report.unchanged["service"]
        outcome.errors, outcome.error_count = report.warnings[:ERRORS_KEPT], len(report.warnings)
    outcome.duration = time.monotonic() - started
    return outcome
