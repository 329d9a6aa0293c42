"""A provider and a moderator in Chromium: sign in, bulk "Still correct", submit for checking, compare and decide.

Screens this work changed are checked with axe (WCAG 2.2 AA) and saved at 1280 and 390 px wide under
/tmp/shots/editing/ for a person to look at.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import ServicePage
from tests.browser.conftest import SHOTS as SCREENSHOTS
from tests.browser.conftest import WCAG_22_AA, describe, shoot, sign_in

SHOTS = "editing"


@pytest.fixture
def due_a_check(people):
    """Alice's first two listings were last checked 200 days ago."""
    old = timezone.localdate() - datetime.timedelta(days=200)
    for service in people["services"][:2]:
        service.last_reviewed = old
        service.save_revision().publish()
    return people


def sign_out(page):
    page.context.clear_cookies()


def assert_axe_clean(axe, page, name):
    violations = axe(page)
    assert violations == [], f"{name}: {describe(violations)}"


# Wagtail's editor has findings of its own (the tag widget's unlabelled input, Draftail's toolbar) that this
# work did not make; on the editor, axe looks at what this work added: the request for changes and the footer.
AXE_RUN_WITHIN = """async ([selectors, tags]) => await axe.run(
    {include: selectors.map((selector) => [selector])},
    {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"""


def assert_axe_clean_within(axe_source, page, name, selectors):
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    violations = page.evaluate(AXE_RUN_WITHIN, [selectors, WCAG_22_AA])["violations"]
    assert violations == [], f"{name}: {describe([(v['id'], v['help']) for v in violations])}"


def edit(page, service, summary):
    page.goto(f"/admin/pages/{service.pk}/edit/")
    page.locator("#id_summary").fill(summary)


def test_the_sign_in_page_is_the_directorys(page, axe, people):
    page.goto("/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the Early help directory")
    expect(page).to_have_title(re.compile("Early help directory"))
    assert_axe_clean(axe, page, "sign in")
    shoot(page, SHOTS, "sign-in")


def test_a_provider_confirms_several_listings_at_once(page, axe, due_a_check):
    people = due_a_check
    sign_in(page, "alice")
    panel = page.locator("#provider-work-section")
    expect(panel.get_by_role("heading", name="Due for a check (2)")).to_be_visible()
    assert_axe_clean(axe, page, "provider dashboard")
    shoot(page, SHOTS, "provider-dashboard")
    for service in people["services"][:2]:
        panel.get_by_label(service.title).check()
    panel.get_by_role("button", name="Still correct").click()
    expect(page.locator(".messages")).to_contain_text("2 listings are marked as checked today")
    expect(page.locator("#provider-work-section")).not_to_contain_text("Due for a check")
    today = timezone.localdate()
    assert {s.last_reviewed for s in ServicePage.objects.filter(pk__in=[s.pk for s in people["services"][:2]])} == {
        today
    }


