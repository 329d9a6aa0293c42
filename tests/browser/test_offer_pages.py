"""Issue 13 in Chromium: accessibility per site, the SEND section, marks, the filters and the Local Offer page.

Each page is walked in English, Polish and Arabic, at 390 and 1280 pixels wide, with and without JavaScript:
the new parts are shown, nothing is wider than the screen, and axe-core finds no WCAG 2.2 AA violation.
Screenshots go to <temp>/shots/offer/ for a person to look at.
"""

import importlib
import re
import tempfile
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import expect

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory, ServicePageFactory
from search import indexing
from tests.browser.conftest import describe, ensure_page_tree
from tests.offer.conftest import needs, site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "offer"
LANGUAGES = {"en": "", "pl": "/pl", "ar": "/ar"}
WIDTHS = (390, 1280)
SEARCH = "/search/?postcode=BN11+1HS&access=step_free&send=autism"
SEED = importlib.import_module("directory.migrations.0005_seed_access_and_local_offer")


@pytest.fixture
def offer(transactional_db):
    """A Family Hub service in the Local Offer with two sites, and a plain one (the flush removed the seeds)."""
    ensure_page_tree()
    load_area("west-sussex")
    SEED.seed_vocabularies(apps, None)
    SEED.create_local_offer_page(apps, None)
    organisation = OrganisationPageFactory(title="Sunflower Family Trust")
    hub = ServicePageFactory(
        parent=organisation,
        title="Worthing Family Hub",
        summary="Stay and play, baby clinics and help for parents.",
        locations=[
            site("Worthing Library", "BN11 1HS", "Worthing", ["step_free", "accessible_toilet", "hearing_loop"]),
            site("Lancing Parish Hall", "BN15 8AJ", "Lancing", ["parking", "baby_change", "public_transport"]),
        ],
        accessibility="Ring the bell at the side door for the lift.",
        family_hub=True,
        start_for_life=True,
        send_identifying="A family worker talks with you and watches your child play.",
        send_adapting="Quiet sessions, picture timetables and smaller groups.",
        send_contact="Ask for the SEND lead on 01903 000000.",
        send_complaints="Write to the hub manager. We reply within 10 working days.",
    )
    hub.send_needs.set(needs("autism", "speech_language"))
    hub.save_revision().publish()
    ServicePageFactory(parent=organisation, title="Worthing Chess Club", summary="Chess for families.")
    for service in (hub, *organisation.get_children().specific()):
        indexing.update_service(service)
    return hub


def walk(page, path, name, check, javascript):
    """Each language and width: load, check, measure the width, screenshot."""
    for language, prefix in LANGUAGES.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(prefix + path)
            assert response.status == 200, f"{prefix + path} answered {response.status}"
            assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
            check(page)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} in {language} at {width}px is {overflow}px wider than the screen"
            SHOTS.mkdir(parents=True, exist_ok=True)
            suffix = "js" if javascript else "nojs"
            page.screenshot(path=str(SHOTS / f"{name}-{language}-{width}-{suffix}.png"), full_page=True)


def check_service(page):
    sites = page.locator("[data-site-access]")
    assert sites.count() == 2
    assert sites.first.locator("li").count() == 3
    assert page.locator("[data-site-access] svg[aria-hidden='true']").count() == 6
    expect(page.locator("[data-local-offer]")).to_be_visible()
    assert page.locator(".eh-marks .eh-mark").count() == 2


def check_search(page):
    assert page.locator(".eh-result").count() == 1
    assert page.locator(".eh-result .eh-mark").count() == 2
    assert page.locator("input[type=checkbox][name=access][value=step_free]").is_checked()


def check_local_offer(page):
    assert page.locator("section[data-need]").count() == 8
    assert page.locator("section[data-need=autism] h3 a").count() == 1


@pytest.mark.parametrize(
    ("name", "check"), [("service", check_service), ("search", check_search), ("local-offer", check_local_offer)]
)
def test_the_pages_read_in_every_language_and_width_with_javascript(page, axe, offer, name, check):
    path = {"service": offer.url, "search": SEARCH, "local-offer": "/local-offer/"}[name]
    walk(page, path, name, check, javascript=True)
    for prefix in LANGUAGES.values():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(prefix + path)
            violations = axe(page)
            assert violations == [], f"{prefix + path} at {width}px:\n{describe(violations)}"


@pytest.mark.parametrize(
    ("name", "check"), [("service", check_service), ("search", check_search), ("local-offer", check_local_offer)]
)
def test_the_pages_work_without_javascript(page_without_javascript, offer, name, check):
    path = {"service": offer.url, "search": SEARCH, "local-offer": "/local-offer/"}[name]
    walk(page_without_javascript, path, name, check, javascript=False)


def test_ticking_a_filter_without_javascript_narrows_the_results(page_without_javascript, offer):
    page = page_without_javascript
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/search/?postcode=BN11+1HS")
    assert page.locator(".eh-result").count() == 2
    page.locator("label", has_text="Family Hub").first.click()
    page.locator("form.eh-filters button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"mark=family_hub"))
    assert [name.strip() for name in page.locator(".eh-result h3").all_inner_texts()] == ["Worthing Family Hub"]
