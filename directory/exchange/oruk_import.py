"""Writing Open Referral UK services into the directory: organisations, services and locations, in one transaction."""

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from directory import geo
from directory.exchange import oruk_schedules
from directory.exchange.oruk import EXTENSION
from directory.exchange.oruk_parse import (
    ImportFailed,
    OrganisationInput,
    Problems,
    ServiceInput,
    read_file,
    read_source,
)
from directory.models import DirectoryIndexPage, Location, OrganisationPage, ServicePage
from directory.vocabularies import DistrictTag

__all__ = ["ImportFailed", "ImportReport", "import_oruk", "read_source"]

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


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"{kind.capitalize()}s: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged."
            for kind in ("organisation", "service")
        ]


class _RollBack(Exception):
    pass


def import_oruk(data, *, publish: bool = False) -> ImportReport:
    """Create or update what `data` describes, matching on ORUK ids. All of it, or (ImportFailed) none of it."""
    problems = Problems()
    organisations, services = read_file(data, problems)
    if problems.errors:
        raise ImportFailed(problems.errors)
    report = ImportReport(warnings=problems.warnings)
    try:
        with transaction.atomic():
            _Importer(problems, report, publish).run(organisations, services)
            if problems.errors:
                raise _RollBack
    except _RollBack:
        raise ImportFailed(problems.errors) from None
    return report


def _slug_from(url, parent) -> str:
    """The slug of a page address we exported (…/<parent slug>/<slug>/), so a listing keeps its address
    when it moves to another site. Anyone else's address is just an address."""
    parts = [part for part in urlsplit(url).path.split("/") if part] if isinstance(url, str) else []
    if len(parts) >= 2 and parts[-2] == parent.slug and slugify(parts[-1]) == parts[-1]:
        return parts[-1]
    return ""


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
    def __init__(self, problems: Problems, report: ImportReport, publish: bool):
        self.problems, self.report, self.publish = problems, report, publish
        self.organisations = {}
        self.districts = {district.code: district for district in DistrictTag.objects.all()}

    def run(self, organisations: list[OrganisationInput], services: list[ServiceInput]):
        if not DirectoryIndexPage.objects.exists():
            self.problems.error("$", "the site has no directory index page to import into: run migrate first.")
            return
        for given in organisations:
            self.organisation(given)
        for item in services:
            organisation = self.organisation(item.organisation)
            if organisation is None:
                continue
            try:
                with transaction.atomic():
                    self.service(item, organisation)
            except ValidationError as error:
                self._invalid(error, item.path, SERVICE_PATHS, f"service '{item.name}'")

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
            self.report.created["organisation"] += 1
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

        for name, value in item.fields.items():
            setattr(page, name, value)
        if not page.summary:
            page.summary = item.name  # a summary is required; the record had no words for one
        self.apply_relations(page, item)

        publish = self.publish and item.status == "active"
        if self.publish and not publish:
            self.problems.warn(f"{item.path}.status", f"not published: its status is '{item.status}'.")
        settled = not publish or (existing is not None and existing.live and not existing.has_unpublished_changes)
        if existing is not None and settled and _fingerprint(page, item.fields) == before:
            self.report.unchanged["service"] += 1
            return
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
                location.clean_fields(exclude=["service", "postcode"])
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
