"""The benchmark's ORUK column: the synthetic services as real pages, and /api/oruk/service_at_locations near a place.

The other columns read the search index alone; the ORUK API also reads the pages it serialises, so
each indexed document gets a live ServicePage with the same primary key (and its organisation and
locations), written in bulk: Wagtail's add_child would take an hour at 100,000.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from directory.exchange.oruk import term_id
from directory.models import DirectoryIndexPage, Location, OrganisationPage, ServicePage
from directory.vocabularies import BY_FIELD, Weekday
from search.oruk.params import METRES_PER_MILE

PATH = "/api/oruk/service_at_locations"
# The mix's vocabulary filters have an ORUK term id; its other filters (free, delivery, ages...) have no
# ORUK parameter, so the ORUK search drops them: it is timed, not compared with the backend.
VOCABULARY_FILTERS = ("outcomes", "need_levels", "age_bands", "districts")
# Organisation pages take ids from here up, clear of the services' ids (the documents' ids).
FIRST_ORGANISATION_ID = 10_000_000


def _directory():
    index = DirectoryIndexPage.objects.first()
    if index is None:
        index = Site.objects.get(is_default_site=True).root_page.add_child(
            instance=DirectoryIndexPage(title="Directory", slug="directory")
        )
    return index


class _Children:
    """Tree paths for the children of one page, as treebeard would give them."""

    def __init__(self, parent):
        self.parent, self.count = parent, parent.numchild

    def next_path(self):
        self.count += 1
        return Page._get_path(self.parent.path, self.parent.depth + 1, self.count)


def _insert(model, parent_children, rows):
    """Live pages of `model` in bulk: [(parent's _Children, page id, title, {own fields})]."""
    content_type = ContentType.objects.get_for_model(model)
    locale, now = Locale.get_default(), timezone.now()
    pages = []
    for children, page_id, title, _fields in rows:
        slug = f"{slugify(title)[:40]}-{children.count + 1}"
        pages.append(
            Page(
                id=page_id,
                title=title,
                draft_title=title,
                slug=slug,
                path=children.next_path(),
                depth=children.parent.depth + 1,
                numchild=0,
                url_path=f"{children.parent.url_path}{slug}/",
                content_type=content_type,
                locale=locale,
                translation_key=uuid.uuid4(),
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    specific = [model(page_ptr_id=page.pk, **fields) for page, (*_rest, fields) in zip(pages, rows, strict=True)]
    fields = [field for field in model._meta.local_concrete_fields]
    model._base_manager._insert(specific, fields=fields, using="default")
    for children in parent_children:
        Page.objects.filter(pk=children.parent.pk).update(numchild=children.count)
    return pages


class PageMaker:
    """Adds, batch by batch, a live ServicePage (pk = the document's id) under an OrganisationPage of its
    organisation's name, with its locations."""

    def __init__(self):
        self.directory = _Children(_directory())
        self.organisations = {}

    @transaction.atomic
    def add(self, documents):
        names = list(dict.fromkeys(d["organisation"] for d in documents if d["organisation"] not in self.organisations))
        first = FIRST_ORGANISATION_ID + len(self.organisations)
        rows = [(self.directory, first + n, name, {"summary": ""}) for n, name in enumerate(names)]
        for name, page in zip(names, _insert(OrganisationPage, [self.directory], rows) if rows else [], strict=True):
            self.organisations[name] = _Children(page)
        rows = []
        for document in documents:
            fields = {
                "summary": document["summary"][:255],
                "description": f"<p>{document['text']}</p>",
                "cost": document["cost"],
                "self_referral": document["self_referral"],
                "min_age": document["min_age"],
                "max_age": document["max_age"],
            }
            rows.append((self.organisations[document["organisation"]], document["id"], document["name"], fields))
        parents = {id(children): children for children, *_rest in rows}
        _insert(ServicePage, parents.values(), rows)
        locations = [
            Location(
                service_id=document["id"],
                sort_order=order,
                name=location["name"],
                town=location["town"],
                postcode=location["postcode"],
                latitude=location["latitude"],
                longitude=location["longitude"],
                lad_code=location["district"] or "",
            )
            for document in documents
            for order, location in enumerate(document["locations"])
        ]
        Location.objects.bulk_create(locations, batch_size=1000)


def oruk_params(search):
    """The mix's search (with a place) as ORUK parameters: metres, term ids, iCal days."""
    params = {"postcode": search.place_text, "proximity": round(search.radius_miles * METRES_PER_MILE)}
    params.update(page=search.page, per_page=20)
    if search.text:
        params["search"] = search.text
    terms = [
        str(term_id(BY_FIELD[name].key, code)) for name in VOCABULARY_FILTERS for code in search.filters.get(name, ())
    ]
    if terms:
        params["taxonomy_term_id"] = ",".join(terms)
    if "day" in search.filters:
        params["day"] = Weekday(search.filters["day"]).ical
    return params


def proximity_method(client):
    """(query, search) -> (total, ids) through the ORUK API, for searches with a place; None for the others."""

    def oruk(query, search):
        if not search.place_text:
            return None
        response = client.get(PATH, oruk_params(search))
        if response.status_code != 200:
            return response.status_code, response.content[:200]
        body = response.json()
        return body["total_items"], [item["service"]["id"] for item in body["contents"]]

    return oruk
