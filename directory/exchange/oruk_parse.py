"""Reading Open Referral UK files: fetch, check against the profile's schemas, and map records onto our fields.

Over 400 lines on purpose: one function per part of a record (service, organisation, location, contact,
schedule, cost), all onto the same fields, so the whole mapping reads in one place.
"""

import datetime
import json
import math
import re
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from directory.exchange import oruk_schedules, oruk_schema
from directory.exchange.oruk import EXTENSION, ONS_GEOGRAPHY_URI, plain_to_rich_text, term_id
from directory.models import RICH_TEXT_FEATURES, ServicePage
from directory.vocabularies import ALL, DistrictTag, Weekday

_WEEKDAY_BY_ICAL = {day.ical: day.value for day in Weekday}  # "MO" -> 0, as OpeningTime.weekday

FETCH_TIMEOUT_SECONDS = 20
SUMMARY_LENGTH = ServicePage._meta.get_field("summary").max_length
COST_DETAIL_LENGTH = ServicePage._meta.get_field("cost_detail").max_length
_HTML_RE = re.compile(r"<\s*(p|br|ul|ol|li|b|i|strong|em|a|div|h[1-6])\b", re.IGNORECASE)
_BOOLEAN_FIELDS = (
    "self_referral",
    "drop_in",
    "professional_referral",
    "appointment",
    "accepts_requests",
    "professional_referrals_only",
    "in_person",
    "home_visits",
    "online",
    "by_phone",
    "interpreters",
)
_TEXT_FIELDS = ("accessibility", "opening_times_note")


