"""The public quarterly summary: the same figures for a chosen quarter, in plain English, with charts."""

import datetime

import pytest
from django.utils import timezone

from directory.factories import home_page
from insight.models import QuarterlySummaryPage
from insight.periods import quarter_period
from search.models import SearchLogEntry
from tests.insight.test_coverage import ADUR, WORTHING, make_service


def this_quarter():
    today = timezone.localdate()
    return today.year, (today.month - 1) // 3 + 1


@pytest.fixture
def summary(area):
    make_service(located=[WORTHING], outcomes=["ws-best-start"])
    make_service(located=[ADUR], outcomes=["ws-safe-secure"])
    for _ in range(3):  # one create each, as the search log writer writes
        SearchLogEntry.objects.create(text="autism", district_code=WORTHING, result_count=1)
    year, quarter = this_quarter()
    page = home_page().add_child(
        instance=QuarterlySummaryPage(title="The offer this quarter", slug="summary", year=year, quarter=quarter)
    )
    page.save_revision().publish()
    return page


def test_quarters_run_from_the_first_to_the_last_day():
    assert quarter_period(2026, 1) == quarter_period(2026, 1)
    period = quarter_period(2026, 4)
    assert (period.start, period.end) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert quarter_period(2026, 2).end == datetime.date(2026, 6, 30)


def test_the_summary_lives_under_the_home_page():
    assert QuarterlySummaryPage.parent_page_types == ["home.HomePage"]
    assert QuarterlySummaryPage.subpage_types == []


@pytest.mark.django_db
def test_the_published_summary_shows_district_figures_with_charts_and_tables(client, summary):
    response = client.get(summary.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Worthing" in html and "Adur" in html
    assert html.count('role="img"') == 2  # the map and the bars
    assert "services were listed" in html
    assert "Open Government Licence" in html


@pytest.mark.django_db
def test_the_summary_suppresses_small_search_counts(client, summary):
    figures = QuarterlySummaryPage.objects.get(pk=summary.pk).figures
    worthing = next(district for district in figures["districts"] if district["code"] == WORTHING)
    assert worthing["searches"] == "<5" and figures["searches"] == "<5"
    assert all(row[2] == 0 for row in figures["over_time"] if row[1] == "<5")  # no raw small count kept
    assert "&lt;5" in client.get(summary.url).content.decode()


@pytest.mark.django_db
def test_published_figures_stay_as_they_were_until_saved_again(client, summary):
    before = QuarterlySummaryPage.objects.get(pk=summary.pk).figures["services"]
    make_service(located=[WORTHING])
    assert QuarterlySummaryPage.objects.get(pk=summary.pk).figures["services"] == before
    page = QuarterlySummaryPage.objects.get(pk=summary.pk)
    page.save_revision().publish()
    assert QuarterlySummaryPage.objects.get(pk=summary.pk).figures["services"] == before + 1
