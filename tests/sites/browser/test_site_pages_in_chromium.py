"""The changed pages in Chromium at a phone's width and a desktop's: axe finds nothing, and screenshots are kept.

Screenshots go to /tmp/shots/sites/ for a person to look at; the tests assert what a family would see.
"""

import re
import tempfile
from pathlib import Path

import pytest

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import Location
from search import indexing
from tests.browser.conftest import describe, ensure_page_tree
from tests.sites.conftest import CRAWLEY, IN_CRAWLEY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "sites"
WIDTHS = (390, 1280)


@pytest.fixture
def offer(transactional_db):
    """A three-site clinic, a refuge, and a few more Crawley services about emotional wellbeing."""
    ensure_page_tree()
    load_area("west-sussex")
    organisation = OrganisationPageFactory(title="Sunflower Family Trust")
    clinic = ServicePageFactory(
        parent=organisation,
        title="Family Therapy Clinic",
        summary="Family therapy for emotional wellbeing.",
        phone="01903 123456",
        tags={"topics": ["emotional wellbeing"]},
        locations=[
            Location(name="Worthing Town Hall", town="Worthing", postcode="BN11 1HA"),
            Location(name="Storrington Village Hall", town="Storrington", postcode="RH20 4DD"),
            Location(
                name="Crawley Town Hall",
                town="Crawley",
                postcode="RH10 1UZ",
                phone="01293 222222",
                how_to_find="Side door on The Boulevard, second floor.",
            ),
        ],
    )
    refuge = ServicePageFactory(
        parent=organisation,
        title="Haven Refuge",
        summary="A safe place to stay for women and children escaping domestic abuse.",
        phone="0800 000 0000",
        tags={"topics": ["emotional wellbeing"]},
        locations=[Location(name="Haven House", town="Crawley", postcode="RH10 1ED", confidential=True)],
    )
    others = [
        ServicePageFactory(
            parent=organisation,
            title=f"Crawley Wellbeing Group {number}",
            summary="Groups for children and parents worried about feelings, friendships and school.",
            phone="01293 000000",
            tags={"topics": ["emotional wellbeing"]},
            locations=[Location(name=f"Crawley Library {number}", town="Crawley", postcode="RH10 1XG")],
        )
        for number in range(8)
    ]
    for service in [clinic, refuge, *others]:
        indexing.update_service(service)
    return {"clinic": clinic, "refuge": refuge}


def _look(page, axe, path, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(path)
        assert response.status < 500, f"{path} answered {response.status}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        violations = axe(page)
        assert violations == [], f"{path} at {width}px:\n{describe(violations)}"


def test_results_shortlist_and_print_show_the_crawley_site_and_pass_axe(page, axe, offer):
    search = f"/search/?q=therapy&postcode={IN_CRAWLEY.replace(' ', '+')}"
    page.goto(search)
    page.get_by_role("button", name=re.compile("^Add to shortlist")).click()
    page.get_by_role("link", name="view shortlist").click()

    shortlist_url = page.url
    assert "near=RH10" in shortlist_url
    assert page.get_by_text("Crawley Town Hall").first.is_visible()
    assert page.get_by_text("Worthing Town Hall").count() == 0
    _look(page, axe, search, "results")
    _look(page, axe, shortlist_url, "shortlist")
    _look(page, axe, f"/shortlist/print/?near={IN_CRAWLEY}", "print")


def test_posters_pass_axe(page, axe, offer):
    _look(page, axe, f"/poster/service/{offer['clinic'].pk}/?near={IN_CRAWLEY}", "service-poster")
    _look(page, axe, f"/poster/?topic=emotional+wellbeing&district={CRAWLEY}", "topic-poster")
    _look(page, axe, "/poster/?topic=xyzzy&district=E07000224", "empty-poster")


def test_service_pages_pass_axe(page, axe, offer):
    _look(page, axe, offer["clinic"].url, "clinic-page")
    _look(page, axe, offer["refuge"].url, "refuge-page")
    assert page.get_by_text("In the Crawley area").is_visible()
