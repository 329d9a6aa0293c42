"""Specifications for the one site-choice rule: every output shows the same site of a three-site service."""

import json
import re

import pytest

from directory import sites
from directory.geo import lookup_postcode
from signposting import shortlist
from tests.sites.conftest import CRAWLEY, IN_CRAWLEY, WORTHING

pytestmark = pytest.mark.django_db

OTHER_SITES = ("Worthing Town Hall", "Storrington Village Hall")


def _add(client, service):
    session = client.session
    session[shortlist.SESSION_KEY] = [service.pk]
    session.save()


def _only_crawley(html):
    assert "Crawley Town Hall" in html
    for other in OTHER_SITES:
        assert other not in html


# --- The rule itself ---------------------------------------------------------------


def test_near_a_place_the_nearest_site_is_chosen(clinic):
    assert sites.site_for(clinic, lookup_postcode(IN_CRAWLEY)).name == "Crawley Town Hall"


def test_for_a_district_its_first_site_is_chosen(clinic):
    assert sites.site_for(clinic, district=CRAWLEY).name == "Crawley Town Hall"


def test_without_a_place_or_district_the_editors_first_site_is_chosen(clinic):
    assert sites.site_for(clinic).name == "Worthing Town Hall"


def test_a_district_without_a_site_falls_back_to_the_first_site(clinic):
    assert sites.site_for(clinic, district="E07000225").name == "Worthing Town Hall"


def test_sites_in_a_district_are_only_that_districts(clinic):
    assert [site.name for site in sites.sites_in(clinic, WORTHING)] == ["Worthing Town Hall"]


def test_the_nearest_district_is_measured_between_centres():
    # Adur lies between Worthing and Brighton; Crawley is 25 miles north.
    assert sites.nearest_district(*sites.district_centre(WORTHING), ["E07000223", CRAWLEY]) == "E07000223"
    # From Crawley's own centre, Crawley: measured from the point, not from the equator or the meridian.
    assert sites.nearest_district(*sites.district_centre(CRAWLEY), ["E07000223", CRAWLEY]) == CRAWLEY
    assert sites.nearest_district(*sites.district_centre(CRAWLEY), ["E99999999"]) is None


def test_only_sites_within_a_tenth_of_the_nearest_estimate_are_measured_exactly():
    # From (50.8, -0.4): A is 4.36 miles east, B 4.56 north (within 10% and 0.1 mile), C 5.52 north (beyond).
    located = [("A", (50.8, -0.3)), ("B", (50.866, -0.4)), ("C", (50.88, -0.4))]
    assert [name for name, _point in sites.could_be_nearest(50.8, -0.4, located)] == ["A", "B"]
    # The same three seen from the other side of the world's prime meridian keep their shape.
    mirrored = [(name, (lat, -lon)) for name, (lat, lon) in located]
    assert [name for name, _point in sites.could_be_nearest(50.8, 0.4, mirrored)] == ["A", "B"]


# --- Every output ------------------------------------------------------------------


def test_search_results_show_the_site_nearest_the_searcher(client, clinic):
    html = client.get("/search/", {"q": "therapy", "postcode": IN_CRAWLEY}).content.decode()

    assert "Family Therapy Clinic" in html
    _only_crawley(html)


def test_the_view_shortlist_link_on_results_carries_the_searchers_place(client, clinic):
    _add(client, clinic)

    html = client.get("/search/", {"q": "therapy", "postcode": IN_CRAWLEY}).content.decode()

    assert "/shortlist/?near=RH10%201XG" in html


def test_the_shortlist_shows_the_site_nearest_the_searcher(client, clinic):
    _add(client, clinic)

    html = client.get("/shortlist/", {"near": IN_CRAWLEY}).content.decode()

    _only_crawley(html)
    # The site's own phone and email, and how to find its door.
    assert "01293 222222" in html
    assert "crawley@example.org" in html
    assert "Side door on The Boulevard" in html


def test_the_shortlist_without_a_place_shows_the_first_site(client, clinic):
    _add(client, clinic)

    html = client.get("/shortlist/").content.decode()

    assert "Worthing Town Hall" in html
    assert "Crawley Town Hall" not in html


def test_the_shortlist_passes_the_place_to_print_but_never_into_the_share_link(client, clinic):
    _add(client, clinic)

    response = client.get("/shortlist/", {"near": IN_CRAWLEY})

    assert "/shortlist/print/?near=RH10+1XG" in response.content.decode()
    assert "RH10" not in response.context["share_url"]
    assert "RH10" not in response.context["text"].split("The whole list:")[-1]


def test_the_printed_shortlist_shows_the_site_nearest_the_searcher(client, clinic):
    _add(client, clinic)

    html = client.get("/shortlist/print/", {"near": IN_CRAWLEY}).content.decode()

    _only_crawley(html)
    assert "01293 222222" in html


def test_an_unknown_place_shows_the_first_site_politely(client, clinic):
    _add(client, clinic)

    response = client.get("/shortlist/", {"near": "Nowhere-on-Sea 99"})

    assert response.status_code == 200
    assert "Worthing Town Hall" in response.content.decode()


def test_the_service_poster_shows_the_site_nearest_the_searcher(client, clinic):
    html = client.get(f"/poster/service/{clinic.pk}/", {"near": IN_CRAWLEY}).content.decode()

    _only_crawley(html)
    assert "Also at 2 other places" in html


def test_the_service_poster_for_a_district_shows_its_site(client, clinic):
    html = client.get(f"/poster/service/{clinic.pk}/", {"district": CRAWLEY}).content.decode()

    _only_crawley(html)


def test_the_topic_poster_for_a_district_shows_only_its_sites(client, clinic):
    html = client.get("/poster/", {"topic": "emotional wellbeing", "district": CRAWLEY}).content.decode()

    assert "Family Therapy Clinic" in html
    _only_crawley(html)


def test_the_json_ld_lists_the_rules_first_site_first(client, clinic):
    html = client.get(clinic.url).content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    names = [channel["name"] for channel in data["availableChannel"]]
    assert names[0] == sites.site_for(clinic).name == "Worthing Town Hall"
    assert sorted(names) == ["Crawley Town Hall", "Storrington Village Hall", "Worthing Town Hall"]
    assert data["availableChannel"][0]["servicePhone"]["telephone"] == "01903 111111"


def test_the_service_page_shows_each_sites_own_contact(client, clinic):
    html = client.get(clinic.url).content.decode()

    assert "01293 222222" in html
    assert "crawley@example.org" in html
    assert "Side door on The Boulevard, second floor." in html
