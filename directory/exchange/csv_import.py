"""Bulk import of services from a CSV file: validate every row, then write all or nothing.

The format is documented in docs/csv-template.md. One row per service location; a service with
several locations repeats its organisation and service name on each row (its other columns may
be left blank on the repeat rows). Lists inside a cell are separated by semicolons.

Over 400 lines on purpose: every column's reading, its message and the all-or-nothing write share one
row model; apart, a column's rule would live away from the words it gives a provider.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.template.defaultfilters import linebreaksbr
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug

from directory import geo
from directory.models import OLDEST_SERVICE_AGE, DirectoryIndexPage, Location, OrganisationPage, ServicePage
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag
from sitewide.exports import FORMULA_STARTS

# Column name -> (ServicePage field or None, max length or None). Order is the template's order.
SERVICE_COLUMNS = [
    "organisation",
    "service name",
    "summary",
    "description",
    "eligibility",
    "access routes",
    "cost",
    "cost detail",
    "delivery",
    "languages",
    "min_age",
    "max_age",
    "age bands",
    "need levels",
    "outcomes",
    "topics",
    "districts served",
    "phone",
    "email",
    "website",
]
LOCATION_COLUMNS = ["location name", "address", "town", "postcode"]
COLUMNS = SERVICE_COLUMNS + LOCATION_COLUMNS
REQUIRED_COLUMNS = ["organisation", "service name", "summary"]
# Columns a repeat row of the same service may leave blank (or must repeat exactly).
SERVICE_DETAIL_COLUMNS = [column for column in SERVICE_COLUMNS if column not in ("organisation", "service name")]

MAX_LENGTHS = {
    "organisation": 255,
    "service name": 255,
    "summary": 300,
    "cost detail": 200,
    "languages": 200,
    "phone": 40,
    "location name": 200,
    "address": 300,
    "town": 100,
}
ACCESS_ROUTES = {
    "self referral": "self_referral",
    "drop in": "drop_in",
    "professional referral": "professional_referral",
    "referral": "professional_referral",
    "appointment": "appointment",
    "by appointment": "appointment",
}
DELIVERY = {
    "in person": "in_person",
    "home visits": "home_visits",
    "home visit": "home_visits",
    "online": "online",
    "phone": "by_phone",
    "by phone": "by_phone",
    "telephone": "by_phone",
}
COST = {"free": "free", "low cost": "low_cost", "paid": "paid"}
NUMBER_COLUMNS = ("min_age", "max_age")
# No cell in the template needs more; a bigger one is a mistake (or an attack), reported with its row.
MAX_CELL_CHARACTERS = 100_000
# How much of a person's own text an error line repeats back to them.
ECHO_CHARACTERS = 80
# An international phone number is the one cell that may begin with a formula character.
PHONE_NUMBER = re.compile(r"^\+[\d\s()]+$")


def shown(text, limit=ECHO_CHARACTERS):
    """A cell as an error line repeats it: whole when short, else cut with an ellipsis."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass
class Problem:
    row: int | None  # the spreadsheet's row number (the header is row 1); None for the whole file
    column: str
    message: str

    def __post_init__(self):
        self.column = shown(self.column)

    def __str__(self):
        where = _("Row %(row)s") % {"row": self.row} if self.row else _("File")
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class CsvImportError(Exception):
    """The file cannot be imported; `problems` lists every reason, with row and column."""

    def __init__(self, problems):
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class ParsedLocation:
    name: str
    address: str
    town: str
    place: geo.Place


@dataclass
class ParsedService:
    row: int
    organisation_title: str
    title: str
    values: dict  # ServicePage field -> value
    tags: dict  # tag manager name -> list of tags or topic names
    districts_served: list
    raw: dict  # the first row's cells, to compare repeat rows with
    locations: list = field(default_factory=list)
    organisation: OrganisationPage | None = None
    existing: ServicePage | None = None


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    organisations_created: list = field(default_factory=list)
    dry_run: bool = False
    published: bool = False

    def summary(self):
        verb = _("would be") if self.dry_run else _("were")
        state = _("published") if self.published else _("saved as drafts")
        lines = [
            _("%(created)d services %(verb)s created and %(updated)d updated (%(state)s).")
            % {"created": len(self.created), "updated": len(self.updated), "verb": verb, "state": state}
        ]
        if self.organisations_created:
            lines.append(_("New organisations: %(names)s.") % {"names": ", ".join(sorted(self.organisations_created))})
        if self.dry_run:
            lines.append(_("Nothing was saved: this was a check only."))
        return "\n".join(lines)