class ImportFailed(Exception):
    """Nothing was written; `problems` says which record and field, one line each."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class Problems:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, path, message):
        self.errors.append(f"{path}: {message}")

    def warn(self, path, message):
        self.warnings.append(f"{path}: {message}")


@dataclass
class OrganisationInput:
    oruk_id: uuid.UUID
    path: str
    name: str = ""
    summary: str = ""
    email: str = ""
    website: str = ""
    phone: str = ""
    page_url: str = ""  # its address on the site that exported it, if that was us
    described: bool = True  # False when the record only names it by organization_id


@dataclass
class LocationInput:
    oruk_id: uuid.UUID
    path: str
    name: str
    address: str
    town: str
    postcode: str
    latitude: float | None
    longitude: float | None


@dataclass
class ServiceInput:
    oruk_id: uuid.UUID
    path: str
    name: str
    status: str
    organisation: OrganisationInput
    # None (or a missing field name) means the record says nothing about it: keep what we have.
    fields: dict  # ServicePage field name -> value
    locations: list[LocationInput] | None
    opening_times: list[tuple[int, datetime.time, datetime.time]] | None
    tags: dict[str, list] | None  # outcomes / need_levels / age_bands -> tags; topics -> names
    district_codes: list[str]  # from district attributes: where it is or what it serves
    served_codes: list[str] | None  # from service_areas
    page_url: str = ""  # its address on the site that exported it, if that was us


# --- Reading the source ----------------------------------------------------------


def read_source(source: str, timeout: float = FETCH_TIMEOUT_SECONDS):
    """The JSON in a file, or at an http(s) address when the network allows."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(  # noqa: S310  (the scheme is checked just above)
            source, headers={"Accept": "application/json", "User-Agent": "earlyhelp-directory ORUK import"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise ImportFailed([f"{source}: the server answered {error.code} {error.reason}."]) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ImportFailed(
                [f"{source}: could not fetch it ({reason}). Check the address and the network, or download the file."]
            ) from error
    else:
        try:
            raw = Path(source).read_bytes()
        except OSError as error:
            raise ImportFailed([f"{source}: could not read the file ({error.strerror or error})."]) from error
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        where = f" at line {error.lineno} column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        raise ImportFailed([f"{source}: this is not JSON{where}."]) from error


# --- Shapes ----------------------------------------------------------------------


def kind_of(item) -> str:
    """Which ORUK object a record is. A service always has a status; an organisation never does."""
    if not isinstance(item, dict):
        return "service"  # the schema check then says what is wrong
    if isinstance(item.get("service"), dict) and "location" in item:
        return "service_at_location"
    if "status" in item:
        return "service"
    if _given(item, "taxonomy_terms", "taxonomy", "taxonomy_id", "term", "parent_id", "version"):
        return "taxonomy"
    if isinstance(item.get("services"), list) or _given(item, "description", "organization_identifiers", "website"):
        return "organization"
    return "service"


def top_level_records(data) -> list[tuple[str, str, object]]:
    """(JSONPath, kind, record) for each record: a service package (list), one service, an organisation
    with its services, a service at a location, or an API page of any of those ("contents")."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return [(f"$.contents[{i}]", kind_of(item), item) for i, item in enumerate(data["contents"])]
    if isinstance(data, list):
        return [(f"$[{i}]", kind_of(item), item) for i, item in enumerate(data)]
    if isinstance(data, dict):
        return [("$", kind_of(data), data)]
    raise ImportFailed(["$: expected an ORUK service, a list of services or an organisation with its services."])


def schema_problems(records, problems: Problems):
    """Check each record against the profile's schema for its kind, before anything is mapped."""
    validators = {}
    for path, kind, record in records:
        if kind == "taxonomy":
            continue
        if kind not in validators:
            validators[kind] = oruk_schema.validator(kind)
        for where, message in oruk_schema.errors_in(record, validators[kind]):
            problems.error(path + where[1:], message)


def service_records(records) -> list[tuple[str, dict, dict | None]]:
    """Flatten organisations and service-at-locations into (JSONPath, service, organisation or None)."""
    flat, at_locations = [], {}
    for path, kind, record in records:
        if kind == "organization":
            organisation = {key: value for key, value in record.items() if key != "services"}
            for i, service in enumerate(_listed(record.get("services"))):
                flat.append((f"{path}.services[{i}]", service, organisation))
        elif kind == "service_at_location":
            # One record per service and location: gather a service's locations back together.
            link = {"id": record.get("id"), "location": record["location"]}
            earlier = at_locations.get(record["service"].get("id"))
            if earlier is not None:
                earlier["service_at_locations"].append(link)
                continue
            service = at_locations[record["service"].get("id")] = {**record["service"], "service_at_locations": [link]}
            flat.append((f"{path}.service", service, None))
        else:
            flat.append((path, record, None))
    return flat


# --- Records onto our fields -----------------------------------------------------


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def organisation_input(path, record) -> OrganisationInput:
    """An organisation given on its own, without services."""
    given = _organisation(path, {"organization": record}, None, Problems())
    given.path = path
    return given


def _organisation(path, service, given, problems) -> OrganisationInput | None:
    record = service.get("organization") if isinstance(service.get("organization"), dict) else given
    if record:
        phones = record.get("phones") if isinstance(record.get("phones"), list) else []
        return OrganisationInput(
            oruk_id=uuid.UUID(record["id"]),
            path=f"{path}.organization",
            name=_text(record.get("name")),
            summary=_text(record.get("description")),
            email=_text(record.get("email")),
            website=_text(record.get("website")),
            phone=next((_text(p.get("number")) for p in phones if isinstance(p, dict) and p.get("number")), ""),
            page_url=_text(record.get("uri")),
        )
    if service.get("organization_id"):
        return OrganisationInput(uuid.UUID(service["organization_id"]), f"{path}.organization_id", described=False)
    problems.error(path, "the service names no organisation (give 'organization' or 'organization_id').")
    return None


def _description(service, extension) -> str:
    html = extension.get("description_html")
    if not isinstance(html, str):
        text = _text(service.get("description"))
        html = text if _HTML_RE.search(text) else plain_to_rich_text(text)
    # Only the tags our rich text allows survive: imported HTML is shown on our pages.
    return EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(html)


def _summary(service, extension) -> str:
    if isinstance(extension.get("summary"), str) and extension["summary"].strip():
        return extension["summary"].strip()
    text = " ".join(_text(service.get("description")).split()) or _text(service.get("name"))
    text = re.sub(r"<[^>]+>", "", text)
    first = re.match(r"(.+?[.!?])(\s|$)", text)
    summary = first.group(1) if first and len(first.group(1)) <= SUMMARY_LENGTH else text
    return summary if len(summary) <= SUMMARY_LENGTH else summary[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _age(value, path, problems):
    if value is None:
        return None
    if value != math.floor(value):
        problems.warn(path, f"ages are kept in whole years: {value} became {math.floor(value)}.")
    return math.floor(value)


def _date(value, path, problems):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        problems.warn(path, f"'{value}' is not a date (YYYY-MM-DD): left out.")
        return None


def _cost(service, extension, path, problems):
    """(cost choice or None, cost detail) from our extension, else from cost_options."""
    if extension.get("cost") in {choice.value for choice in ServicePage.Cost}:
        return extension["cost"], _text(service.get("fees_description"))
    options = [option for option in _listed(service.get("cost_options")) if isinstance(option, dict)]
    detail = _text(service.get("fees_description"))
    if not detail and options:
        parts = []
        for option in options:
            amount = option.get("amount")
            price = f"£{amount:g}" if isinstance(amount, int | float) and amount else ""
            words = " ".join(p for p in (price, _text(option.get("amount_description"))) if p)
            label = _text(option.get("option"))
            parts.append(f"{label}: {words}" if label and words else label or words)
        detail = "; ".join(part for part in parts if part)
        if len(detail) > COST_DETAIL_LENGTH:
            detail = detail[: COST_DETAIL_LENGTH - 1].rstrip() + "…"
    if not options:
        problems.warn(f"{path}.cost_options", "no cost given: check the cost before publishing.")
        return None, detail
    texts = " ".join(_text(option.get("option")).casefold() for option in options)
    amounts = [option.get("amount") for option in options if isinstance(option.get("amount"), int | float)]
    if "free" in texts or (amounts and not any(amounts)):
        return ServicePage.Cost.FREE.value, detail
    if "low" in texts:
        return ServicePage.Cost.LOW_COST.value, detail
    return ServicePage.Cost.PAID.value, detail


def _listed(value) -> list:
    """A field the profile says is a list, or nothing when a feed sends something else (true, a string, a number)."""
    return value if isinstance(value, list) else []


def _phone(service, path, problems) -> str:
    numbers = []
    for phone in _listed(service.get("phones")):
        if isinstance(phone, dict) and _text(phone.get("number")):
            numbers.append(_text(phone["number"]))
    for contact in _listed(service.get("contacts")):
        for phone in _listed(contact.get("phones")) if isinstance(contact, dict) else []:
            if isinstance(phone, dict) and _text(phone.get("number")):
                numbers.append(_text(phone["number"]))
    if len(set(numbers)) > 1:
        problems.warn(f"{path}.phones", f"we keep one phone number per service: kept {numbers[0]}.")
    return numbers[0] if numbers else ""


def _email(service) -> str:
    if _text(service.get("email")):
        return _text(service["email"])
    for contact in _listed(service.get("contacts")):
        if isinstance(contact, dict) and _text(contact.get("email")):
            return _text(contact["email"])
    return ""


def _languages(service, path, problems) -> str | None:
    names = []
    for i, language in enumerate(_listed(service.get("languages"))):
        name = _text(language.get("name")) or _text(language.get("code"))
        if name:
            names.append(name)
        else:
            problems.warn(f"{path}.languages[{i}]", "a language with neither name nor code: left out.")
    return ", ".join(names) if names else None


def _coordinate(value, limit):
    return float(value) if isinstance(value, int | float) and -limit <= value <= limit else None


def _locations(service, path, problems) -> tuple[list[LocationInput], set[str]]:
    """Physical locations, and the location types met (a virtual one means the service is online)."""
    locations, types = [], set()
    for i, link in enumerate(_listed(service.get("service_at_locations"))):
        where = f"{path}.service_at_locations[{i}].location"
        location = link.get("location") if isinstance(link, dict) else None
        if not isinstance(location, dict):
            problems.warn(f"{path}.service_at_locations[{i}]", "no location given: left out.")
            continue
        kind = location.get("location_type", "physical")
        types.add(kind)
        if kind != "physical":
            problems.warn(where, f"a {kind} location is not a place people go: left out.")
            continue
        addresses = [a for a in _listed(location.get("addresses")) if isinstance(a, dict)]
        address = next((a for a in addresses if a.get("address_type") == "physical"), addresses[0] if addresses else {})
        latitude, longitude = _coordinate(location.get("latitude"), 90), _coordinate(location.get("longitude"), 180)
        if latitude is None or longitude is None:
            if location.get("latitude") is not None or location.get("longitude") is not None:
                problems.warn(where, "latitude and longitude are not a real place: located by postcode instead.")
            latitude = longitude = None
        lines = [_text(address.get(key)) for key in ("address_1", "address_2")]
        locations.append(
            LocationInput(
                oruk_id=uuid.UUID(location["id"]),
                path=where,
                name=_text(location.get("name")) or _text(address.get("address_1")) or _text(address.get("city")),
                address=", ".join(line for line in lines if line),
                town=_text(address.get("city")),
                postcode=_text(address.get("postal_code")),
                latitude=latitude,
                longitude=longitude,
            )
        )
    return locations, types


def _accessibility(service) -> str:
    """What the locations say about access, each sentence once (our export repeats it at every location)."""
    texts = []
    for link in _listed(service.get("service_at_locations")):
        location = link.get("location") if isinstance(link, dict) else None
        for entry in _listed(location.get("accessibility") if isinstance(location, dict) else None):
            text = _text(entry.get("description")) if isinstance(entry, dict) else ""
            if text and text not in texts:
                texts.append(text)
    return "\n".join(texts)


def _time(value) -> datetime.time | None:
    """ "09:00", "09:00:00", "09:00Z" or "09:00+01:00": we keep local clock times, so any offset is dropped."""
    match = re.match(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?", value or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return datetime.time(int(match[1]), int(match[2]), int(match[3] or 0))


def _schedules(service, path, problems) -> tuple[list, list[str]]:
    return oruk_schedules.read(service, path, problems)  # unsaved Schedules, and notes


class TermIndex:
    """Finds our vocabulary term for an ORUK taxonomy term: by our id, else by taxonomy and code or name."""

    def __init__(self):
        self.by_id, self.by_vocabulary = {}, {}
        for vocabulary in ALL:
            if vocabulary.model is None:
                continue
            tags = list(vocabulary.model.objects.all())
            self.by_vocabulary[vocabulary.key] = tags
            for tag in tags:
                self.by_id[term_id(vocabulary.key, tag.code)] = (vocabulary.key, tag)
        self.vocabulary_ids = {str(vocabulary.oruk_id): vocabulary.key for vocabulary in ALL}
        self.vocabulary_names = {vocabulary.title.casefold(): vocabulary.key for vocabulary in ALL}

    def find(self, term: dict, term_id_given: str | None):
        """(vocabulary key, tag or topic name), or None."""
        for candidate in (term_id_given, term.get("id")):
            try:
                found = self.by_id.get(uuid.UUID(str(candidate))) if candidate else None
            except ValueError:
                found = None
            if found:
                return found
        key = self.vocabulary_ids.get(str(term.get("taxonomy_id"))) or self.vocabulary_names.get(
            _text(term.get("taxonomy")).casefold()
        )
        if key == "topic":
            name = _text(term.get("name")) or _text(term.get("term"))
            return ("topic", name) if name else None
        keys = [key] if key else list(self.by_vocabulary)
        wanted = {_text(term.get(name)).casefold() for name in ("term", "name")} - {""}
        for vocabulary_key in keys:
            for tag in self.by_vocabulary.get(vocabulary_key, []):
                if tag.code.casefold() in wanted or tag.name.casefold() in wanted:
                    return vocabulary_key, tag
        return None


def _attributes(service, path, terms: TermIndex, problems):
    tags = {"outcomes": [], "need_levels": [], "age_bands": [], "topics": []}
    districts = []
    relation = {"outcome": "outcomes", "need_level": "need_levels", "age_band": "age_bands", "topic": "topics"}
    for i, attribute in enumerate(_listed(service.get("attributes"))):
        term = attribute.get("taxonomy_term") if isinstance(attribute.get("taxonomy_term"), dict) else {}
        found = terms.find(term, attribute.get("taxonomy_term_id"))
        if found is None:
            label = _text(term.get("name")) or attribute.get("taxonomy_term_id") or "?"
            taxonomy = _text(term.get("taxonomy")) or "an unknown taxonomy"
            problems.warn(f"{path}.attributes[{i}]", f"'{label}' ({taxonomy}) matches none of our vocabularies.")
            continue
        key, value = found
        if key == "district":
            districts.append(value.code)
        elif value not in tags[relation[key]]:
            tags[relation[key]].append(value)
    return tags, districts


def _service_areas(service, path, problems) -> list[str]:
    codes = []
    districts = list(DistrictTag.objects.all())
    for i, area in enumerate(_listed(service.get("service_areas"))):
        uri, name = _text(area.get("uri")), _text(area.get("name")).casefold()
        code = uri.rsplit("/", 1)[-1] if uri.startswith(ONS_GEOGRAPHY_URI) else ""
        match = next((d for d in districts if d.code == code or d.name.casefold() == name), None)
        if match is None:
            label = _text(area.get("name")) or uri or "?"
            problems.warn(f"{path}.service_areas[{i}]", f"'{label[:80]}' is not one of our districts.")
        elif match.code not in codes:
            codes.append(match.code)
    return codes


def _given(service, *keys) -> bool:
    return any(key in service for key in keys)


def _contact_and_cost_fields(service, extension, path, problems) -> dict:
    fields = {}
    if _given(service, "email", "contacts"):
        fields["email"] = _email(service)
    if _given(service, "phones", "contacts"):
        fields["phone"] = _phone(service, path, problems)
    for key, name in (("minimum_age", "min_age"), ("maximum_age", "max_age")):
        if key in service:
            fields[name] = _age(service[key], f"{path}.{key}", problems)
    if "interpretation_services" in service:
        fields["interpreters"] = bool(_text(service["interpretation_services"]))
    if _given(service, "cost_options", "fees_description") or "cost" in extension:
        cost, fields["cost_detail"] = _cost(service, extension, path, problems)
        if cost is not None:
            fields["cost"] = cost
    return fields


def _fields(service, extension, path, problems, location_types) -> dict:
    """Our page fields the record speaks about. A key the record leaves out keeps what the listing has:
    a summary from an API list must not wipe the locations of a full listing."""
    fields = {"title": _text(service["name"])}
    if _given(service, "description") or _given(extension, "description_html", "summary"):
        fields["summary"] = _summary(service, extension)
        fields["description"] = _description(service, extension)
    simple = {"eligibility_description": "eligibility", "application_process": "how_to_access", "url": "website"}
    for key, name in simple.items():
        if key in service:
            fields[name] = _text(service[key])
    fields.update(_contact_and_cost_fields(service, extension, path, problems))
    if reviewed := _date(service.get("assured_date"), f"{path}.assured_date", problems):
        fields["last_reviewed"] = reviewed
    if "languages" in service:
        languages = _languages(service, path, problems)
        if languages is not None:
            fields["languages"] = languages
    if "service_at_locations" in service:
        fields["accessibility"] = _accessibility(service)
        fields["in_person"] = "physical" in location_types or "virtual" not in location_types
        fields["online"] = "virtual" in location_types
    # What our own export carries beyond ORUK wins over what was inferred above.
    fields.update(_extension_fields(extension, path, problems))
    return fields


def _extension_fields(extension, path, problems) -> dict:
    fields = {}
    for name in _BOOLEAN_FIELDS:
        if isinstance(extension.get(name), bool):
            fields[name] = extension[name]
    for name in _TEXT_FIELDS:
        if isinstance(extension.get(name), str):
            fields[name] = extension[name]
    for name in ("start_date", "end_date"):
        if name in extension:
            fields[name] = _date(extension[name], f"{path}.{EXTENSION}.{name}", problems)
    if isinstance(extension.get("review_interval_months"), int) and extension["review_interval_months"] > 0:
        fields["review_interval_months"] = extension["review_interval_months"]
    return fields


def service_input(path, service, given_organisation, terms: TermIndex, problems) -> ServiceInput | None:
    organisation = _organisation(path, service, given_organisation, problems)
    if organisation is None:
        return None
    extension = service.get(EXTENSION) if isinstance(service.get(EXTENSION), dict) else {}
    locations, location_types = _locations(service, path, problems)
    fields = _fields(service, extension, path, problems, location_types)
    openings = None
    if "schedules" in service:
        openings, notes = _schedules(service, path, problems)
        if "opening_times_note" not in extension:
            fields["opening_times_note"] = "\n".join(notes)
    tags, district_codes = _attributes(service, path, terms, problems) if "attributes" in service else (None, [])
    return ServiceInput(
        oruk_id=uuid.UUID(service["id"]),
        path=path,
        name=fields["title"],
        status=service.get("status", "active"),
        organisation=organisation,
        fields=fields,
        locations=locations if "service_at_locations" in service else None,
        opening_times=openings,
        tags=tags,
        district_codes=district_codes,
        served_codes=_service_areas(service, path, problems) if "service_areas" in service else None,
        page_url=_text(extension.get("page_url")),
    )


def read_file(data, problems: Problems) -> tuple[list[OrganisationInput], list[ServiceInput]]:
    """Organisations without services, and every service, mapped onto our fields.
    Schema errors stop here, before any mapping."""
    records = top_level_records(data)
    for path, kind, _record in records:
        if kind == "taxonomy":
            problems.error(
                path,
                "this is a taxonomy or taxonomy term, not a service or an organisation. "
                "Our vocabularies come from the area profile (manage.py load_area).",
            )
    if problems.errors:
        return [], []
    schema_problems(records, problems)
    if problems.errors:
        return [], []
    organisations = []
    for path, kind, record in records:
        if kind == "organization" and not record.get("services"):
            organisations.append(_organisation(path, {"organization": record}, None, problems))
            organisations[-1].path = path
    terms = TermIndex()
    inputs = []
    seen = {}
    for path, service, organisation in service_records(records):
        item = service_input(path, service, organisation, terms, problems)
        if item is None:
            continue
        if item.oruk_id in seen:
            problems.error(f"{path}.id", f"the same service id is also at {seen[item.oruk_id]}.")
            continue
        seen[item.oruk_id] = path
        inputs.append(item)
    return organisations, inputs
