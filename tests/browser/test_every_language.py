"""Every offered language, not only English: axe on the main pages, and the keyboard and no-JavaScript journeys in
Arabic, where right-to-left layout and translated labels are most likely to break them."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import describe
from tests.browser.test_journeys import tab_to
from tests.i18n.test_catalogues import LOCALE, offered_languages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every language an area profile offers once it has a catalogue (Essex's Romanian too), not only the loaded area's.
OFFERED = [code for code in offered_languages() if (LOCALE / code).exists()]


def in_language(code, text):
    with translation.override(code):
        return translation.gettext(text)


def test_the_site_offers_languages_besides_english():
    assert {"pl", "ar"} <= set(OFFERED)


@pytest.mark.parametrize("code", OFFERED)
def test_the_main_pages_have_no_violations_in_each_offered_language(
    page, axe, directory, information_pages, code, settings
):
    if code not in dict(settings.LANGUAGES):
        settings.LANGUAGES = [*settings.LANGUAGES, (code, code)]
    for service in directory[:2]:
        page.request.post(f"/{code}/shortlist/add/", form={"service": str(service.pk)})
    paths = [
        f"/{code}/",
        f"/{code}/search/?postcode=BN11+1HS&q=parenting&need_level=level-2&free=yes",
        f"/{code}/search/?postcode=ZZ99+9ZZ",
        f"/{code}{directory[0].url}",
        f"/{code}/shortlist/",
        f"/{code}/shortlist/s/{directory[0].pk},{directory[1].pk}/print/",
        f"/{code}/accessibility/",
        f"/{code}/report-a-problem/{directory[0].pk}/",
    ]
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response.status < 500, f"{path} answered {response.status}"
        # The page is really in the language asked for, so a fall-back to English cannot pass unseen.
        assert page.locator("html").get_attribute("lang") == code, path
        violations = axe(page)
        if violations:
            found[path] = violations
    assert found == {}, describe(found)


def test_keyboard_only_search_service_and_shortlist_in_arabic(page, directory):
    service = directory[0]
    page.goto("/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"

    tab_to(page, lambda element: element["id"] == "postcode", "the postcode box")
    page.keyboard.type("BN11 1HS")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ar/search/\?"))

    tab_to(page, lambda element: element["tag"] == "a" and element["text"] == service.title, "the first result")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/ar{re.escape(service.url)}$"))

    add = in_language("ar", "Add to shortlist")
    tab_to(page, lambda element: element["text"].startswith(add), f"{add!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#shortlist-{service.pk}$"))

    view = in_language("ar", "view shortlist")
    tab_to(page, lambda element: element["text"] == view, f"{view!r}")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ar/shortlist/")
    expect(page.get_by_role("heading", name=service.title)).to_be_visible()


def test_without_javascript_find_shortlist_print_and_report_in_arabic(page_without_javascript, directory):
    page = page_without_javascript
    page.goto("/ar/")
    page.get_by_label(in_language("ar", "Postcode or town")).fill("BN11 1HS")
    page.get_by_label(in_language("ar", "What are you looking for?")).fill("parenting")
    page.get_by_role("button", name=in_language("ar", "Search"), exact=True).click()
    page.wait_for_url(re.compile(r"/ar/search/\?"))

    add = in_language("ar", "Add to shortlist")
    chosen = directory[:2]
    for service in chosen:
        page.get_by_role("button", name=re.compile(rf"^{re.escape(add)}\W+{re.escape(service.title)}\W*$")).click()
        page.wait_for_url(re.compile(rf"#shortlist-{service.pk}$"))
    page.goto("/ar/shortlist/")
    assert page.locator(".eh-shortlist-card").count() == 2

    page.get_by_role("link", name=in_language("ar", "Open the shared list")).click()
    ids = ",".join(str(service.pk) for service in chosen)
    page.wait_for_url(f"**/ar/shortlist/s/{ids}/")
    page.get_by_role("link", name=in_language("ar", "Print this list, with a QR code for each service")).click()
    page.wait_for_url(f"**/ar/shortlist/s/{ids}/print/")
    assert page.locator("svg.eh-qr").count() == 2
    # Each service's address lines up on the right with its text, not at the left under the table.
    address = page.locator("p.eh-print-url").first.evaluate("element => getComputedStyle(element).textAlign")
    assert address == "right"

    page.goto(f"/ar{chosen[0].url}")
    page.get_by_role("link", name=in_language("ar", "Report a problem with this listing")).click()
    page.get_by_label(in_language("ar", "The service has closed")).check()
    page.get_by_role("button", name=in_language("ar", "Send report")).click()
    expect(page.get_by_role("heading", name=in_language("ar", "Thank you for your report"))).to_be_visible()
    assert page.locator("html").get_attribute("dir") == "rtl"
