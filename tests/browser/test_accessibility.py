"""axe-core finds no WCAG 2.2 AA violation on the main pages and on every form showing its errors."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESULTS_WITH_FILTERS = "/search/?postcode=BN11+1HS&q=parenting&need_level=level-2&age=7&free=yes&self_referral=yes"


def assert_no_violations(page, axe, path):
    response = page.goto(path)
    assert response.status < 500, f"{path} answered {response.status}"
    violations = axe(page)
    assert violations == [], f"{path}:\n{describe(violations)}"


def test_axe_reports_a_violation_when_there_is_one(page, axe, directory):
    page.goto("/")
    page.evaluate("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")

    assert [violation["id"] for violation in axe(page)] == ["image-alt"]


def test_the_home_page_has_no_violations(page, axe, directory):
    assert_no_violations(page, axe, "/")


def test_results_with_filters_have_no_violations(page, axe, directory):
    assert_no_violations(page, axe, RESULTS_WITH_FILTERS)
    expect(page.get_by_role("link", name="Little Steps Parenting Group")).to_be_visible()


def test_a_service_page_has_no_violations(page, axe, directory):
    assert_no_violations(page, axe, directory[0].url)


def test_the_shortlist_has_no_violations(page, axe, directory):
    for service in directory[:3]:
        page.request.post("/shortlist/add/", form={"service": str(service.pk)})

    assert_no_violations(page, axe, "/shortlist/")


def test_a_shared_shortlist_has_no_violations(page, axe, directory):
    assert_no_violations(page, axe, f"/shortlist/s/{directory[0].pk},{directory[1].pk}/")


def test_the_print_view_has_no_violations(page, axe, directory):
    assert_no_violations(page, axe, f"/shortlist/s/{directory[0].pk},{directory[1].pk}/print/")


def test_the_service_poster_has_no_violations(page, axe, directory):
    assert_no_violations(page, axe, f"/poster/service/{directory[0].pk}/")


def test_the_topic_poster_has_no_violations(page, axe, directory):
    assert_no_violations(page, axe, "/poster/?topic=parenting&district=E07000229")


def test_the_right_to_left_shortlist_has_no_violations(page, axe, directory):
    assert_no_violations(page, axe, f"/ar/shortlist/s/{directory[0].pk}/")


@pytest.mark.parametrize(
    "path",
    ["/browsing-safely/", "/ar/browsing-safely/", "/pl/browsing-safely/", "/accessibility/", "/suggest-a-service/"],
)
def test_the_plain_pages_have_no_violations(page, axe, information_pages, path):
    assert_no_violations(page, axe, path)


def test_a_search_with_a_bad_postcode_shows_errors_without_violations(page, axe, directory):
    page.goto("/search/?postcode=ZZ99+9ZZ")

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert axe(page) == []


def test_report_a_problem_with_nothing_chosen_shows_errors_without_violations(page, axe, directory):
    page.goto(f"/report-a-problem/{directory[0].pk}/")
    page.get_by_role("button", name="Send report").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    violations = axe(page)
    assert violations == [], describe(violations)


def test_an_empty_suggestion_shows_errors_without_violations(page, axe, directory):
    page.goto("/suggest-a-service/")
    page.get_by_role("button", name="Send suggestion").click()

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    violations = axe(page)
    assert violations == [], describe(violations)


def test_a_poster_with_a_missing_topic_shows_errors_without_violations(page, axe, directory):
    page.goto("/poster/?topic=&district=E07000229")

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    violations = axe(page)
    assert violations == [], describe(violations)
