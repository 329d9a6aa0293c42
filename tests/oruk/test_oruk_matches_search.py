"""One search engine: /api/oruk/service_at_locations finds the same services as /api/search, in the same order."""

import pytest

from directory.exchange.oruk import term_id
from directory.factories import ServicePageFactory
from directory.models import Location, ServicePage
from directory.vocabularies import BY_KEY, NeedLevelTag
from search.oruk.params import METRES_PER_MILE

PLACES = [
    ("Worthing Library", "BN11 1HS"),
    ("Crawley Library", "RH10 6HG"),
    ("Chichester", "PO19 1RQ"),
    ("Shoreham", "BN43 5WU"),
    ("Lancing", "BN15 8UE"),
]


@pytest.fixture
def services(area):
    """Ten services across the county: some about parenting advice, two need levels, one or two places each."""
    levels = list(NeedLevelTag.objects.order_by("level"))[:2]
    made = []
    for n in range(10):
        name, postcode = PLACES[n % len(PLACES)]
        locations = [Location(name=name, postcode=postcode)]
        if n % 4 == 0:
            other_name, other_postcode = PLACES[(n + 2) % len(PLACES)]
            locations.append(Location(name=other_name, postcode=other_postcode))
        summary = "Parenting advice and support." if n % 2 else "Games and crafts."
        service = ServicePageFactory(
            title=f"Service {n}", summary=summary, locations=locations, tags={"need_levels": [levels[n % 2]]}
        )
        service.save_revision().publish()
        made.append(service)
    return made


def search_ids(client, **params):
    body = client.get("/api/search", {"page_size": 200, **params}).json()
    return [result["id"] for result in body["results"]]


def oruk_ids(client, **params):
    body = client.get("/api/oruk/service_at_locations", {"per_page": 200, **params}).json()
    by_oruk_id = {str(oruk_id): pk for pk, oruk_id in ServicePage.objects.values_list("pk", "oruk_id")}
    return [by_oruk_id[item["service_id"]] for item in body["contents"]]


def level(n):
    return NeedLevelTag.objects.order_by("level")[n]


@pytest.mark.parametrize(
    ("search", "oruk"),
    [
        ({"q": "parenting advice", "sort": "name"}, {"search": "parenting advice"}),
        ({"postcode": "BN11 1HS", "radius": 20}, {"postcode": "BN11 1HS", "proximity": 20 * METRES_PER_MILE}),
        ({"postcode": "BN11 1HS"}, {"postcode": "BN11 1HS"}),
        (
            {"q": "advice", "postcode": "RH10 6HG", "radius": 50},
            {"search": "advice", "postcode": "RH10 6HG", "proximity": 50 * METRES_PER_MILE},
        ),
        ({"need_level": "{level_2}", "sort": "name"}, {"taxonomy_term_id": "{level_2_id}"}),
        (
            {"need_level": "{level_1}", "postcode": "PO19 1RQ", "radius": 30},
            {"taxonomy_term_id": "{level_1_id}", "postcode": "PO19 1RQ", "proximity": 30 * METRES_PER_MILE},
        ),
        ({"sort": "name"}, {"taxonomy_id": str(BY_KEY["need_level"].oruk_id)}),
    ],
)
def test_both_apis_find_the_same_services_in_the_same_order(client, services, search, oruk):
    codes = {"level_1": level(0).code, "level_2": level(1).code}
    codes |= {f"{name}_id": str(term_id("need_level", code)) for name, code in codes.items()}
    search = {key: str(value).format(**codes) for key, value in search.items()}
    oruk = {key: str(value).format(**codes) for key, value in oruk.items()}
    found = search_ids(client, **search)
    assert found, "the case must find something to compare"
    assert oruk_ids(client, **oruk) == found


def test_the_oruk_api_asks_for_no_facet_counts_or_suggestions_it_would_not_show(client, services, monkeypatch):
    # The counts cost a third of a wide search near a place at 100,000 services, and ORUK has no place for them.
    from search.backends.database import DatabaseSearchBackend

    asked = []
    search = DatabaseSearchBackend.search
    monkeypatch.setattr(DatabaseSearchBackend, "search", lambda self, query: asked.append(query) or search(self, query))
    oruk_ids(client, search="parenting advice", postcode="BN11 1HS")
    oruk_ids(client, search="parenting advice")
    assert [(query.facets, query.suggestions) for query in asked] == [(False, False), (False, False)]
