"""Specifications for confidential sites (refuges, safe houses): no public output ever shows where they are.

The walk creates a refuge with a distinctive postcode and point, fetches every public output and looks for
the postcode in its spellings and the point to three decimal places. A confidential site is still found,
measured from its district's centre, and placed "in the Mid Sussex area".
"""

import json
import re

import pytest
from django.core import serializers

from directory import sites
from directory.exchange.oruk import export_services
from directory.models import Location
from search.models import ServiceLocationRow
from signposting import shortlist
from tests.sites.conftest import IN_CRAWLEY, MID_SUSSEX

pytestmark = pytest.mark.django_db

# The refuge's door: RH11 9AA is at 51.082728, -0.196792 (Mid Sussex).
POSTCODE = "RH11 9AA"
LATITUDE, LONGITUDE = 51.082728, -0.196792
STREET = "14 Hidden Lane"
DIRECTIONS = "Blue door behind the pharmacy"


@pytest.fixture
def refuge(make_service):
    return make_service(
        title="Haven Refuge",
        summary="A safe place to stay for women and children escaping domestic abuse.",
        phone="0800 000 0000",
        tags={"topics": ["domestic abuse"]},
        locations=[
            Location(
                name="Haven House",
                address=STREET,
                town="Crawley Down",
                postcode=POSTCODE,
                confidential=True,
                phone="01444 000000",
                how_to_find=DIRECTIONS,
            )
        ],
    )


def _spellings_of_the_door():
    outward, inward = POSTCODE.split()
    postcodes = {f"{outward}{sep}{inward}" for sep in ("", " ", "+", "%20", "&nbsp;", "\\u0020", "-")}
    postcodes |= {spelling.lower() for spelling in postcodes}
    points = set()
    for value in (LATITUDE, LONGITUDE):
        points |= {f"{value:.3f}", f"{value:.4f}", f"{value:.5f}", f"{value:.6f}"}
        points.add(str(value)[: str(value).index(".") + 4])  # truncated to 3 places
    return postcodes | points | {STREET, DIRECTIONS}


def assert_nothing_of_the_door(text, where):
    found = sorted(spelling for spelling in _spellings_of_the_door() if spelling in text)
    assert not found, f"{where} shows the confidential site: {found}"


def _public_outputs(client, refuge):
    """(name, text) of every public output that could name the refuge's site."""
    session = client.session
    session[shortlist.SESSION_KEY] = [refuge.pk]
    session.save()
    location = refuge.locations.get()
    sal_id = f"{refuge.oruk_id}"
    outputs = {
        "service page (map data and JSON-LD)": refuge.url,
        "search near a place": f"/search/?q=refuge&postcode={IN_CRAWLEY}&radius=10",
        "search by district": f"/search/?q=refuge&district={MID_SUSSEX}",
        "search without a place": "/search/?q=refuge",
        "/api/search": f"/api/search?q=refuge&postcode={IN_CRAWLEY}&radius=10",
        "/api/search without a place": "/api/search?q=refuge",
        "ORUK services": "/api/oruk/services",
        "ORUK service": f"/api/oruk/services/{sal_id}",
        "ORUK services at locations": f"/api/oruk/service_at_locations?postcode={IN_CRAWLEY}&proximity=16000",
        "ORUK services at locations, no place": "/api/oruk/service_at_locations",
        "sitemap": "/sitemap.xml",
        "service poster": f"/poster/service/{refuge.pk}/",
        "service poster near": f"/poster/service/{refuge.pk}/?near={IN_CRAWLEY}",
        "topic poster": f"/poster/?topic=domestic+abuse&district={MID_SUSSEX}",
        "shortlist": "/shortlist/",
        "shortlist near": f"/shortlist/?near={IN_CRAWLEY}",
        "printed shortlist": f"/shortlist/print/?near={IN_CRAWLEY}",
        "shared shortlist": f"/shortlist/s/{refuge.pk}/",
        "shared shortlist print": f"/shortlist/s/{refuge.pk}/print/",
    }
    texts = {}
    for name, url in outputs.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        texts[name] = response.content.decode()
    # Each service at a location by its own id.
    listing = json.loads(texts["ORUK services at locations"])
    for item in listing["contents"]:
        texts[f"ORUK service at location {item['id']}"] = client.get(
            f"/api/oruk/service_at_locations/{item['id']}"
        ).content.decode()
    texts["ORUK export (export_oruk)"] = json.dumps(export_services())
    texts["search index rows"] = serializers.serialize("json", ServiceLocationRow.objects.all())
    assert location.latitude == pytest.approx(LATITUDE, abs=1e-4)  # the model keeps the real point, for editors
    return texts


def test_no_public_output_shows_a_confidential_sites_postcode_point_or_street(client, refuge):
    for name, text in _public_outputs(client, refuge).items():
        assert_nothing_of_the_door(text, name)


def test_the_walk_sees_the_refuge_in_every_output(client, refuge):
    """The walk is worth something only if each output does show the refuge (not an empty page)."""
    texts = _public_outputs(client, refuge)

    for name, text in texts.items():
        if name in ("sitemap", "search index rows"):
            continue
        assert "Haven" in text, f"{name} does not show the refuge at all"


def test_the_admin_preview_shows_the_public_page_without_the_door(admin_client, refuge):
    """What any editor previews is the public template, so the preview hides the door too."""
    response = admin_client.get(f"/admin/pages/{refuge.pk}/view_draft/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Haven House" in html
    assert_nothing_of_the_door(html, "the admin preview")


def test_a_refuge_is_found_near_a_place_and_placed_by_its_area(client, refuge):
    html = client.get("/search/", {"q": "refuge", "postcode": IN_CRAWLEY, "radius": 10}).content.decode()

    assert "Haven Refuge" in html
    assert "In the Mid Sussex area" in html
    assert "miles away" not in html


def test_the_search_api_gives_its_area_and_no_distance(client, refuge):
    data = client.get("/api/search", {"q": "refuge", "postcode": IN_CRAWLEY, "radius": 10}).json()

    result = next(item for item in data["results"] if item["name"] == "Haven Refuge")
    assert result["nearest_location"] == {"area": "Mid Sussex", "confidential": True}
    assert result["distance_miles"] is None


def test_the_index_holds_the_district_centre_not_the_door(refuge):
    row = ServiceLocationRow.objects.get(service_id=refuge.pk)

    assert (row.latitude, row.longitude) == sites.district_centre(MID_SUSSEX)
    assert row.postcode == ""


def test_the_service_page_says_where_in_words_with_no_pin_or_directions(client, refuge):
    html = client.get(refuge.url).content.decode()

    assert "In the Mid Sussex area" in html
    assert "01444 000000" in html  # the site's own phone is still there to call
    assert 'data-module="eh-map"' not in html
    assert "openstreetmap.org/directions" not in html


def test_an_ordinary_site_still_shows_its_postcode(client, make_service):
    service = make_service(
        title="Open Door Centre", locations=[Location(name="Open Door", town="Crawley", postcode="RH10 1UZ")]
    )

    assert "RH10 1UZ" in client.get(service.url).content.decode()
    assert re.search(r"51\.116", client.get("/api/search", {"q": "open door", "postcode": IN_CRAWLEY}).content.decode())
