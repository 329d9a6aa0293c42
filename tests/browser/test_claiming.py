"""The public claim form in Chromium: no axe violations (English and Arabic, empty and with errors), and it works
with and without JavaScript, at a phone's width and a desktop's."""

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from directory.claims.models import Claim
from tests.browser.conftest import describe

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """The form's rate limit counts in the cache: each test starts with none spent."""
    cache.clear()


PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


@pytest.fixture
def listing(directory):
    """An organisation nobody looks after yet, with a website of its own (the fixture's is example.org)."""
    service = directory[0]
    organisation = service.organisation
    organisation.website = "https://www.sunflower.example/"
    organisation.save_revision().publish()
    return service


def claim_path(service, language=""):
    return f"{language}/is-this-your-service/{service.pk}/"


@pytest.mark.parametrize("language", ["", "/ar"])
def test_the_claim_form_has_no_violations(page, axe, listing, language):
    page.goto(claim_path(listing, language))
    violations = axe(page)
    assert violations == [], describe(violations)


def test_the_claim_form_with_errors_has_no_violations(page, axe, listing):
    page.goto(claim_path(listing))
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    violations = axe(page)
    assert violations == [], describe(violations)


def fill_and_send(page, email):
    page.get_by_label("Your name").fill("Jo Fielding")
    page.get_by_label("Your work email address").fill(email)
    page.get_by_label("Your role").fill("Centre manager")
    page.get_by_role("button", name="Send request").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_the_link_on_the_listing_leads_to_a_claim_without_javascript(page_without_javascript, listing, viewport):
    page = page_without_javascript
    page.set_viewport_size(viewport)
    page.goto(listing.url)
    page.get_by_role("link", name="Is this your service? Ask to look after this listing").click()
    fill_and_send(page, "jo@sunflower.example")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert Claim.objects.get().email == "jo@sunflower.example"
    assert mail.outbox[-1].to == ["jo@sunflower.example"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_a_claim_off_the_domain_is_sent_to_the_team_with_javascript(page, listing, viewport):
    page.set_viewport_size(viewport)
    page.goto(claim_path(listing))
    fill_and_send(page, "jo.fielding@gmail.com")
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    assert Claim.objects.get().status == Claim.Status.TO_CHECK
