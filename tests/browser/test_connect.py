"""A family asks a service to contact them, in Chromium with and without JavaScript; each step axe clean (with it)."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from connect.models import ContactRequest
from tests.browser.conftest import describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def service(directory):
    cache.clear()  # the forms' rate limit counts in the cache the live server shares with this process
    service = directory[0]
    service.accepts_requests = True
    service.save()
    return service


def assert_axe_clean(page, axe):
    if axe is None:
        return
    violations = axe(page)
    assert violations == [], f"{page.url}:\n{describe(violations)}"


def fill_and_send(page, help_wanted):
    page.get_by_label("Your name").fill("Jordan Example")
    page.get_by_label("Phone call").check()
    page.get_by_label("Phone number").fill("07400 123456")
    page.get_by_role("group", name="Is it safe to leave a message?").get_by_label("No").check()
    page.get_by_label("What would you like help with?").fill(help_wanted)
    page.get_by_label("I agree to this service seeing what I have written here and contacting me").check()
    page.get_by_role("button", name="Send request").click()


def journey(page, axe, service):
    page.goto(service.url)
    page.get_by_role("button", name="Ask to be contacted").click()
    page.wait_for_url(f"**/connect/service/{service.pk}/ask/")
    assert_axe_clean(page, axe)

    # Sent empty: the error summary, then each field's message; still accessible.
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_axe_clean(page, axe)

    # A mention of danger shows the urgent help numbers first; the same button then sends.
    fill_and_send(page, "He hits me when he is drunk.")
    expect(page.get_by_role("heading", name="Before you send this")).to_be_visible()
    assert ContactRequest.objects.count() == 0
    assert_axe_clean(page, axe)
    page.get_by_label("I agree to this service seeing what I have written here and contacting me").check()
    page.get_by_role("button", name="Send request").click()

    page.wait_for_url("**/connect/request/**")
    reference = ContactRequest.objects.get().reference
    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    assert reference in page.content()
    assert_axe_clean(page, axe)


def test_a_family_asks_to_be_contacted_with_javascript(page, axe, service):
    journey(page, axe, service)


def test_a_family_asks_to_be_contacted_without_javascript(page_without_javascript, service):
    # axe needs JavaScript in the page (its run never settles without it); the HTML is the same as above.
    journey(page_without_javascript, None, service)
