"""The search page on a phone and with suggestions: results first, filters behind a control, an accessible combobox."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}
RESULTS = "/search/?postcode=BN11+1HS&q=parenting&need_level=level-2"
# Nothing opens on Sundays in the test directory; dropping the day finds the parenting groups.
NOTHING_FOUND = "/search/?postcode=BN11+1HS&q=parenting&day=sunday"


def first_result_name_bottom(page):
    box = page.locator(".eh-results > li h3").first.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_on_a_phone_the_first_result_is_in_the_first_screen(request, live_server, directory, javascript):
    page = request.getfixturevalue("page" if javascript else "page_without_javascript")
    page.set_viewport_size(PHONE)
    page.goto(RESULTS)

    # The whole name of the first service, not only its top edge.
    assert first_result_name_bottom(page) <= PHONE["height"]
    expect(page.get_by_role("button", name="Apply filters").first).not_to_be_visible()


def test_on_a_phone_with_javascript_the_languages_share_the_menu_row(page, directory):
    page.set_viewport_size(PHONE)
    page.goto(RESULTS)
    menu = page.get_by_role("button", name="Menu").bounding_box()
    languages = page.get_by_role("navigation", name="Language").bounding_box()
    assert languages["y"] < menu["y"] + menu["height"]

    page.get_by_role("button", name="Menu").click()

    # An open menu takes the row; the languages move below its last link.
    last_link = page.locator("#navigation li").last.bounding_box()
    assert page.get_by_role("navigation", name="Language").bounding_box()["y"] >= last_link["y"] + last_link["height"]


def test_the_filters_control_says_how_many_are_chosen_and_opens_without_javascript(page_without_javascript, directory):
    page = page_without_javascript
    page.set_viewport_size(PHONE)
    page.goto(RESULTS + "&age=7")
    control = page.locator(".eh-filters-toggle summary")
    assert " ".join(control.inner_text().split()) == "Filters (2 selected)"

    control.click()

    expect(page.get_by_role("button", name="Apply filters").first).to_be_visible()
    assert page.locator("#age").input_value() == "7"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_on_a_wide_screen_the_filters_are_open_without_the_control(request, live_server, directory, javascript):
    page = request.getfixturevalue("page" if javascript else "page_without_javascript")
    page.set_viewport_size(WIDE)
    page.goto(RESULTS)

    expect(page.get_by_role("button", name="Apply filters").first).to_be_visible()
    expect(page.get_by_label("Age of the child or young person")).to_be_visible()
    expect(page.locator(".eh-filters-toggle summary")).not_to_be_visible()


def test_on_a_phone_nothing_found_shows_what_to_try_before_the_filters(page, directory):
    page.set_viewport_size(PHONE)
    page.goto(NOTHING_FOUND)
    suggestions = page.locator(".eh-no-results")
    filters = page.locator(".eh-filters-toggle")

    assert suggestions.get_by_role("link").count() >= 1
    # Before in the page's order (what a screen reader and the keyboard meet) and on the screen.
    assert suggestions.evaluate(
        "(node, other) => !!(node.compareDocumentPosition(other) & 4)", filters.element_handle()
    )
    assert suggestions.bounding_box()["y"] + suggestions.bounding_box()["height"] <= filters.bounding_box()["y"]
    assert suggestions.get_by_role("link").first.bounding_box()["y"] < PHONE["height"]


def open_keyword_suggestions(page, typed="par"):
    box = page.get_by_role("combobox", name="What are you looking for?")
    box.fill("")
    box.press_sequentially(typed, delay=30)
    page.get_by_role("option", name="parenting", exact=True).wait_for()
    return box


def test_the_keyword_box_suggests_topics_and_a_choice_is_searched(page, directory):
    page.goto("/search/")
    box = open_keyword_suggestions(page)
    assert "Parenting Teenagers Workshop" in page.get_by_role("listbox").inner_text()

    page.get_by_role("option", name="parenting", exact=True).click()
    assert box.input_value() == "parenting"
    page.get_by_role("button", name="Search", exact=True).click()

    page.wait_for_url("**q=parenting**")
    assert page.locator(".eh-results > li").count() == 4


def test_the_place_box_names_the_area_of_a_town_in_it_and_a_choice_puts_the_town_in_the_box(page, directory):
    page.goto("/search/")
    box = page.get_by_role("combobox", name="Postcode or town")
    box.press_sequentially("Chich", delay=30)
    in_area = page.get_by_role("option", name="Chichester, West Sussex", exact=True)
    in_area.wait_for()

    in_area.click()

    assert box.input_value() == "Chichester"


def test_a_box_holding_the_search_just_made_offers_it_by_name_never_undefined(page, directory):
    page.goto(RESULTS)
    for name, typed in (("Postcode or town", "BN11 1HS"), ("What are you looking for?", "parenting")):
        box = page.get_by_role("combobox", name=name)
        box.click()
        page.keyboard.press("ArrowDown")
        options = box.locator("xpath=..").get_by_role("option")
        options.first.wait_for()
        # The widget offers what the box holds as a plain string, not as a suggestion object.
        assert options.all_inner_texts() == [typed]
        page.keyboard.press("Escape")


def test_without_javascript_the_keyword_box_is_the_plain_input(page_without_javascript, directory):
    page = page_without_javascript
    page.goto("/search/")
    box = page.locator("#q")

    assert box.get_attribute("type") == "search"
    assert box.get_attribute("role") is None
    box.fill("parenting")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.locator(".eh-results > li").count() == 4


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_the_search_page_with_the_suggestions_open_has_no_violations(page, axe, directory, viewport):
    page.set_viewport_size(viewport)
    page.goto(RESULTS)
    assert axe(page) == [], describe(axe(page))

    open_keyword_suggestions(page)
    violations = axe(page)
    assert violations == [], describe(violations)


def test_nothing_found_on_a_phone_has_no_violations(page, axe, directory):
    page.set_viewport_size(PHONE)
    page.goto(NOTHING_FOUND)
    violations = axe(page)
    assert violations == [], describe(violations)


def test_a_postcode_never_breaks_across_lines(page, directory):
    page.set_viewport_size(PHONE)
    page.goto(RESULTS)
    postcode = page.locator(".eh-result .eh-postcode").first
    # The card squeezed a pixel at a time, past every width where the place wraps: the postcode stays whole.
    lines = postcode.evaluate(
        """node => {
            const card = node.closest('p'), lines = [];
            for (let width = 80; width <= 360; width += 1) {
                card.style.width = width + 'px';
                lines.push(node.getClientRects().length);
            }
            return lines;
        }"""
    )
    assert set(lines) == {1}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without-javascript"])
def test_back_from_adding_to_the_shortlist_the_page_says_so_in_sight(request, live_server, directory, javascript):
    page = request.getfixturevalue("page" if javascript else "page_without_javascript")
    page.set_viewport_size(PHONE)
    service = directory[0]
    page.goto(service.url)
    page.get_by_role("button", name="Add to shortlist").click()
    page.wait_for_url(f"**#shortlist-{service.pk}")

    status = page.locator(f"#shortlist-{service.pk}")
    # Focused, so a screen reader says it; below the sticky exit bar, with the section's heading above it in sight.
    assert status.evaluate("element => element === document.activeElement")
    assert "In your shortlist" in status.inner_text()
    exit_bar = page.locator(".govuk-exit-this-page").bounding_box()
    heading = page.get_by_role("heading", name="Share or save this service").bounding_box()
    assert heading["y"] >= exit_bar["y"] + exit_bar["height"]
    assert status.bounding_box()["y"] + status.bounding_box()["height"] <= PHONE["height"]
