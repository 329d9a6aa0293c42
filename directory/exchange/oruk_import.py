"""Writing Open Referral UK services into the directory: each checked, new ones saved in short batches.

Over 400 lines on purpose: one import (read the pages, check each record, match it to a service, write,
report) reads top to bottom here; building batches (oruk_bulk), mapping records (oruk_parse), fetching
(fetch) and a feed's schedule and withdrawals (directory/feeds) are modules of their own.
"""

import logging
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from directory import geo
from directory.exchange import oruk_bulk, oruk_check, oruk_schedules, oruk_schema
from directory.exchange.fetch import Feed, FeedLimits, FeedUnavailable
from directory.exchange.oruk import EXTENSION
from directory.exchange.oruk_parse import (
    ImportFailed,
    OrganisationInput,
    Problems,
    ServiceInput,
    TermIndex,
    kind_of,
    organisation_input,
    read_source,
    service_input,
    top_level_records,
)
from directory.models import DirectoryIndexPage, Location, OrganisationPage, ServicePage
from directory.vocabularies import DistrictTag

__all__ = ["FeedLimits", "ImportFailed", "ImportReport", "import_oruk", "import_oruk_source", "read_source"]

logger = logging.getLogger(__name__)
ORGANISATION_FIELDS = ("title", "summary", "email", "website", "phone")
ORGANISATION_PATHS = {"title": ".name", "summary": ".description", "phone": ".phones[0].number", "slug": ".name"}
SERVICE_PATHS = {
    "title": ".name",
    "slug": ".name",
    "summary": f".{EXTENSION}.summary",
    "eligibility": ".eligibility_description",
    "how_to_access": ".application_process",
    "cost_detail": ".fees_description",
    "phone": ".phones[0].number",
    "website": ".url",
    "min_age": ".minimum_age",
    "max_age": ".maximum_age",
    "last_reviewed": ".assured_date",
    "start_date": f".{EXTENSION}.start_date",
    "end_date": f".{EXTENSION}.end_date",
    "in_person": f".{EXTENSION}.in_person",
}
LOCATION_PATHS = {
    "name": ".name",
    "address": ".addresses[0].address_1",
    "town": ".addresses[0].city",
    "postcode": ".addresses[0].postal_code",
}
TAG_RELATIONS = ("outcomes", "need_levels", "age_bands")
POSTCODE_LENGTH = Location._meta.get_field("postcode").max_length


KEPT_ERRORS = 100  # a report a person reads; the rest are counted
PROGRESS_EVERY_SECONDS = 0.5
# SQLite gives its lock to whichever writer asks at the right moment, and a waiting writer polls only every
# 100 ms: after each half second of saving, the import steps aside long enough for the site's writers (the
# search log, sessions) to get in, instead of leaving them to time out with "database is locked".
WRITE_SECONDS = 0.5
STEP_ASIDE_SECONDS = 0.15
# New services from a feed are saved a batch at a time (oruk_bulk): a batch is sized from the last one's pace
# so that its transaction holds the write lock for about BATCH_SECONDS.
BATCH_SECONDS = 0.3
FIRST_BATCH, SMALLEST_BATCH, LARGEST_BATCH = 20, 10, 200


