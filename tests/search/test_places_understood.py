"""Specifications for everyday place names in search: corrected, offered, outside the area, and autocompleted."""

import pytest
from django.urls import reverse

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.models import Location
from directory.vocabularies import DistrictTag
from search.forms import SearchForm

WEST_SUSSEX = ["E07000223", "E07000224", "E07000225", "E07000226", "E07000227", "E07000228", "E07000229"]
API = "/api/search"

pytestmark = pytest.mark.django_db


def publish(title, postcode, town, served=(), **fields):
    locations = [Location(name=f"{town} Library", postcode=postcode, town=town)] if postcode else []
    page = ServicePageFactory(title=title, locations=locations, **fields)
    page.districts_served.set(DistrictTag.objects.filter(code__in=served))
    page.save()
    page.save_revision().publish()
    return page


@pytest.fixture
def directory():
    load_area("west-sussex")
    publish("Open Door Food Bank", "PO19 1AA", "Chichester")
    publish("Little Acorns Stay and Play", "BN11 1HS", "Worthing")
    publish("Family Helpline", None, "", in_person=False, by_phone=True, served=WEST_SUSSEX)


@pytest.fixture
def for_one_district_or_online(directory):
    publish("Adur Parent Line", None, "", in_person=False, by_phone=True, served=["E07000223"])
    publish("Online Parenting Course", None, "", in_person=False, online=True)


def api(client, status=200, **params):
    response = client.get(API, params)
    assert response.status_code == status, response.content
    return response.json()