def _key(text):
    """Compare names loosely: case, hyphens, underscores and repeated spaces do not matter."""
    return re.sub(r"[\s_\-–]+", " ", text).strip().casefold()


def _split(cell):
    return [part.strip() for part in cell.split(";") if part.strip()]


def decode(data):
    """The file's text, or CsvImportError if it is not UTF-8 text."""
    if isinstance(data, str):
        return data
    if not data.strip():
        raise CsvImportError([Problem(None, "", _("The file is empty."))])
    if b"\x00" in data:  # an image, a workbook, a PDF: no text rows to point at
        raise CsvImportError([Problem(None, "", _("This does not look like a CSV file. Use the template."))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvImportError(
            [
                Problem(
                    _line_of(data, error.start),
                    "",
                    _("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and try again."),
                )
            ]
        ) from error
    return text  # valid UTF-8 without a NUL byte holds no NUL character


def _line_of(data, offset):
    """The line an offset falls on (1 for the header), to point at the first bad byte."""
    return data.count(b"\n", 0, offset) + 1


def read_rows(text):
    """(header columns, [(row number, {column: cell})]) with column names normalised to the template's."""
    rows = _parse(text)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CsvImportError([Problem(None, "", _("The file is empty."))])
    known = {_key(column): column for column in COLUMNS}
    header = [known.get(_key(cell), cell.strip()) for cell in rows[0]]
    problems = [
        Problem(1, column, _("This column is not in the template. Check its spelling."))
        for column in header
        if column not in COLUMNS and column
    ]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.append(Problem(1, "", _("These columns are missing: %(columns)s.") % {"columns": ", ".join(missing)}))
    duplicates = {column for column in header if column and header.count(column) > 1}
    problems += [Problem(1, column, _("This column appears more than once.")) for column in sorted(duplicates)]
    if problems:
        raise CsvImportError(problems)
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines at the end of a spreadsheet export
        if len(cells) > len(header):
            problems.append(
                Problem(number, "", _("This row has more cells than the header has columns. Check for stray commas."))
            )
            continue
        record = {column: "" for column in COLUMNS}
        record.update({column: cell.strip() for column, cell in zip(header, cells, strict=False) if column})
        records.append((number, record))
    if problems:
        raise CsvImportError(problems)
    if not records:
        raise CsvImportError([Problem(None, "", _("The file has a header but no services."))])
    return header, records


def _parse(text):
    """Every row's cells; a row the csv module cannot read is reported with its number."""
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            # The row being read is the one after those read so far (the header is row 1).
            if "field larger than field limit" in str(error):
                raise CsvImportError([_too_long(len(rows) + 1)]) from error
            message = _("This row is not valid CSV (%(error)s).") % {"error": error}
            raise CsvImportError([Problem(len(rows) + 1, "", message)]) from error
        if any(len(cell) > MAX_CELL_CHARACTERS for cell in cells):
            raise CsvImportError([_too_long(len(rows) + 1)])
        rows.append(cells)


def _too_long(row):
    return Problem(
        row, "", _("A cell in this row is too long: the most is %(limit)d characters.") % {"limit": MAX_CELL_CHARACTERS}
    )


class Vocabulary:
    """Terms of one vocabulary found by code or by name (and need levels by number)."""

    def __init__(self, model):
        self.model = model
        self.terms = {}
        for term in model.objects.all():
            self.terms[_key(term.code)] = term
            self.terms[_key(term.name)] = term
            if getattr(term, "level", None) is not None:
                self.terms[str(term.level)] = term

    def find(self, value):
        return self.terms.get(_key(value))


class RowValidator:
    """Turns rows into ParsedService objects, collecting a Problem for everything wrong."""

    def __init__(self, create_organisations=False):
        self.create_organisations = create_organisations
        self.problems = []
        self.vocabularies = {
            "age bands": ("age_bands", Vocabulary(AgeBandTag)),
            "need levels": ("need_levels", Vocabulary(NeedLevelTag)),
            "outcomes": ("outcomes", Vocabulary(OutcomeTag)),
        }
        self.districts = Vocabulary(DistrictTag)
        self.organisations = {}
        for organisation in OrganisationPage.objects.order_by("path"):
            self.organisations.setdefault(_key(organisation.title), organisation)
        self.postcodes = {}

    def problem(self, row, column, message):
        self.problems.append(Problem(row, column, message))

    def text(self, row, record, column):
        value = record[column]
        limit = MAX_LENGTHS.get(column)
        if limit and len(value) > limit:
            self.problem(
                row,
                column,
                _("This is %(length)d characters; the most is %(limit)d.") % {"length": len(value), "limit": limit},
            )
        return value

    def age(self, row, record, column):
        value = record[column]
        if not value:
            return None
        if not value.isdigit() or int(value) > OLDEST_SERVICE_AGE:
            self.problem(row, column, _("Enter an age in whole years from 0 to %(max)d.") % {"max": OLDEST_SERVICE_AGE})
            return None
        return int(value)

    def choices(self, row, record, column, mapping):
        chosen = []
        for value in _split(record[column]):
            name = mapping.get(_key(value))
            if name is None:
                allowed = ", ".join(sorted({key for key in mapping}))
                self.problem(
                    row,
                    column,
                    _("“%(value)s” is not one of: %(allowed)s.") % {"value": shown(value), "allowed": allowed},
                )
            elif name not in chosen:
                chosen.append(name)
        return chosen

    def terms(self, row, record, column, vocabulary):
        found = []
        for value in _split(record[column]):
            term = vocabulary.find(value)
            if term is None:
                self.problem(
                    row,
                    column,
                    _("“%(value)s” is not a known %(vocabulary)s. Use a code or name from the admin’s Vocabularies.")
                    % {"value": shown(value), "vocabulary": vocabulary.model._meta.verbose_name},
                )
            elif term not in found:
                found.append(term)
        return found

    def contact(self, row, record, values):
        values["phone"] = self.text(row, record, "phone")
        values["email"] = record["email"]
        values["website"] = record["website"]
        if values["email"]:
            try:
                EmailValidator()(values["email"])
            except ValidationError:
                self.problem(
                    row, "email", _("“%(value)s” is not an email address.") % {"value": shown(values["email"])}
                )
        if values["website"]:
            if not re.match(r"^https?://", values["website"], re.IGNORECASE):
                values["website"] = "https://" + values["website"]
            try:
                URLValidator(schemes=["http", "https"])(values["website"])
            except ValidationError:
                self.problem(
                    row, "website", _("“%(value)s” is not a web address.") % {"value": shown(record["website"])}
                )

    def service(self, row, record):
        for column in REQUIRED_COLUMNS:
            if not record[column]:
                self.problem(row, column, _("This column must not be empty."))
        values = {
            "title": self.text(row, record, "service name"),
            "summary": self.text(row, record, "summary"),
            # A blank line starts a paragraph, whichever line ends the spreadsheet wrote (Windows: CR LF).
            "description": "".join(
                f"<p>{_escape(part)}</p>" for part in re.split(r"\r?\n\s*\r?\n", record["description"]) if part.strip()
            ),
            "eligibility": record["eligibility"],
            "cost_detail": self.text(row, record, "cost detail"),
            "languages": ", ".join(_split(self.text(row, record, "languages"))) or "English",
            "min_age": self.age(row, record, "min_age"),
            "max_age": self.age(row, record, "max_age"),
        }
        if values["min_age"] is not None and values["max_age"] is not None and values["min_age"] > values["max_age"]:
            self.problem(row, "max_age", _("The oldest age must be the same as or more than the youngest age."))
        cost = self.choices(row, record, "cost", COST)
        if len(cost) > 1:
            self.problem(row, "cost", _("Choose one of free, low cost or paid."))
        values["cost"] = cost[0] if cost else "free"
        routes = self.choices(row, record, "access routes", ACCESS_ROUTES)
        values.update({name: name in routes for name in set(ACCESS_ROUTES.values())})
        modes = self.choices(row, record, "delivery", DELIVERY)
        if modes:  # blank (or only unknown values, already reported): the model's default, in person
            values.update({name: name in modes for name in set(DELIVERY.values())})
        self.contact(row, record, values)
        tags = {
            name: self.terms(row, record, column, vocabulary)
            for column, (name, vocabulary) in self.vocabularies.items()
        }
        tags["topics"] = _split(record["topics"])
        districts_served = self.terms(row, record, "districts served", self.districts)
        parsed = ParsedService(
            row=row,
            organisation_title=record["organisation"],
            title=values["title"],
            values=values,
            tags=tags,
            districts_served=districts_served,
            raw={column: record[column] for column in SERVICE_DETAIL_COLUMNS},
        )
        parsed.organisation = self.organisations.get(_key(record["organisation"]))
        if parsed.organisation is None and record["organisation"] and not self.create_organisations:
            self.problem(
                row,
                "organisation",
                _("There is no organisation called “%(name)s”. Check the spelling, or add the organisation first.")
                % {"name": shown(record["organisation"])},
            )
        return parsed

    def location(self, row, record):
        name, postcode = record["location name"], record["postcode"]
        if not name and not postcode:
            if record["address"] or record["town"]:
                self.problem(row, "postcode", _("A location needs a postcode and a name."))
            return None
        if not postcode:
            self.problem(row, "postcode", _("A location needs a postcode."))
            return None
        if not name:
            self.problem(row, "location name", _("A location needs a name, such as the building’s."))
        if len(postcode) > ECHO_CHARACTERS:
            # Checked here so the geocoder's message never repeats a whole pasted paragraph.
            self.problem(
                row,
                "postcode",
                _("“%(value)s” is not a valid UK postcode. Enter a postcode like BN11 1HS.")
                % {"value": shown(postcode)},
            )
            return None
        place = self.postcodes.get(geo.normalise_postcode(postcode))
        if place is None:
            try:
                place = geo.lookup_postcode(postcode)
            except geo.GeocodingError as error:
                self.problem(row, "postcode", str(error))
                return None
            self.postcodes[geo.normalise_postcode(postcode)] = place
        return ParsedLocation(
            name=self.text(row, record, "location name"),
            address=self.text(row, record, "address"),
            town=self.text(row, record, "town"),
            place=place,
        )

    def formulas(self, row, record):
        """Refuse cells a spreadsheet would run as formulas (OWASP's rule), rather than store them.

        Stored, such a cell would be shown on public pages and travel on to every export and feed; the
        person importing can fix the cell, and nothing in the template needs to begin that way except an
        international phone number. Tabs and carriage returns at the start are already trimmed away.
        """
        for column, value in record.items():
            if not value.startswith(FORMULA_STARTS) or column in NUMBER_COLUMNS:
                continue  # ages are checked as whole numbers, so "-1" gets that message instead
            if column == "phone" and PHONE_NUMBER.match(value):
                continue
            self.problem(
                row,
                column,
                _("This begins with “%(character)s”, which a spreadsheet would run as a formula. Start with a word.")
                % {"character": value[0]},
            )

    def validate(self, records):
        services = {}
        for row, record in records:
            self.formulas(row, record)
            key = (_key(record["organisation"]), _key(record["service name"]))
            parsed = services.get(key)
            if parsed is None:
                parsed = services[key] = self.service(row, record)
            else:
                self.compare_repeat(row, record, parsed)
            location = self.location(row, record)
            if location is not None:
                parsed.locations.append(location)
        for parsed in services.values():
            if parsed.organisation is not None:
                parsed.existing = (
                    ServicePage.objects.child_of(parsed.organisation).filter(title__iexact=parsed.title).first()
                )
        return list(services.values())

    def compare_repeat(self, row, record, parsed):
        for column in SERVICE_DETAIL_COLUMNS:
            if record[column] and record[column] != parsed.raw[column]:
                self.problem(
                    row,
                    column,
                    _("This differs from row %(first)d of the same service. Leave it blank or repeat it exactly.")
                    % {"first": parsed.row},
                )


def _escape(text):
    return linebreaksbr(text.strip(), autoescape=True)


def _free_slug(parent, title):
    return find_available_slug(parent, slugify(title)[:240] or "service")


def _apply_locations(service, parsed_locations):
    """Replace the service's locations, keeping an existing one (and its ORUK id) when name and postcode match."""
    existing = {(_key(loc.name), geo.normalise_postcode(loc.postcode)): loc for loc in service.locations.all()}
    locations = []
    for parsed in parsed_locations:
        place = parsed.place
        location = existing.pop((_key(parsed.name), geo.normalise_postcode(place.postcode)), None) or Location()
        location.name, location.address, location.town = parsed.name, parsed.address, parsed.town
        location.set_place(place)
        locations.append(location)
    service.locations = locations


def _fill(service, parsed):
    for name, value in parsed.values.items():
        setattr(service, name, value)
    _apply_locations(service, parsed.locations)
    service.districts_served = parsed.districts_served
    for name, values in parsed.tags.items():
        getattr(service, name).set(values)


def _organisation(parsed, created, publish, user):
    if parsed.organisation is not None:
        return parsed.organisation
    key = _key(parsed.organisation_title)
    if key not in created:
        index = DirectoryIndexPage.objects.get()
        organisation = OrganisationPage(
            title=parsed.organisation_title, slug=_free_slug(index, parsed.organisation_title), live=False
        )
        index.add_child(instance=organisation)
        revision = organisation.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        created[key] = organisation
    return created[key]


class _RowRejected(Exception):
    def __init__(self, row, error):
        super().__init__(row)
        self.problems = [
            Problem(row, name if name != "__all__" else "", " ".join(str(message) for message in messages))
            for name, messages in error.message_dict.items()
        ]


def _write_one(parsed, organisation, publish, user):
    if parsed.existing is not None:
        service = parsed.existing.specific
        _fill(service, parsed)
    else:
        # Created the way the admin creates pages: a draft first, published after if asked.
        service = ServicePage(slug=_free_slug(organisation, parsed.title), live=False)
        _fill(service, parsed)
        organisation.add_child(instance=service)
    revision = service.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return service


def write(services, publish=False, user=None):
    """Write validated services; call inside a transaction so a failure leaves nothing behind."""
    result = ImportResult(published=publish)
    created_organisations = {}
    for parsed in services:
        try:
            organisation = _organisation(parsed, created_organisations, publish, user)
            service = _write_one(parsed, organisation, publish, user)
        except ValidationError as error:
            raise _RowRejected(parsed.row, error) from error
        (result.updated if parsed.existing is not None else result.created).append(service)
    result.organisations_created = [organisation.title for organisation in created_organisations.values()]
    return result


def validate_services_csv(data, create_organisations=False):
    """The parsed services, or CsvImportError listing every problem."""
    _header, records = read_rows(decode(data))
    validator = RowValidator(create_organisations=create_organisations)
    services = validator.validate(records)
    if validator.problems:
        raise CsvImportError(validator.problems)  # the rows are checked in order, so their problems are
    return services


def import_services_csv(data, publish=False, dry_run=False, user=None, create_organisations=False):
    """Validate the whole file, then (unless a dry run) write every service in one transaction."""
    services = validate_services_csv(data, create_organisations=create_organisations)
    if dry_run:
        result = ImportResult(dry_run=True, published=publish)
        result.created = [parsed for parsed in services if parsed.existing is None]
        result.updated = [parsed for parsed in services if parsed.existing is not None]
        result.organisations_created = sorted(
            {parsed.organisation_title for parsed in services if parsed.organisation is None}
        )
        return result
    try:
        with transaction.atomic():
            return write(services, publish=publish, user=user)
    except _RowRejected as error:
        # A rule of the model's own that the row checks missed: still a report, and nothing was written.
        raise CsvImportError(error.problems) from error