@dataclass
class ImportReport:
    """What one import did. `complete` is False, with `failure` saying why in one line, when the feed could not
    be read whole: then nothing was written, and nothing should be withdrawn for being absent from it."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    refused: int = 0  # services (or organisations) left out, each with its reasons in `errors`
    errors: list[str] = field(default_factory=list)  # the first KEPT_ERRORS, "JSONPath: reason"
    error_count: int = 0
    complete: bool = True
    failure: str | None = None
    # ORUK ids of the services in the feed, written, unchanged or refused: a refused service is still offered by
    # its provider, so it must not be withdrawn. `services_refused` says which were refused.
    services_seen: set[uuid.UUID] = field(default_factory=set)
    services_refused: set[uuid.UUID] = field(default_factory=set)
    pages: int = 0
    duration: float = 0.0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)  # the first KEPT_ERRORS things kept differently
    warning_count: int = 0

    def error(self, line: str):
        self.error_count += 1
        if len(self.errors) < KEPT_ERRORS:
            self.errors.append(line)

    def warn(self, line: str):
        self.warning_count += 1
        if len(self.warnings) < KEPT_ERRORS:
            self.warnings.append(line)

    def fail(self, reason: str):
        self.complete, self.failure = False, reason

    def lines(self) -> list[str]:
        return [
            f"{kind.capitalize()}s: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged."
            for kind in ("organisation", "service")
        ]

    def summary_lines(self) -> list[str]:
        if not self.complete:
            return [f"Failed: {self.failure}", "Nothing was imported."]
        would = "Dry run, nothing written. It would give: " if self.dry_run else ""
        lines = [would + line if i == 0 else line for i, line in enumerate(self.lines())]
        lines.append(f"{len(self.services_seen)} services read from {self.pages} page(s) in {self.duration:.1f} s.")
        if self.refused:
            lines.append(f"Refused {self.refused}; the reasons ({self.error_count}):")
            lines.extend(f"  {line}" for line in self.errors)
            if self.error_count > len(self.errors):
                lines.append(f"  ... and {self.error_count - len(self.errors)} more.")
        if self.warning_count:
            lines.append(f"{self.warning_count} things could not be kept as they were:")
            lines.extend(f"  {line}" for line in self.warnings)
            if self.warning_count > len(self.warnings):
                lines.append(f"  ... and {self.warning_count - len(self.warnings)} more.")
        return lines


class _RollBack(Exception):
    pass


def import_oruk_source(
    source,
    *,
    publish: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    limits: FeedLimits | None = None,
) -> ImportReport:
    """Read a feed whole (an http(s) address followed page by page, a file path, or bytes), then check each
    service and save it (new ones in short batches, each service all or nothing). A feed that cannot be read
    whole writes nothing. `progress(pages_read, services_done)` is called as pages arrive and, at most every
    half second, as services are saved."""
    report = ImportReport(dry_run=dry_run)
    started = time.monotonic()

    def on_page(pages):
        report.pages = pages
        if progress:
            progress(pages, 0)

    try:
        with Feed(source, limits, on_page=on_page) as feed:
            report.pages = feed.pages
            prefix = (lambda page: f"page {page}, ") if feed.pages > 1 else (lambda page: "")
            run = _Run(report, publish=publish, dry_run=dry_run, progress=progress, batched=not dry_run)
            run.all((prefix(record.page) + record.path, record.data) for record in feed.records())
    except FeedUnavailable as error:
        report.fail(str(error))
    except (oruk_schema.SchemasMissing, geo.GeodataUnavailable) as error:
        report.fail(str(error))
    report.duration = time.monotonic() - started
    return report


def import_oruk(data, *, publish: bool = False) -> ImportReport:
    """Create or update what parsed JSON `data` describes: all of it, or (ImportFailed, naming every problem)
    none of it. For files in hand; feeds go through import_oruk_source."""
    records = top_level_records(data)
    report = ImportReport()
    try:
        with transaction.atomic():
            _Run(report, publish=publish).all((path, record) for path, _kind, record in records)
            if report.error_count or not report.complete:
                raise _RollBack
    except _RollBack:
        raise ImportFailed(report.errors or [report.failure]) from None
    return report


class _Run:
    """One import: each top-level record checked against the schema and the facts, each service saved alone."""

    def __init__(self, report: ImportReport, *, publish=False, dry_run=False, progress=None, batched=False):
        self.report, self.progress = report, progress
        # (service id, item, problems) waiting to be saved together; None: each saved as it comes
        self.batch = [] if batched else None
        self.batch_size = FIRST_BATCH
        self.writer = _Importer(report, publish, dry_run)
        self.terms = None
        self.validators = {}
        self.where = {}  # service id -> the path it was first met at, to refuse a second copy
        self.at_locations = {}  # service id -> (path, service) gathered from service_at_location records
        self.done = 0
        self.told = self.stepped_aside = time.monotonic()

    def all(self, records):
        if not DirectoryIndexPage.objects.exists():
            self.report.fail("the site has no directory index page to import into: run migrate first.")
            return
        self.terms = TermIndex()
        for path, data in records:
            self.record(path, data)
        for path, service in self.at_locations.values():
            self.service(path, service, None)
        self.flush()
        if self.progress:
            self.progress(self.report.pages, self.done)

    def refuse(self, problems, service_id=None, services=1):
        for where, reason in problems:
            self.report.error(f"{where}: {reason}")
        self.report.refused += services
        if service_id is not None:
            self.report.services_refused.add(service_id)
            self.report.services_seen.add(service_id)

    def schema(self, path, kind, data) -> list:
        if kind not in self.validators:
            self.validators[kind] = oruk_schema.validator(kind)
        try:
            return [
                (path + where[1:], message) for where, message in oruk_schema.errors_in(data, self.validators[kind])
            ]
        except RecursionError:  # the feed reader caps nesting; this is the last line of defence
            return [(path, "is nested too deeply to check")]

    def record(self, path, data):
        kind = kind_of(data)
        if kind == "taxonomy":
            self.refuse(
                [
                    (
                        path,
                        "this is a taxonomy or taxonomy term, not a service or an organisation. "
                        "Our vocabularies come from the area profile (manage.py load_area).",
                    )
                ]
            )
            return
        problems = self.schema(path, kind, data)
        if problems:
            services = len(data.get("services") or []) if kind == "organization" and isinstance(data, dict) else 1
            self.refuse(problems, _id(data.get("id")) if kind == "service" else None, max(services, 1))
            return
        if kind == "organization":
            organisation = {key: value for key, value in data.items() if key != "services"}
            if not data.get("services"):
                self.organisation_alone(path, organisation)
            for i, service in enumerate(data.get("services") or []):
                self.service(f"{path}.services[{i}]", service, organisation)
        elif kind == "service_at_location":
            # One record per service and location: gather a service's locations back together.
            service = data["service"]
            link = {"id": data.get("id"), "location": data["location"]}
            gathered = self.at_locations.get(service.get("id"))
            if gathered is not None:
                gathered[1]["service_at_locations"].append(link)
            else:
                self.at_locations[service.get("id")] = (f"{path}.service", {**service, "service_at_locations": [link]})
        else:
            self.service(path, data, None)

    def organisation_alone(self, path, organisation):
        problems = oruk_check.organisation_problems(organisation, path)
        if problems:
            self.refuse(problems)
            return
        given = Problems()
        self.writer.write_organisation(organisation_input(path, organisation), given)
        self.report_problems(given)

    def service(self, path, service, organisation):
        service_id = _id(service.get("id"))
        if service_id in self.where:
            self.refuse([(f"{path}.id", f"the same service id is also at {self.where[service_id]}.")])
            return
        self.where[service_id] = path
        problems = oruk_check.service_problems(service, path)
        if organisation is not None:
            problems += oruk_check.organisation_problems(organisation, path + ".organization")
        if problems:
            self.refuse(problems, service_id)
            return
        given = Problems()
        try:
            item = service_input(path, service, organisation, self.terms, given)
        except (ValueError, TypeError, KeyError, AttributeError, ArithmeticError, RecursionError) as error:
            # A shape the checks above let through: refuse this service, keep the rest, log it for us to fix.
            logger.exception("Could not map the ORUK service at %s", path)
            self.refuse([(path, f"could not be read ({type(error).__name__}).")], service_id)
            return
        if item is not None and not given.errors:
            if self.batch is not None:
                self.batch.append((service_id, item, given))
                if len(self.batch) >= self.batch_size:
                    self.flush()
                return
            self.writer.write_service(item, given)
        self.settle(service_id, given)

    def flush(self):
        """Save the waiting services, new ones together, and size the next batch to keep its transaction short."""
        batch, self.batch = self.batch, ([] if self.batch is not None else None)
        if not batch:
            return
        held, created = self.writer.write_services([(item, given) for _service_id, item, given in batch])
        if created:
            pace = held / created  # seconds of holding the write lock per new service
            self.batch_size = max(SMALLEST_BATCH, min(LARGEST_BATCH, int(BATCH_SECONDS / max(pace, 1e-4))))
            # Reading and preparing the next batch leaves the lock free
            # for longer than a waiting writer's 100 ms between tries: that is this batch's step aside.
            self.stepped_aside = time.monotonic()
        for service_id, _item, given in batch:
            self.settle(service_id, given)

    def settle(self, service_id, given: Problems):
        """Count a service in the report once it is saved or refused; step aside and tell the progress."""
        if given.errors:
            self.refuse([line.split(": ", 1) for line in given.errors], service_id)
        else:
            self.report.services_seen.add(service_id)
        for line in given.warnings:
            self.report.warn(line)
        self.done += 1
        stepping_aside_helps = not self.writer.dry_run and not transaction.get_connection().in_atomic_block
        if stepping_aside_helps and time.monotonic() - self.stepped_aside >= WRITE_SECONDS:
            time.sleep(STEP_ASIDE_SECONDS)
            self.stepped_aside = time.monotonic()
        if self.progress and time.monotonic() - self.told >= PROGRESS_EVERY_SECONDS:
            self.told = time.monotonic()
            self.progress(self.report.pages, self.done)

    def report_problems(self, given: Problems):
        for line in given.errors:
            self.report.error(line)
        if given.errors:
            self.report.refused += 1
        for line in given.warnings:
            self.report.warn(line)


def _id(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _slug_from(url, parent) -> str:
    """The slug of a page address we exported (…/<parent slug>/<slug>/), so a listing keeps its address
    when it moves to another site. Anyone else's address is just an address."""
    parts = [part for part in urlsplit(url).path.split("/") if part] if isinstance(url, str) else []
    if len(parts) >= 2 and parts[-2] == parent.slug and slugify(parts[-1]) == parts[-1]:
        return parts[-1]
    return ""