def test_a_change_goes_from_provider_to_moderator_and_back(page, axe, axe_source, due_a_check):
    people = due_a_check
    service = people["services"][2]

    # The provider edits; the main button says what it does, and the line under it what happens next.
    sign_in(page, "alice")
    edit(page, service, "Now also on Saturday mornings.")
    footer = page.locator("footer")
    main = footer.get_by_role("button", name="Submit for checking")
    expect(main).to_be_visible()
    expect(footer.locator("#what-happens-next")).to_contain_text("The directory team checks your changes")
    assert_axe_clean_within(axe_source, page, "editor footer", ["footer"])
    shoot(page, SHOTS, "provider-editor")
    main.click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    sign_out(page)

    # The moderator sees who sent it for which organisation, compares and asks for changes.
    sign_in(page, "mo")
    queue = page.locator("#changes-to-check-section")
    expect(queue).to_contain_text("Sunflower Family Trust")
    expect(queue).to_contain_text("Alice Ash")
    assert_axe_clean(axe, page, "moderator dashboard")
    shoot(page, SHOTS, "moderator-dashboard")
    queue.get_by_role("link", name=service.title).click()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Now also on Saturday mornings.")
    assert_axe_clean(axe, page, "review page")
    shoot(page, SHOTS, "review")
    page.get_by_label("Comment for the provider").fill("Please give the Saturday opening times too.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.locator(".messages")).to_contain_text("went back to Sunflower Family Trust with your comment")
    sign_out(page)

    # The provider sees the comment, changes the listing and sends it again.
    sign_in(page, "alice")
    expect(page.locator("#provider-work-section")).to_contain_text("Please give the Saturday opening times too.")
    page.locator("#provider-work-section").get_by_role("link", name=service.title).first.click()
    expect(page.locator(".changes-requested")).to_contain_text("Please give the Saturday opening times too.")
    assert_axe_clean_within(axe_source, page, "editor with changes requested", [".changes-requested", "footer"])
    shoot(page, SHOTS, "provider-editor-changes-requested")
    page.locator("#id_summary").fill("Now also on Saturday mornings, 9am to midday.")
    page.locator("footer").get_by_role("button", name="Submit for checking again").click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    sign_out(page)

    # The moderator approves on the comparison itself and is told it is live.
    sign_in(page, "mo")
    page.locator("#changes-to-check-section").get_by_role("link", name=service.title).click()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messages")).to_contain_text("is now live on the public site")
    service.refresh_from_db()
    assert service.summary == "Now also on Saturday mornings, 9am to midday."
    assert service.last_reviewed == timezone.localdate()


def test_a_provider_ticks_the_days_of_a_new_session(page, axe_source, people):
    service = people["services"][2]
    sign_in(page, "alice")
    page.goto(f"/admin/pages/{service.pk}/edit/")
    new = int(page.locator("#id_schedules-TOTAL_FORMS").input_value())
    page.locator("#id_schedules-ADD").click()
    # The form Wagtail adds from its template has the ticks, named for its place in the list.
    days = page.locator(f"#id_schedules-{new}-byday")
    # On a phone the row of kind, location and name keeps inside the panel (a long location name ran past it).
    page.set_viewport_size({"width": 390, "height": 844})
    location = page.locator(f"#id_schedules-{new}-location")
    row = location.locator("xpath=ancestor::div[contains(@class, 'w-field-row')][1]")
    # Widths, not edges: the panel may still be settling from the resize by a pixel or two (it was 331 in 326).
    page.wait_for_timeout(300)
    assert location.bounding_box()["width"] <= row.bounding_box()["width"] + 1
    expect(days.get_by_role("group", name="Days")).to_be_visible()
    days.get_by_label("Wednesday").check()
    days.get_by_label("Friday").check()
    page.locator(f"#id_schedules-{new}-opens_at").fill("10:00")
    page.locator(f"#id_schedules-{new}-closes_at").fill("11:30")
    assert_axe_clean_within(axe_source, page, "schedule days", [f"#id_schedules-{new}-byday"])
    shoot(page, SHOTS, "schedule-days")
    page.locator("footer").get_by_role("button", name="Submit for checking").click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    service.refresh_from_db()
    draft = service.get_latest_revision_as_object()
    assert "WE,FR" in [schedule.byday for schedule in draft.schedules.all()]


def test_the_editors_panel_headings_are_whole_on_a_phone(page, people):
    sign_in(page, "alice")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/admin/pages/{people['services'][2].pk}/edit/")
    heading = page.locator(".w-panel__heading", has_text="Opening times, sessions and closures")
    expect(heading).to_be_visible()
    # Cut with an ellipsis, the heading's box is narrower than its text; wrapped, it is as wide.
    label = heading.locator(".w-panel__heading--label, :scope").first
    assert label.evaluate("element => element.scrollWidth <= element.clientWidth + 1")
    assert heading.bounding_box()["height"] > 40  # two lines at 1.375rem
    heading.scroll_into_view_if_needed()
    heading.screenshot(path=str(SCREENSHOTS / SHOTS / "panel-heading-390.png"))


def test_listings_to_check_keep_names_whole_on_a_phone(page, due_a_check):
    sign_in(page, "mo")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/providers/listings-to-check/")
    name = page.locator("table.listing td.title").first
    expect(name).to_be_visible()
    # A name of a few words takes a few lines, not one a letter; the table scrolls in its own box, not the page.
    assert name.bounding_box()["width"] >= 160
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator("div:has(> table.listing)")
    assert box.evaluate("element => element.scrollWidth > element.clientWidth")
    assert box.evaluate("element => getComputedStyle(element).overflowX") == "auto"
