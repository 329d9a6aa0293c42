"""Specifications for printable posters: one service, or a topic in a district, each with a QR code."""

import pytest

from directory.models import Location

pytestmark = pytest.mark.django_db

CRAWLEY = "E07000226"


@pytest.fixture
def crawley_services(make_service):
    crawley = [Location(name="Crawley Library", town="Crawley", postcode="RH10 1XG")]
    return [
        make_service(title=f"Crawley Parenting Group {number}", summary="Parenting support.", locations=crawley)
        for number in range(10)
    ]


def test_a_service_poster_shows_the_service_and_a_qr_code(client, service):
    page = client.get(f"/poster/service/{service.pk}/").content.decode()

    assert "Little Steps Parenting Group" in page
    assert "01903 123456" in page
    assert page.count('<svg role="img"') == 1
    assert f"http://testserver{service.url}" in page


def test_a_poster_for_an_unpublished_service_is_not_found(client, service):
    service.unpublish()

    assert client.get(f"/poster/service/{service.pk}/").status_code == 404


def test_a_topic_poster_is_titled_by_topic_and_district(client, crawley_services):
    response = client.get("/poster/", {"topic": "parenting", "district": CRAWLEY})

    assert response.context["heading"] == "Parenting support in Crawley"


def test_a_topic_poster_lists_what_fits_one_page_and_counts_the_rest(client, crawley_services):
    # One A4 page holds six one-site services (signposting/posters.py; tests/sites prints it to PDF).
    response = client.get("/poster/", {"topic": "parenting", "district": CRAWLEY})

    assert len(response.context["cards"]) == 6
    assert response.context["total"] == 10
    assert response.context["more"] == 4


def test_a_topic_poster_leaves_out_other_districts(client, crawley_services, service):
    response = client.get("/poster/", {"topic": "parenting", "district": CRAWLEY})

    assert "Little Steps Parenting Group" not in [card["name"] for card in response.context["cards"]]


def test_a_topic_poster_codes_the_matching_search(client, crawley_services):
    response = client.get("/poster/", {"topic": "parenting", "district": CRAWLEY})

    assert response.context["search_url"] == f"http://testserver/search/?q=parenting&district={CRAWLEY}"
    assert response.content.decode().count('<svg role="img"') == 1


def test_without_a_topic_the_poster_page_asks_for_one(client, area):
    response = client.get("/poster/")

    assert response.status_code == 200
    assert set(response.context["form"].fields) == {"topic", "district"}


def test_an_unknown_district_is_a_polite_error(client, area):
    response = client.get("/poster/", {"topic": "parenting", "district": "E99999999"})

    assert response.status_code == 400
    assert "Select a district from the list" in response.content.decode()


def test_a_missing_topic_is_a_polite_error(client, area):
    response = client.get("/poster/", {"topic": "", "district": CRAWLEY})

    assert response.status_code == 400
    assert "Enter a topic" in response.content.decode()
