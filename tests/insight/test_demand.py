"""Searches beside services: counts by district and topic, what found nothing, and "<5" for every small count."""

import csv
import datetime
import io

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook

from directory.factories import ServicePageFactory
from insight import demand
from insight.periods import default_period
from insight.suppression import SUPPRESSED, suppress
from search.models import SearchLogEntry
from signposting.models import ListingReport

WORTHING, ADUR = "E07000229", "E07000223"
FORMULA = '=HYPERLINK("http://evil","x")'


def log_searches(text, district, times, result_count=3, days_ago=3):
    """Searches written as the search log writes them (one create each), `days_ago` days back."""
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago), tick=False):
        for _ in range(times):
            SearchLogEntry.objects.create(text=text, district_code=district, result_count=result_count)


@pytest.fixture
def searches(area):
    ServicePageFactory(tags={"topics": ["autism", "food bank"]})
    log_searches("autism", WORTHING, 3)  # few: must show as <5
    log_searches("Food parcel", ADUR, 7)  # a synonym of "food bank"
    log_searches(FORMULA, WORTHING, 2, result_count=0)
    log_searches("housing", ADUR, 6, result_count=0)
    log_searches("autism", WORTHING, 40, days_ago=200)  # outside the default period


def test_suppress_hides_one_to_four_only():
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == [0, SUPPRESSED, SUPPRESSED, 5, 120]


@pytest.mark.django_db
def test_searches_are_counted_by_topic_district_and_unmet_words(searches):
    found = demand.demand(default_period())
    assert found.total == 18 and found.zero == 8
    assert found.by_topic["autism"] == 3 and found.by_topic["food bank"] == 7
    assert found.by_topic_district[("food bank", ADUR)] == 7
    assert ("housing", ADUR, 6) in found.zero_words
    assert found.by_district[ADUR] == (13, 6)


def _search_cells(table):
    """The cells of a table except its columns of services (public facts, shown exactly)."""
    keep = [i for i, heading in enumerate(table.header) if "services" not in str(heading).lower()]
    return [row[i] for row in table.rows for i in keep]


@pytest.mark.django_db
def test_no_small_count_appears_in_any_table_of_the_searches_page(client, searches, commissioner):
    client.force_login(commissioner)
    response = client.get("/admin/insight/searches/")
    assert response.status_code == 200
    for table in response.context["tables"]:
        small = [value for value in _search_cells(table) if isinstance(value, int) and 0 < value < 5]
        assert small == [], table.slug
    topics = {row[0]: row[1] for row in response.context["named_tables"]["by_topic"].rows}
    assert topics["autism"] == SUPPRESSED and topics["food bank"] == 7
    html = response.content.decode()
    assert "&lt;5" in html


@pytest.mark.django_db
def test_the_searches_chart_draws_small_counts_as_suppressed(client, searches, commissioner):
    client.force_login(commissioner)
    response = client.get("/admin/insight/searches/?start=2000-01-01&end=2000-01-01")  # too short: widened
    chart = str(response.context["searches_chart"])
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    week = client.get("/admin/insight/searches/")
    table = week.context["named_tables"]["over_time"]
    chart = str(week.context["searches_chart"])
    for label, shown in table.rows:
        assert f"{label}: {shown if shown != SUPPRESSED else '&lt;5'} searches" in chart


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_downloads_suppress_small_counts_neutralise_formulas_and_say_period_rule_and_licence(
    client, searches, commissioner, file_format
):
    client.force_login(commissioner)
    response = client.get(f"/admin/insight/searches/?download=searches-that-found-nothing&format={file_format}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[("" if value is None else str(value)) for value in row] for row in sheet.iter_rows(values_only=True)]
    text = "\n".join(",".join(row) for row in rows)
    assert "Period: " in text and "Suppression: " in text and "Open Government Licence" in text
    words = {row[0]: row[2] for row in rows if len(row) >= 3}
    assert words["'" + FORMULA.lower()] == SUPPRESSED  # neutralised, and its count of 2 hidden
    assert words["housing"] == "6"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row if cell)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug",
    [
        "searches-by-district",
        "searches-by-topic",
        "searches-by-topic-and-district",
        "searches-over-time",
        "most-searched-least-offered-topics",
        "most-searched-least-offered-districts",
    ],
)
def test_every_searches_download_suppresses(client, searches, commissioner, slug):
    client.force_login(commissioner)
    response = client.get(f"/admin/insight/searches/?download={slug}&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header_at = next(i for i, row in enumerate(rows) if len(row) > 1)
    keep = [i for i, heading in enumerate(rows[header_at]) if "services" not in heading.lower()]
    cells = [row[i] for row in rows[header_at + 1 :] for i in keep if i < len(row)]
    assert cells, "the table has rows"
    assert not [cell for cell in cells if cell.isdigit() and 0 < int(cell) < 5]


@pytest.mark.django_db
def test_public_reports_counts_are_suppressed_too(client, area, commissioner):
    service = ServicePageFactory()
    for _ in range(2):
        ListingReport.objects.create(service=service, reason=ListingReport.Reason.OUT_OF_DATE)
    client.force_login(commissioner)
    response = client.get("/admin/insight/quality/")
    reports = {row[0]: row[1] for row in response.context["reports"].rows}
    assert reports["Made"] == SUPPRESSED and reports["Still open"] == SUPPRESSED
    download = client.get("/admin/insight/quality/?download=public-reports-by-reason&format=csv")
    assert "<5" in download.content.decode("utf-8-sig")
    assert ",2," not in download.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_most_searched_least_offered_puts_topics_with_no_services_first(searches):
    found = demand.demand(default_period())
    rows = demand.gaps({"housing": 6, "autism": 3, "food bank": 7}, {"autism": 1, "food bank": 1})
    assert rows[0][0] == "housing" and rows[0][5] is None
    assert found.by_topic["food bank"] == 7
