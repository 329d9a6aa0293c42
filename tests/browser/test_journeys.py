"""Whole journeys in Chromium: by keyboard alone, without JavaScript, and leaving in a hurry."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 200
FOCUSED = """() => {
  const element = document.activeElement;
  return {
    tag: element.tagName.toLowerCase(),
    id: element.id,
    text: (element.innerText || element.value || "").trim(),
    href: element.getAttribute("href") || "",
  };
}"""


def tab_to(page, wanted, description):
    """Press Tab until `wanted(focused)` is true; the focused element's tag, id, text and href are offered."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached {description} on {page.url}")


def test_keyboard_only_search_service_shortlist_and_share(page, directory):
    service = directory[0]
    page.goto("/")

    tab_to(page, lambda element: element["id"] == "postcode", "the postcode box")
    page.keyboard.type("BN11 1HS")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?"))

    tab_to(page, lambda element: element["tag"] == "a" and element["text"] == service.title, "the first result")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{service.url}")

    tab_to(page, lambda element: element["text"].startswith("Add to shortlist"), "Add to shortlist")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{service.url}#shortlist-{service.pk}")

    tab_to(page, lambda element: element["text"] == "view shortlist", "the shortlist link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/shortlist/")
    expect(page.get_by_role("heading", name=service.title)).to_be_visible()

    tab_to(page, lambda element: element["text"] == "Open the shared list", "the share link")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/shortlist/s/{service.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "A shortlist of services"
    expect(page.get_by_role("heading", name=service.title)).to_be_visible()


def test_without_javascript_find_shortlist_three_share_print_and_report(page_without_javascript, directory):
    page = page_without_javascript
    page.goto("/")
    page.get_by_label("Postcode or town").fill("BN11 1HS")
    page.get_by_label("What are you looking for?").fill("parenting")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?"))

    chosen = directory[:3]
    for service in chosen:
        # The visible "Add to shortlist" is followed by the service's name for screen readers.
        page.get_by_role("button", name=re.compile(rf"^Add to shortlist\W+{re.escape(service.title)}$")).click()
        page.wait_for_url(re.compile(rf"#shortlist-{service.pk}$"))
    page.goto("/shortlist/")
    assert page.locator(".eh-shortlist-card").count() == 3

    page.get_by_role("link", name="Open the shared list").click()
    ids = ",".join(str(service.pk) for service in chosen)
    page.wait_for_url(f"**/shortlist/s/{ids}/")
    assert [heading.inner_text() for heading in page.locator(".eh-shortlist-card h2").all()] == [
        service.title for service in chosen
    ]

    page.get_by_role("link", name="Print this list, with a QR code for each service").click()
    page.wait_for_url(f"**/shortlist/s/{ids}/print/")
    assert page.locator("svg.eh-qr").count() == 3
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

    page.goto(chosen[0].url)
    page.get_by_role("link", name="Print a poster for this service").click()
    expect(page.locator("svg.eh-qr")).to_have_count(1)

    page.goto(chosen[0].url)
    page.get_by_role("link", name="Report a problem with this listing").click()
    page.get_by_label("The service has closed").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()


def test_without_javascript_the_exit_button_is_a_plain_link_away(page_without_javascript, directory):
    page = page_without_javascript
    page.goto("/")

    page.get_by_role("button", name="Exit this page").click()

    page.wait_for_url(re.compile(r"^https://"))
    assert "localhost" not in page.url


def test_shift_pressed_three_times_leaves_the_site(page, directory):
    page.goto(directory[0].url)

    for _ in range(3):
        page.keyboard.press("Shift")

    page.wait_for_url(re.compile(r"^https://"), timeout=5_000)
    assert "localhost" not in page.url


def test_arabic_pages_are_laid_out_right_to_left(page, directory):
    page.goto(f"/ar/shortlist/s/{directory[0].pk}/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("() => getComputedStyle(document.querySelector('main')).direction") == "rtl"
