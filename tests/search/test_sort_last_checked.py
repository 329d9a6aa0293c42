"""Specifications for sort=last_checked on the page and the API: most recently checked first, labelled."""

import datetime

import pytest

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.models import Location

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    load_area("west-sussex")
    today = datetime.date.today()
    for title, days in [("Old Oak Counselling", 900), ("New Leaf Counselling", 3), ("Elm Counselling", 100)]:
        page = ServicePageFactory(
            title=title,
            locations=[Location(postcode="BN11 1HS", town="Worthing")],
            last_reviewed=today - datetime.timedelta(days=days),
        )
        page.save_revision().publish()


def test_the_api_sorts_by_last_checked(client, directory):
    payload = client.get("/api/search", {"q": "counselling", "sort": "last_checked"}).json()
    assert [item["name"] for item in payload["results"]] == [
        "New Leaf Counselling",
        "Elm Counselling",
        "Old Oak Counselling",
    ]


def test_the_page_offers_recently_checked_as_a_sort(client, directory):
    html = client.get("/search/", {"q": "counselling", "postcode": "BN11 1HS", "sort": "last_checked"}).content
    assert "Recently checked" in html.decode()


def test_an_unknown_sort_is_a_polite_error(client, directory):
    response = client.get("/api/search", {"q": "counselling", "sort": "freshest"})
    assert response.status_code == 400
    assert "last_checked" in response.json()["errors"][0]["message"]