def _free_slug_among(parent, slug, taken) -> str:
    """`slug`, or find_available_slug's numbered form of it, free among the parent's children and `taken`."""
    if slug not in taken:
        return slug
    existing = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True)) | taken
    candidate, number = slug, 1
    while candidate in existing:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _free_slug(parent, url, title) -> str:
    return find_available_slug(parent, (_slug_from(url, parent) or slugify(title) or "listing")[:80])


def _fingerprint(page: ServicePage, field_names) -> tuple:
    """Everything an import can change, to tell an update from a no-op."""
    return (
        {name: getattr(page, name) for name in field_names},
        sorted(
            (str(loc.oruk_id), loc.name, loc.address, loc.town, loc.postcode, loc.latitude, loc.longitude)
            for loc in page.locations.all()
        ),
        oruk_schedules.fingerprint(page),
        {name: sorted(str(tag) for tag in getattr(page, name).all()) for name in (*TAG_RELATIONS, "topics")},
        sorted(district.code for district in page.districts_served.all()),
    )


class _Importer:
    """Saves services and organisations in short transactions, so a refused record leaves no trace and the
    site's other writers wait for a fraction of a second, not for the whole feed: new ones a batch at a time
    (write_services, oruk_bulk), each checked before its batch is written; changes to existing ones one by one."""

    def __init__(self, report: ImportReport, publish: bool, dry_run: bool = False):
        self.report, self.publish, self.dry_run = report, publish, dry_run
        self.problems = Problems()  # the record being saved
        self.organisations = {}  # oruk id -> page (or None when it could not be saved), for this run
        self.imagined = set()  # organisations a dry run counted as created
        self.indexed = set()  # organisations whose references are up to date
        self.districts = {district.code: district for district in DistrictTag.objects.all()}

    def write_service(self, item: ServiceInput, problems: Problems):
        self._unit(problems, item.path, lambda: self._organisation_then_service(item))

    def write_services(self, batch: list[tuple[ServiceInput, Problems]]) -> tuple[float, int]:
        """Many services: those new to the directory saved together (oruk_bulk), the others one by one.
        Returns how long the new ones' transaction took and how many it created."""
        ids = [item.oruk_id for item, _given in batch]
        known = set(ServicePage.objects.filter(oruk_id__in=ids).values_list("oruk_id", flat=True))
        self._create_organisations([item for item, _given in batch if item.oruk_id not in known])
        new = []
        for item, given in batch:
            if item.oruk_id in known or self.dry_run:
                self.write_service(item, given)
                continue
            organisation = self._organisation_for(item, given)
            if organisation is not None:
                new.append((item, given, organisation))
        prepared = self._prepare_services(new)
        if not prepared:
            return 0.0, 0
        started = time.monotonic()
        try:
            with transaction.atomic(), disable_reference_index_auto_update():
                created = self._create_services(prepared)
        except (DatabaseError, ValueError, TypeError, OverflowError):
            # What validation should have caught: nothing of the batch is kept; saved one by one, the record at
            # fault is refused alone and the others are written.
            logger.exception("Could not save a batch of new ORUK services; saving them one by one")
            for _page, _publish, item, given, _organisation in prepared:
                given.errors.clear()
                given.warnings.clear()
                self.write_service(item, given)
            return 0.0, 0
        self.report.created["service"] += created
        return time.monotonic() - started, created

    def _create_organisations(self, items: list[ServiceInput]):
        """The organisations these services name that are new to the directory, created together (oruk_bulk).
        One that does not validate is left to the one-by-one path, which refuses its services with the reason."""
        wanted = {}
        for item in items:
            given = item.organisation
            if given.described and given.oruk_id not in self.organisations:
                wanted.setdefault(given.oruk_id, given)
        if self.dry_run or not wanted:
            return
        existing = set(OrganisationPage.objects.filter(oruk_id__in=list(wanted)).values_list("oruk_id", flat=True))
        new = [given for oruk_id, given in wanted.items() if oruk_id not in existing]
        if not new:
            return
        index = DirectoryIndexPage.objects.first()
        pages = []
        try:
            with transaction.atomic(), disable_reference_index_auto_update():
                slugs = [(_slug_from(given.page_url, index) or slugify(given.name) or "listing")[:80] for given in new]
                taken = oruk_bulk.taken_slugs([index], set(slugs))[index.path]
                last = oruk_bulk.last_child_paths([index])[index.path]
                for given, slug in zip(new, slugs, strict=True):
                    values = {name: getattr(given, "name" if name == "title" else name) for name in ORGANISATION_FIELDS}
                    page = OrganisationPage(oruk_id=given.oruk_id, live=False, **values)
                    page.slug = _free_slug_among(index, slug, taken)
                    path = oruk_bulk.next_path(index, last)
                    oruk_bulk.place(page, index, path)
                    try:
                        page.full_clean(validate_unique=False, exclude=oruk_bulk.SET_FROM_KNOWN_ROWS)
                    except ValidationError:
                        continue
                    taken.add(page.slug)
                    last = path
                    pages.append(page)
                if pages:
                    # Publishing an organisation gives its provider groups their publish permission; a new page has
                    # no provider group yet, so there is nothing to do for that.
                    oruk_bulk.create(pages, [self.publish] * len(pages))
        except (DatabaseError, ValueError, TypeError, OverflowError):
            logger.exception("Could not save a batch of new organisations; saving them one by one")
            return
        for page in pages:
            self.organisations[page.oruk_id] = page
            self.indexed.add(page.pk)
        self.report.created["organisation"] += len(pages)

    def _organisation_for(self, item: ServiceInput, problems: Problems) -> OrganisationPage | None:
        """The service's organisation, created (in its own short transaction) the first time a run meets it."""
        if item.organisation.oruk_id not in self.organisations:
            self._unit(problems, item.path, lambda: self.organisation(item.organisation))
            organisation = self.organisations.get(item.organisation.oruk_id)
            if organisation is not None:
                self.indexed.add(organisation.pk)  # _unit updated its references
        organisation = self.organisations.get(item.organisation.oruk_id)
        if organisation is None and not problems.errors:
            problems.error(item.organisation.path, "its organisation could not be saved (see above).")
        return organisation

    def _prepare_services(self, new) -> list:
        """Build each new page in memory, with a free slug, and check it with the model's own full_clean; a refused
        one is left out. Outside any transaction: SQLite's write lock (which every transaction takes here, at its
        start) is then held only for the batch's inserts, not while pages are built. What building may write is
        shared, never a half of a service: a free topic tag or a named set of term dates, which a refused record
        may leave behind for the next to reuse."""
        organisations = {organisation.pk: organisation for _item, _given, organisation in new}.values()
        wanted = [(_slug_from(item.page_url, org) or slugify(item.name) or "listing")[:80] for item, _, org in new]
        taken = oruk_bulk.taken_slugs(organisations, set(wanted))
        prepared = []
        for (item, given, organisation), slug in zip(new, wanted, strict=True):
            self.problems = given
            try:
                page, publish = self._new_page(item)
                page.slug = _free_slug_among(organisation, slug, taken[organisation.path])
                # Where it will go is settled under the write lock; any path under its parent does for the check.
                oruk_bulk.place(page, organisation, oruk_bulk.next_path(organisation, None))
                # validate_unique is left out: the path is given under the write lock, the slug is free (worked out
                # above), the translation key a fresh uuid, and place() set the foreign keys from rows in hand.
                # Checking them again would cost five queries a service.
                page.full_clean(validate_unique=False, exclude=oruk_bulk.SET_FROM_KNOWN_ROWS)
                if given.errors:
                    continue
            except ValidationError as error:
                self._invalid(error, item.path, SERVICE_PATHS, f"service '{item.name}'")
                continue
            taken[organisation.path].add(page.slug)
            prepared.append((page, publish, item, given, organisation))
        return prepared

    def _create_services(self, prepared) -> int:
        """Give the prepared pages their tree paths and insert them all. Returns how many were created."""
        last = oruk_bulk.last_child_paths({organisation.pk: organisation for *_, organisation in prepared}.values())
        for page, _publish, _item, _given, organisation in prepared:
            path = oruk_bulk.next_path(organisation, last[organisation.path])
            oruk_bulk.place(page, organisation, path)
            last[organisation.path] = path
        oruk_bulk.create([page for page, *_ in prepared], [publish for _page, publish, *_ in prepared])
        return len(prepared)

    def _new_page(self, item: ServiceInput) -> tuple[ServicePage, bool]:
        """A new service as the per-service path would fill it, not yet saved; and whether it goes live."""
        page = ServicePage(oruk_id=item.oruk_id, live=False)
        return page, self._fill(page, item)

    def _fill(self, page: ServicePage, item: ServiceInput) -> bool:
        """Put the record's fields and relations on the page; whether it goes live (a warning when it may not)."""
        for name, value in item.fields.items():
            setattr(page, name, value)
        if not page.summary:
            page.summary = item.name  # a summary is required; the record had no words for one
        self.apply_relations(page, item)
        publish = self.publish and item.status == "active"
        if self.publish and not publish:
            self.problems.warn(f"{item.path}.status", f"not published: its status is '{item.status}'.")
        return publish

    def write_organisation(self, given: OrganisationInput, problems: Problems):
        self._unit(problems, given.path, lambda: self.organisation(given))

    def _organisation_then_service(self, item):
        organisation = self.organisation(item.organisation)
        if organisation is None:
            if not self.problems.errors:
                self.problems.error(item.organisation.path, "its organisation could not be saved (see above).")
            return None
        if organisation.pk not in self.indexed:
            ReferenceIndex.create_or_update_for_object(organisation)
            self.indexed.add(organisation.pk)
        try:
            with transaction.atomic():
                return self.service(item, organisation)
        except ValidationError as error:
            self._invalid(error, item.path, SERVICE_PATHS, f"service '{item.name}'")
            return None

    def _unit(self, problems: Problems, path: str, work):
        """All of one record or none of it; a dry run does the work, counts it, and rolls it back."""
        self.problems = problems
        counts = [Counter(self.report.created), Counter(self.report.updated), Counter(self.report.unchanged)]
        known = set(self.organisations)
        try:
            # Wagtail re-indexes references on every save (a page saves about six times on its way in);
            # once, for what the record changed, is enough.
            with transaction.atomic(), disable_reference_index_auto_update():
                saved = work()
                if problems.errors or self.dry_run:
                    raise _RollBack
                if saved is not None:
                    ReferenceIndex.create_or_update_for_object(saved)
        except _RollBack:
            pass
        except (DatabaseError, OverflowError) as error:
            # What the checks should have caught; refuse this record, keep the run going.
            logger.exception("Could not save the ORUK record")
            problems.error(path, f"could not be saved ({type(error).__name__}: {error}).")
        if problems.errors or self.dry_run:
            for oruk_id in set(self.organisations) - known:
                del self.organisations[oruk_id]  # rolled back: it does not exist
        if problems.errors:
            self.report.created, self.report.updated, self.report.unchanged = counts

    def _invalid(self, error: ValidationError, path, paths, label):
        messages = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        for name, texts in messages.items():
            where = path if name == NON_FIELD_ERRORS else path + paths.get(name, f".{name}")
            for text in texts:
                self.problems.error(where, f"{text} ({label})")

    # --- Organisations ----------------------------------------------------------

    def organisation(self, given: OrganisationInput) -> OrganisationPage | None:
        if given.oruk_id in self.organisations:
            return self.organisations[given.oruk_id]
        page = OrganisationPage.objects.filter(oruk_id=given.oruk_id).first()
        if not given.described:
            if page is None:
                self.problems.error(given.path, f"no organisation {given.oruk_id} in the file or in the directory.")
            self.organisations[given.oruk_id] = page
            return page
        values = {name: getattr(given, "name" if name == "title" else name) for name in ORGANISATION_FIELDS}
        try:
            with transaction.atomic():
                page = self._write_organisation(page, values, given)
        except ValidationError as error:
            self._invalid(error, given.path, ORGANISATION_PATHS, f"organisation '{given.name}'")
            page = None
        self.organisations[given.oruk_id] = page
        return page

    def _write_organisation(self, page, values, given):
        if page is None:
            index = DirectoryIndexPage.objects.first()
            page = OrganisationPage(oruk_id=given.oruk_id, live=False, **values)
            page.slug = _free_slug(index, given.page_url, given.name)
            index.add_child(instance=page)
            revision = page.save_revision()
            if self.publish:
                revision.publish()
                page.refresh_from_db()
            if given.oruk_id not in self.imagined:
                self.report.created["organisation"] += 1
            if self.dry_run:
                self.imagined.add(given.oruk_id)
            return page
        latest = page.get_latest_revision_as_object()
        changed = any(getattr(latest, name) != value for name, value in values.items())
        if not changed and (not self.publish or (page.live and not page.has_unpublished_changes)):
            self.report.unchanged["organisation"] += 1
            return page
        for name, value in values.items():
            setattr(latest, name, value)
        revision = latest.save_revision()
        if self.publish:
            revision.publish()
        self.report.updated["organisation"] += 1
        return OrganisationPage.objects.get(pk=page.pk)

    # --- Services ---------------------------------------------------------------

    def service(self, item: ServiceInput, organisation: OrganisationPage):
        existing = ServicePage.objects.filter(oruk_id=item.oruk_id).first()
        if existing is not None and not existing.path.startswith(organisation.path):
            existing.move(organisation, pos="last-child")
            self.problems.warn(item.path, f"moved to the organisation '{organisation.title}'.")
            existing = ServicePage.objects.get(pk=existing.pk)
        page = existing.get_latest_revision_as_object() if existing else ServicePage(oruk_id=item.oruk_id, live=False)
        before = _fingerprint(page, item.fields) if existing else None

        publish = self._fill(page, item)
        settled = not publish or (existing is not None and existing.live and not existing.has_unpublished_changes)
        if existing is not None and settled and _fingerprint(page, item.fields) == before:
            self.report.unchanged["service"] += 1
            return None
        if existing is None:
            parent = OrganisationPage.objects.get(pk=organisation.pk)
            page.slug = _free_slug(parent, item.page_url, page.title)
            parent.add_child(instance=page)
            self.report.created["service"] += 1
        else:
            self.report.updated["service"] += 1
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    def apply_relations(self, page: ServicePage, item: ServiceInput):
        """Locations, opening times and terms: only those the record speaks about."""
        if item.locations is not None:
            page.locations = self.locations(page, item)
        if item.opening_times is not None:
            page.schedules = oruk_schedules.attach(item.opening_times, page.locations.all())
        if item.tags is not None:
            for relation in TAG_RELATIONS:
                getattr(page, relation).set(item.tags[relation])
            page.topics.set(item.tags["topics"])
        if item.served_codes is not None or item.district_codes:
            # District terms name where it is or what it serves; where it is comes from its locations.
            at_locations = {location.lad_code for location in page.locations.all()}
            served = item.served_codes
            if served is None:
                served = [district.code for district in page.districts_served.all()]
            served = served + [code for code in item.district_codes if code not in at_locations]
            page.districts_served.set([self.districts[c] for c in dict.fromkeys(served) if c in self.districts])
        page.refresh_districts()

    def locations(self, page: ServicePage, item: ServiceInput) -> list[Location]:
        known = {str(location.oruk_id): location for location in page.locations.all()}
        locations = []
        for spec in item.locations:
            placed = self.place(spec)
            if placed is None:
                continue
            location = known.get(str(spec.oruk_id)) or Location(oruk_id=spec.oruk_id)
            location.name = spec.name or item.name
            location.address, location.town = spec.address, spec.town
            location.latitude, location.longitude, location.postcode, location.lad_code = placed
            location.district = self.districts.get(location.lad_code)
            # Marks the coordinates as belonging to this postcode, so saving does not re-geocode over them.
            location.geocoded_postcode = geo.normalise_postcode(location.postcode)
            try:
                # The district is one of self.districts, rows in hand: no query to check it exists.
                location.clean_fields(exclude=["service", "postcode", "district"])
                if len(location.postcode) > POSTCODE_LENGTH:
                    raise ValidationError({"postcode": f"'{location.postcode}' is too long for a UK postcode."})
            except ValidationError as error:
                self._invalid(error, spec.path, LOCATION_PATHS, f"service '{item.name}'")
                continue
            locations.append(location)
        return locations

    def place(self, spec):
        """(latitude, longitude, postcode, LAD code): given coordinates win, the postcode fills the gaps."""
        place, failure = None, "it has no postcode"
        if spec.postcode:
            try:
                place = geo.lookup_postcode(spec.postcode)
            except geo.GeocodingError as error:
                failure = str(error)
        if spec.latitude is not None:
            if place is None:
                self.problems.warn(
                    f"{spec.path}.addresses[0].postal_code", f"{failure} Kept its latitude and longitude."
                )
                lad_code = geo.nearest_lad(spec.latitude, spec.longitude) or ""
                return spec.latitude, spec.longitude, spec.postcode, lad_code
            return spec.latitude, spec.longitude, place.postcode, place.lad_code or ""
        if place is None:
            self.problems.warn(spec.path, f"could not place this location ({failure}): left out.")
            return None
        return place.latitude, place.longitude, place.postcode, place.lad_code or ""
