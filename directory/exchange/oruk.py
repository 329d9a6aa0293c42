"""Published services as Open Referral UK 3.0 records: stable ids, our vocabularies as taxonomies, and the mapping.

Over 400 lines on purpose: the whole outgoing mapping, record by record, with the ids and taxonomies
it is built on, so both the API and the exports give the same record.
"""

import datetime
import re
import uuid
from dataclasses import dataclass
from html import escape

from bs4 import BeautifulSoup
from django.conf import settings
from django.db.models import Exists, OuterRef
from taggit.models import Tag
from wagtail.rich_text import expand_db_html

from directory.area_profiles import UnknownArea, read_area
from directory.exchange import oruk_schedules
from directory.models import OrganisationPage, ServicePage
from directory.vocabularies import ALL, ORUK_NAMESPACE, ServiceTopic, Vocabulary

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"
# What ORUK has no field for (summary, access routes, delivery modes...) travels here, so that
# our export imports back without loss. Consumers that do not know it ignore it.
EXTENSION = "x-earlyhelp"
ONS_GEOGRAPHY_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
COST_OPTIONS = {
    ServicePage.Cost.FREE: "Free",
    ServicePage.Cost.LOW_COST: "Low cost",
    ServicePage.Cost.PAID: "Paid",
}


# --- Ids: derived from the registry's ORUK_NAMESPACE, so they never change -------------------------


def term_id(key: str, code: str) -> uuid.UUID:
    return uuid.uuid5(ORUK_NAMESPACE, f"taxonomy_term:{key}:{code.casefold()}")


def service_at_location_id(service_id, location_id) -> uuid.UUID:
    return uuid.uuid5(ORUK_NAMESPACE, f"service_at_location:{service_id}:{location_id}")


def child_id(parent_id, *parts) -> str:
    """An id for a record that only exists inside its parent (a schedule, an address): stable across runs."""
    return str(uuid.uuid5(uuid.UUID(str(parent_id)), ":".join(str(part) for part in parts)))


# --- Vocabularies (directory.vocabularies.ALL) as taxonomies ---------------------


@dataclass(frozen=True)
class Term:
    vocabulary: Vocabulary
    code: str
    name: str
    description: str
    tag: object

    @property
    def id(self) -> uuid.UUID:
        return term_id(self.vocabulary.key, self.code)


def term_for(vocabulary: Vocabulary, tag) -> Term:
    if vocabulary.model is None:
        return Term(vocabulary, tag.name, tag.name, "", tag)
    return Term(vocabulary, tag.code, tag.name, tag.description, tag)


def published_services():
    """Only what the public can see: live, not behind a view restriction. Never a draft.

    The one place the exchange and the ORUK API spell it (until ServicePage gains `published()`)."""
    return ServicePage.objects.published()


def vocabulary_terms(vocabulary: Vocabulary) -> list[Term]:
    if vocabulary.model is None:
        # Topics are free tags: publish only those on published services. Asked tag by tag, each stopping at
        # its first published service: filtering the topics by every published service's id took 340 ms of
        # each ORUK search with a taxonomy term at 100,000 services.
        published = published_services().filter(pk=OuterRef("content_object_id"))
        on_published = ServiceTopic.objects.filter(Exists(published), tag=OuterRef("pk"))
        tags = Tag.objects.filter(Exists(on_published)).order_by("name")
    else:
        tags = vocabulary.model.objects.all()
    return [term_for(vocabulary, tag) for tag in tags]


def terms_with_ids(ids) -> dict[uuid.UUID, Term]:
    """The published terms among these ids, by id: the vocabularies read in turn until every id is found, the
    topics (the costliest, asked of every published service) only when a controlled term does not answer."""
    wanted, found = set(ids), {}
    for vocabulary in sorted(ALL, key=lambda vocabulary: vocabulary.model is None):
        if not wanted - found.keys():
            break
        found |= {term.id: term for term in vocabulary_terms(vocabulary) if term.id in wanted}
    return found


def taxonomy_record(vocabulary: Vocabulary, terms: list[Term] | None = None) -> dict:
    record = {"id": str(vocabulary.oruk_id), "name": vocabulary.title, "description": vocabulary.description}
    if terms is not None:
        record["taxonomy_terms"] = [taxonomy_term_record(term) for term in terms]
    return record


def taxonomy_term_record(term: Term) -> dict:
    return {
        "id": str(term.id),
        "name": term.name,
        "description": term.description,
        "taxonomy": term.vocabulary.title,
        "taxonomy_id": str(term.vocabulary.oruk_id),
        "term": term.code,
    }


# --- Text ------------------------------------------------------------------------

_BLOCKS = ("p", "ul", "ol", "h2", "h3", "h4", "div", "blockquote")


def rich_text_to_plain(html: str) -> str:
    """Rich text as plain paragraphs (blank line between) and "- " list items: what ORUK's free text expects."""
    html = expand_db_html(html or "")
    if "<" not in html:
        return html.strip()
    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = []
    for node in soup.contents:
        name = getattr(node, "name", None)
        if name in ("ul", "ol"):
            items = [item.get_text().strip() for item in node.find_all("li")]
            marks = [f"{n}." for n in range(1, len(items) + 1)] if name == "ol" else ["-"] * len(items)
            blocks.append("\n".join(f"{mark} {item}" for mark, item in zip(marks, items, strict=True)))
        else:
            text = node.get_text() if name else str(node)
            blocks.append(text.strip())
    return "\n\n".join(block for block in blocks if block)


