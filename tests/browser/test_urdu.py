"""Urdu, which Lancashire offers: its pages are right to left, in Urdu, and axe finds no violations on them."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def urdu_offered(settings):
    # The test area (West Sussex) offers Polish and Arabic; Urdu comes from Lancashire's profile.
    if "ur" not in dict(settings.LANGUAGES):
        settings.LANGUAGES = [*settings.LANGUAGES, ("ur", "اردو")]


# One test for all pages: each transactional test's flush removes the Wagtail site the next would need.
def test_home_search_and_service_pages_in_urdu(page, axe, directory, urdu_offered):
    with translation.override("ur"):
        question, service_url = translation.gettext("What are you looking for?"), directory[0].url
    assert question != "What are you looking for?", "the Urdu catalogue is missing: run make messages"
    paths = ["/ur/", "/ur/search/?postcode=BN11+1HS&q=parenting&need_level=level-2", service_url]
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ur", "rtl"), path
        violations = axe(page)
        if violations:
            found[path] = violations
    page.goto("/ur/")
    expect(page.get_by_label(question)).to_be_visible()
    assert found == {}, describe(found)
