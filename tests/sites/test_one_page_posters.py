"""Specifications for topic posters: one A4 page however many services there are, and none of nothing.

The fullest poster is printed to PDF by Chromium (Playwright, /usr/bin/chromium) and its pages counted.
The page is fetched with Django's test client first and then handed to the browser, its stylesheets
served from the static files, so no live server (and no database call from Playwright's thread) is needed.
"""

import mimetypes
import re
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from directory.models import Location
from signposting import posters
from tests.sites.conftest import CRAWLEY, MID_SUSSEX, WORTHING

pytestmark = pytest.mark.django_db

CHROMIUM = Path("/usr/bin/chromium")
CRAWLEY_POSTCODES = ["RH10 1UZ", "RH10 1XG", "RH10 1ED", "RH10 0AA", "RH10 0DA", "RH10 0FB"]
LONG_SUMMARY = (
    "Friendly, confidential support for children, young people and their parents and carers who are worried "
    "about feelings, friendships, school, sleep, anger or anxiety, with groups, one-to-one sessions and advice."
)


@pytest.fixture
def crowded_district(make_service):
    """Fourteen long-winded services about emotional wellbeing, each at three sites in Crawley."""
    return [
        make_service(
            title=f"Crawley Children and Young People's Emotional Wellbeing Service number {number}",
            summary=LONG_SUMMARY,
            tags={"topics": ["emotional wellbeing"]},
            locations=[
                Location(
                    name=f"Community Centre {number}-{site}",
                    address="Unit 4, The Long Business Park, Manor Royal Industrial Estate",
                    town="Crawley",
                    postcode=CRAWLEY_POSTCODES[(number + site) % len(CRAWLEY_POSTCODES)],
                    phone="01293 000000",
                )
                for site in range(3)
            ],
        )
        for number in range(14)
    ]


def _pdf_pages(html):
    if not CHROMIUM.exists():
        if "browser" in settings.EARLYHELP_REQUIRE:
            pytest.fail(f"{CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    def serve(route):
        path = route.request.url.split("://", 1)[1].split("/", 1)[1].split("?")[0]
        if path.startswith(settings.STATIC_URL.strip("/") + "/"):
            found = finders.find(path.split("/", 1)[1])
            if found:
                kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return route.fulfill(status=200, body=Path(found).read_bytes(), content_type=kind)
        if path.startswith("poster"):
            return route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")
        return route.fulfill(status=404, body="")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.route("**/*", serve)
            page.goto("http://testserver/poster/")
            pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_a_crowded_district_poster_prints_on_one_a4_page(client, crowded_district):
    response = client.get("/poster/", {"topic": "emotional wellbeing", "district": CRAWLEY})
    assert response.status_code == 200
    assert response.context["total"] == 14

    assert _pdf_pages(response.content.decode()) == 1


def test_a_crowded_poster_says_how_many_more_and_where(client, crowded_district):
    response = client.get("/poster/", {"topic": "emotional wellbeing", "district": CRAWLEY})

    shown = len(response.context["cards"])
    assert 0 < shown < 14
    html = response.content.decode()
    assert f"And {14 - shown} more services at" in html
    assert escape(response.context["search_url"]) in html


def test_a_service_with_many_sites_lists_two_and_counts_the_rest(client, crowded_district):
    response = client.get("/poster/", {"topic": "emotional wellbeing", "district": CRAWLEY})

    card = response.context["cards"][0]
    assert len(card["sites_shown"]) == posters.SITES_PER_SERVICE
    assert "and 1 more place in Crawley" in response.content.decode()


def test_the_qr_code_comes_before_the_list(client, crowded_district):
    html = client.get("/poster/", {"topic": "emotional wellbeing", "district": CRAWLEY}).content.decode()

    assert html.index('<svg role="img"') < html.index("eh-poster__list")


def test_a_poster_of_nothing_is_refused_and_offers_the_nearest_district_with_some(client, make_service):
    # Services in Worthing (nearer Arun) and in Crawley: Arun's nearest with some is Worthing.
    for district_postcode in ("BN11 1HA", "RH10 1UZ"):
        make_service(
            title=f"Xyzzy help at {district_postcode}",
            summary="Xyzzy support.",
            tags={"topics": ["xyzzy"]},
            locations=[Location(name="Hall", town="Town", postcode=district_postcode)],
        )

    response = client.get("/poster/", {"topic": "xyzzy", "district": "E07000224"})

    assert response.status_code == 404
    html = response.content.decode()
    assert "We have no services for “xyzzy” in Arun" in html
    assert "The nearest district with some is Worthing, with 1 service." in html
    assert f"/poster/?topic=xyzzy&amp;district={WORTHING}" in html
    assert "Xyzzy support in Arun" not in html


def test_a_topic_no_district_has_is_refused_without_an_offer(client, area):
    response = client.get("/poster/", {"topic": "xyzzy", "district": MID_SUSSEX})

    assert response.status_code == 404
    assert "No district has services for “xyzzy”" in response.content.decode()