def plain_to_rich_text(text: str) -> str:
    """The inverse of rich_text_to_plain, for descriptions that arrive as plain text."""
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith(("- ", "* ", "• ")) for line in lines):
            blocks.append("<ul>" + "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines) + "</ul>")
        elif all(re.match(r"\d+\.\s", line) for line in lines):
            items = [re.sub(r"^\d+\.\s+", "", line) for line in lines]
            blocks.append("<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>")
        else:
            blocks.append("<p>" + "<br/>".join(escape(line) for line in lines) + "</p>")
    return "".join(blocks)


def _timestamp(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _compact(record: dict) -> dict:
    """Leave out empty optional values: the schema has no nulls, and "" is not an email or a URI."""
    return {key: value for key, value in record.items() if value is not None and value != ""}


# --- Records ---------------------------------------------------------------------


def organisations_for(services) -> dict[str, OrganisationPage]:
    """Each service's organisation (its parent page) in one query, keyed by the organisation's tree path."""
    paths = {service.path[: -ServicePage.steplen] for service in services}
    return {organisation.path: organisation for organisation in OrganisationPage.objects.filter(path__in=paths)}


def organisation_of(service, organisations: dict[str, OrganisationPage]) -> OrganisationPage:
    return organisations[service.path[: -ServicePage.steplen]]


FULL_SERVICE_PREFETCH = (
    "locations__district",
    "schedules__location",
    "schedules__term_dates__terms",
    "locations__access_features",
    "districts_served",
    "tagged_outcomes__tag",
    "tagged_need_levels__tag",
    "tagged_age_bands__tag",
    "tagged_districts__tag",
    "tagged_topics__tag",
)


def area_county() -> str:
    try:
        return read_area(settings.EARLYHELP_AREA).get("county", "")
    except UnknownArea:
        return ""


class OrukWriter:
    """Writes pages as ORUK records. Make one per request or export: it holds what every record shares."""

    def __init__(self, request=None):
        self.request = request
        self.county = area_county()

    def page_url(self, page) -> str | None:
        return page.get_full_url(self.request)

    def organisation(self, organisation: OrganisationPage) -> dict:
        record = _compact(
            {
                "id": str(organisation.oruk_id),
                "name": organisation.title,
                "description": organisation.summary,
                "email": organisation.email,
                "website": organisation.website,
                "uri": self.page_url(organisation),
            }
        )
        record.setdefault("description", "")
        if organisation.phone:
            record["phones"] = [{"id": child_id(organisation.oruk_id, "phone"), "number": organisation.phone}]
        return record

    def service_summary(self, service: ServicePage, organisation: OrganisationPage) -> dict:
        """The one-to-one fields of a service, as in the profile's service_list."""
        return _compact(
            {
                "id": str(service.oruk_id),
                "organization_id": str(organisation.oruk_id),
                "name": service.title,
                "description": rich_text_to_plain(service.description) or service.summary,
                "url": service.website,
                "email": service.email,
                "status": "active",
                "minimum_age": service.min_age,
                "maximum_age": service.max_age,
                "assured_date": service.last_reviewed.isoformat() if service.last_reviewed else None,
                "last_modified": _timestamp(service.last_published_at or service.latest_revision_created_at),
                "organization": self.organisation(organisation),
            }
        )

    def service(self, service: ServicePage, organisation: OrganisationPage) -> dict:
        """The fully nested service. `service` should come with FULL_SERVICE_PREFETCH."""
        sid = str(service.oruk_id)
        locations = list(service.locations.all())
        record = self.service_summary(service, organisation)
        record.pop("organization")
        record.update(
            _compact(
                {
                    # HSDS 3.0 fields the UK profile leaves out; still valid there, and useful.
                    "eligibility_description": service.eligibility,
                    "application_process": service.how_to_access,
                    "fees_description": service.cost_detail,
                    "interpretation_services": "Interpreters can be arranged." if service.interpreters else None,
                }
            )
        )
        record.update(
            {
                "schedules": self.schedules(service),
                "service_areas": [
                    {
                        "id": child_id(sid, "service_area", district.code),
                        "service_id": sid,
                        "name": district.name,
                        "uri": ONS_GEOGRAPHY_URI + district.code,
                    }
                    for district in sorted(service.districts_served.all(), key=lambda d: (d.order, d.name))
                ],
                "service_at_locations": [self.service_location(service, location) for location in locations],
                "languages": [
                    {"id": child_id(sid, "language", name.casefold()), "service_id": sid, "name": name}
                    for name in service.language_list
                ],
                "organization": self.organisation(organisation),
                "funding": [],
                "cost_options": [self.cost_option(service)],
                "contacts": [],
                "phones": [{"id": child_id(sid, "phone"), "service_id": sid, "number": service.phone}]
                if service.phone
                else [],
                "attributes": self.attributes(service),
                EXTENSION: self.extension(service),
            }
        )
        return record

    def schedules(self, service: ServicePage) -> list[dict]:
        return oruk_schedules.service_schedules(service)

    def cost_option(self, service: ServicePage) -> dict:
        return _compact(
            {
                "id": child_id(service.oruk_id, "cost_option"),
                "service_id": str(service.oruk_id),
                "option": COST_OPTIONS.get(service.cost, service.cost),
                "amount": 0 if service.cost == ServicePage.Cost.FREE else None,
                "currency": "GBP" if service.cost == ServicePage.Cost.FREE else None,
                "amount_description": service.cost_detail,
            }
        )

    def attributes(self, service: ServicePage) -> list[dict]:
        sid = str(service.oruk_id)
        attributes = []
        for vocabulary in ALL:
            tags = [row.tag for row in getattr(service, vocabulary.through).all()]
            if vocabulary.model is not None:
                tags.sort(key=lambda tag: (tag.order, tag.name))
            else:
                tags.sort(key=lambda tag: tag.name.casefold())
            for tag in tags:
                term = term_for(vocabulary, tag)
                attributes.append(
                    {
                        "id": child_id(sid, "attribute", term.id),
                        "link_id": sid,
                        "taxonomy_term_id": str(term.id),
                        "taxonomy_term": taxonomy_term_record(term),
                    }
                )
        return attributes

    def extension(self, service: ServicePage) -> dict:
        return {
            "summary": service.summary,
            # Internal links expanded to URLs: the HTML must make sense on another site too.
            "description_html": expand_db_html(service.description or ""),
            "page_url": self.page_url(service),
            "self_referral": service.self_referral,
            "drop_in": service.drop_in,
            "professional_referral": service.professional_referral,
            "appointment": service.appointment,
            "accepts_requests": service.accepts_requests,
            "professional_referrals_only": service.professional_referrals_only,
            "in_person": service.in_person,
            "home_visits": service.home_visits,
            "online": service.online,
            "by_phone": service.by_phone,
            "cost": service.cost,
            "interpreters": service.interpreters,
            "accessibility": service.accessibility,
            "opening_times_note": service.opening_times_note,
            "start_date": service.start_date.isoformat() if service.start_date else None,
            "end_date": service.end_date.isoformat() if service.end_date else None,
            "review_interval_months": service.review_interval_months,
        }

    def location(self, location, service: ServicePage, *, full: bool = True) -> dict:
        lid = str(location.oruk_id)
        # A confidential site (a refuge) leaves with no point, street or postcode: only its district.
        confidential = location.confidential
        record = _compact(
            {
                "id": lid,
                "location_type": "physical",
                "name": location.name,
                "latitude": None if confidential else location.latitude,
                "longitude": None if confidential else location.longitude,
            }
        )
        if not full:
            return record
        address = {
            "id": child_id(lid, "address"),
            "location_id": lid,
            "address_1": "" if confidential else location.address,
            "city": location.town,
            "region": location.district.name if location.district_id else None,
            # We keep no county per address: the area's county is right for every district in it.
            "state_province": self.county if location.district_id else "",
            "postal_code": "" if confidential else location.postcode,
            "country": "GB",
            "address_type": "physical",
        }
        record["addresses"] = [{key: value for key, value in address.items() if value is not None}]
        if location.phone:
            # The site's own phone (a Location field since issue 13), beside the service's.
            record["phones"] = [{"id": child_id(lid, "phone"), "location_id": lid, "number": location.phone}]
        record["accessibility"] = (
            [{"id": child_id(lid, "accessibility"), "location_id": lid, "description": service.accessibility}]
            if service.accessibility
            else []
        )
        # One record per feature at this site, named in English in `accessibility` (the notes above are the
        # `description`, which is all the import reads back).
        record["accessibility"] += [
            {"id": child_id(lid, "accessibility", feature.code), "location_id": lid, "accessibility": feature.name}
            for feature in sorted(location.access_features.all(), key=lambda feature: (feature.order, feature.name))
        ]
        return record

    def service_location(self, service: ServicePage, location, *, full: bool = True) -> dict:
        return {
            "id": str(service_at_location_id(service.oruk_id, location.oruk_id)),
            "service_id": str(service.oruk_id),
            "location_id": str(location.oruk_id),
            "location": self.location(location, service, full=full),
        }

    def service_at_location(self, service, location, organisation, *, full: bool = False) -> dict:
        """A service at one of its locations: the list item, or (full) with the nested service."""
        record = self.service_location(service, location, full=full)
        if full:
            nested = self.service(service, organisation)
            nested.pop("service_at_locations")
            record["service"] = nested
        else:
            record["service"] = self.service_summary(service, organisation)
        return record


def export_services(request=None) -> list[dict]:
    """Every published service, fully nested, in the profile's service package shape (a list)."""
    services = list(published_services().prefetch_related(*FULL_SERVICE_PREFETCH).order_by("path"))
    organisations = organisations_for(services)
    writer = OrukWriter(request)
    return [writer.service(service, organisation_of(service, organisations)) for service in services]