def page(client, **params):
    response = client.get(reverse("search:results"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_misspelt_place_searches_the_place_meant_and_the_api_says_so(client, directory):
    body = api(client, postcode="Chichster")
    assert body["place"]["label"] == "Chichester"
    assert (body["place"]["typed"], body["place"]["corrected"]) == ("Chichster", True)
    assert "Open Door Food Bank" in [result["name"] for result in body["results"]]
    search_instead = body["suggestions"][0]
    assert "Chichster" in search_instead["message"]
    assert "postcode=Chichster" in search_instead["url"] and "exact_place=1" in search_instead["url"]


def test_the_search_instead_link_is_never_corrected_again(client, directory):
    body = api(client, 400, postcode="Chichster", exact_place="1")
    assert body["errors"][0]["parameter"] == "postcode"
    assert "Chichster" in body["errors"][0]["message"]


def test_a_place_understood_as_typed_is_not_flagged_as_corrected(client, directory):
    body = api(client, postcode="Haywards")
    assert body["place"]["label"].startswith("Haywards Heath")
    assert (body["place"]["typed"], body["place"]["corrected"], body["place"]["in_area"]) == ("Haywards", False, True)


def test_the_page_shows_the_correction_with_a_link_to_the_words_as_typed(client, directory):
    html = page(client, postcode="Chichster", q="")
    assert "Showing services near <bdi>Chichester</bdi>." in html
    assert "Search instead for" in html
    assert "exact_place=1" in html
    assert "Open Door Food Bank" in html


def test_several_close_places_are_offered_as_did_you_mean_links(client, directory):
    body = api(client, 400, postcode="Sely", q="food")
    assert "Did you mean" in body["errors"][0]["message"]
    offered = {suggestion["place"]: suggestion["url"] for suggestion in body["suggestions"]}
    assert "Selsey" in offered
    assert "postcode=Selsey" in offered["Selsey"] and "q=food" in offered["Selsey"]
    html = page(client, postcode="Sely", q="food")
    assert "Did you mean" in html
    assert "postcode=Selsey" in html


@pytest.mark.parametrize("typed", ["Chichester, West Sussex", "Worthing BN11"])
def test_a_county_or_an_outcode_after_the_town_is_understood(client, directory, typed):
    body = api(client, postcode=typed)
    assert body["place"]["corrected"] is False
    assert body["total"] >= 1


def test_a_place_outside_the_area_says_so_and_offers_what_anyone_can_use(client, directory):
    body = api(client, postcode="Cardiff")
    assert body["place"]["in_area"] is False
    assert body["place"]["message"] == ("Cardiff is outside West Sussex. This directory lists services in West Sussex.")
    assert [result["name"] for result in body["area_wide"]["results"]] == ["Family Helpline"]
    html = page(client, postcode="Cardiff")
    assert "Cardiff is outside West Sussex." in html
    assert "Family Helpline" in html
    assert "Services for anyone in West Sussex: county-wide or online" in html
    # Nothing is near and nothing serves Cardiff: no line saying the page shows what does.
    assert "then services that serve your area" not in html
    # Nor one saying nothing matches above the services it lists.
    assert "We could not find any services that match." not in html


def test_outside_the_area_a_service_for_one_district_is_not_offered_one_online_is(client, for_one_district_or_online):
    # A phone line for Adur alone is no help to someone from elsewhere: only county-wide services, then online.
    offered = [result["name"] for result in api(client, postcode="Cardiff")["area_wide"]["results"]]
    assert offered == ["Family Helpline", "Online Parenting Course"]
    html = page(client, postcode="Cardiff")
    assert "Online Parenting Course" in html
    assert "Adur Parent Line" not in html


def test_a_place_just_outside_the_area_with_services_near_still_says_their_order(client, directory):
    html = page(client, postcode="Brighton", radius="20")
    assert "is outside West Sussex" in html
    assert "Within 20 miles, nearest first, then services that serve your area." in html


@pytest.mark.parametrize("typed", ["EH1 1AA", "Newport"])
def test_no_words_typed_means_no_advice_about_fewer_words(client, directory, typed):
    html = page(client, postcode=typed)
    assert "is outside West Sussex" in html
    assert "fewer words" not in html


def test_over_long_place_text_is_trimmed_with_a_message(client, directory):
    body = api(client, postcode="BN11 1HS " + "Worthing " * 20)
    assert (body["place"]["label"], body["place"]["trimmed"]) == ("BN11 1HS, Worthing", True)
    assert len(body["place"]["typed"]) <= 100
    # The first 100 characters still start with a postcode, so the search runs and says what it cut.
    html = page(client, postcode="BN11 1HS " + "Worthing " * 20)
    assert "too long" in html
    assert "Little Acorns Stay and Play" in html


@pytest.mark.parametrize(
    "typed", ["中文", "Ωμέγα", "💥" * 40, "x" * 10_000, "'; DROP TABLE place; --", "\u202eevil", "Worthing ZZ99", ",,,"]
)
def test_any_place_text_is_answered_never_a_500(client, directory, typed):
    assert client.get(API, {"postcode": typed}).status_code in (200, 400)
    assert client.get(reverse("search:results"), {"postcode": typed}).status_code == 200


def test_place_autocomplete_answers_towns_in_the_area_first(client, directory):
    response = client.get(reverse("suggest_places"), {"q": "Wor"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    suggestions = response.json()["suggestions"]
    assert suggestions[0] == {"label": "Worthing, West Sussex", "value": "Worthing"}
    assert len(suggestions) <= 8


def test_place_autocomplete_offers_outcodes_for_a_partial_postcode(client, directory):
    suggestions = client.get(reverse("suggest_places"), {"q": "BN1"}).json()["suggestions"]
    assert {"label": "BN11, Worthing", "value": "BN11"} in suggestions


@pytest.mark.parametrize("typed", ["", "中文", "x" * 10_000, "%00", "\x00"])
def test_place_autocomplete_with_nothing_useful_gives_an_empty_list(client, typed):
    response = client.get(reverse("suggest_places"), {"q": typed})
    assert response.status_code == 200
    assert response.json() == {"suggestions": []}


@pytest.mark.parametrize("typed, label", [("Worthing BN11", "Worthing BN11"), ("Arundel", "Arundel, Arun")])
def test_the_district_is_named_once_and_only_when_the_label_does_not_name_it(directory, typed, label):
    form = SearchForm({"postcode": typed})
    assert form.is_valid(), form.errors
    assert form.place_label == label
