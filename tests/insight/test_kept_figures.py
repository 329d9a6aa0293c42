"""The counted services and searches follow every change as it happens, with no cache flush and no rebuild.

After each change the figures are compared with a count made service by service (test_coverage's
independent count) and the kept rows with the same rows rebuilt from scratch (`manage.py rebuild_insight`).
"""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.exchange.csv_import import import_services_csv
from directory.factories import OrganisationPageFactory
from directory.models import ServicePage
from directory.vocabularies import DistrictTag, OutcomeTag
from insight import coverage, demand, quality
from insight.filters import CoverageFilters
from insight.models import CountedService, SearchCount
from insight.periods import default_period
from search.log import record_search
from search.models import SearchLogEntry
from search.query import ServiceQuery
from tests.insight.test_coverage import ADUR, ARUN, CRAWLEY, WORTHING, independent_counts, make_service, matrix_counts
from tests.providers.test_csv_import import csv_bytes, row

pytestmark = pytest.mark.django_db


def kept_rows():
    services = sorted(CountedService.objects.values_list())
    searches = sorted(SearchCount.objects.values_list("day", "district_code", "words", "searches", "found_nothing"))
    return services, searches


def assert_figures_true():
    """The matrix equals an independent count, and the kept rows equal the rows rebuilt from scratch."""
    for across, field in (("outcome", "outcomes"), ("need_level", "need_levels")):
        assert matrix_counts(coverage.coverage_matrix(CoverageFilters(across=across))) == independent_counts(field)
    kept = kept_rows()
    call_command("rebuild_insight", stdout=io.StringIO())
    assert kept_rows() == kept


@pytest.fixture
def outcomes(area):
    return list(OutcomeTag.objects.values_list("code", flat=True))


def reaching(code):
    return coverage.coverage_matrix(CoverageFilters()).totals[code].reaching


def test_publishing_a_service_counts_it_at_once(outcomes):
    assert reaching(WORTHING) == 0
    make_service(located=[WORTHING], outcomes=outcomes[:1], topics=["autism"])
    assert reaching(WORTHING) == 1
    assert demand.supply_by_topic()["autism"] == 1 and demand.supply_by_district()[WORTHING] == 1
    assert quality.overall_freshness()["total"] == 1
    assert_figures_true()


def test_a_saved_draft_changes_nothing_until_it_is_published(outcomes):
    service = make_service(located=[WORTHING], outcomes=outcomes[:1])
    service.title = "A new name, not yet approved"
    service.outcomes.set(OutcomeTag.objects.filter(code=outcomes[1]))
    service.save_revision()
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert matrix.cell(WORTHING, outcomes[0]).reaching == 1 and matrix.cell(WORTHING, outcomes[1]).reaching == 0
    assert_figures_true()


def test_unpublishing_a_service_takes_it_out_at_once(outcomes):
    service = make_service(located=[WORTHING], outcomes=outcomes[:1])
    assert reaching(WORTHING) == 1
    service.unpublish()
    assert reaching(WORTHING) == 0
    assert quality.missing_facts_counts()["total"] == 0
    assert_figures_true()


def test_deleting_a_service_takes_it_out_at_once(outcomes):
    service = make_service(located=[WORTHING], outcomes=outcomes[:1])
    make_service(located=[ADUR], outcomes=outcomes[:1])
    ServicePage.objects.get(pk=service.pk).delete()
    assert reaching(WORTHING) == 0 and reaching(ADUR) == 1
    assert_figures_true()


def test_an_edit_that_moves_tags_and_districts_moves_the_counts(outcomes):
    service = make_service(located=[WORTHING], outcomes=outcomes[:1], phone="01903 000000")
    edited = ServicePage.objects.get(pk=service.pk)
    edited.outcomes.set(OutcomeTag.objects.filter(code=outcomes[2]))
    edited.districts_served.set(DistrictTag.objects.filter(code__in=[CRAWLEY]))
    edited.phone = ""
    edited.save_revision().publish()
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert matrix.cell(WORTHING, outcomes[0]).reaching == 0
    assert matrix.cell(WORTHING, outcomes[2]).located == 1
    assert matrix.cell(CRAWLEY, outcomes[2]).outreach == 1
    assert quality.missing_facts_counts()["no_contact"] == 1
    assert_figures_true()


def test_a_bulk_import_is_counted_service_by_service(area):
    OrganisationPageFactory(title="Acorn Family Trust")
    import_services_csv(
        csv_bytes(
            row(),
            row(**{"service name": "Acorn baby group", "location name": "Crawley Library", "postcode": "RH10 1HR"}),
        ),
        publish=True,
    )
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert matrix.services == 2
    assert matrix.cell(WORTHING, "ws-best-start").located == 1 and matrix.cell(CRAWLEY, "ws-best-start").located == 1
    assert_figures_true()


def test_a_restriction_and_a_move_are_followed(outcomes):
    service = make_service(located=[ARUN], outcomes=outcomes[:1])
    restriction = PageViewRestriction.objects.create(page=service.get_parent(), restriction_type="login")
    assert reaching(ARUN) == 0
    restriction.delete()
    assert reaching(ARUN) == 1
    elsewhere = OrganisationPageFactory(title="Another provider")
    ServicePage.objects.get(pk=service.pk).move(elsewhere, pos="last-child")
    providers = {title: total for title, total, _, _ in quality.freshness_by_provider()}
    assert providers == {"Another provider": 1}
    assert_figures_true()


def test_each_new_search_is_counted_at_once_and_a_forgotten_one_taken_away(area):
    period = default_period()
    assert demand.demand(period).total == 0
    record_search(ServiceQuery(text="Autism"), 3)
    record_search(ServiceQuery(text="portage"), 0)
    found = demand.demand(period)
    assert (found.total, found.zero) == (2, 1)
    assert found.zero_words == [("portage", "", 1)]
    SearchLogEntry.objects.filter(text="portage").delete()
    found = demand.demand(period)
    assert (found.total, found.zero, found.zero_words) == (1, 0, [])
    assert_figures_true()


def test_searches_are_counted_on_the_local_day_they_were_made(area):
    # 23:30 UTC on a summer day is already the next day in London: the period's own days decide.
    late = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False):
        record_search(ServiceQuery(text="autism"), 1)
    assert SearchCount.objects.get().day == timezone.localdate(late) == datetime.date(2026, 7, 2)


def test_the_rebuild_command_counts_what_bypassed_the_signals(outcomes):
    make_service(located=[WORTHING], outcomes=outcomes[:1])
    SearchLogEntry.objects.bulk_create([SearchLogEntry(text="autism", district_code=WORTHING, result_count=1)] * 6)
    CountedService.objects.all().delete()  # as after restoring an older backup of these tables
    assert reaching(WORTHING) == 0
    call_command("rebuild_insight", stdout=io.StringIO())
    assert reaching(WORTHING) == 1
    assert demand.demand(default_period()).total == 6


def test_a_cells_listing_shows_when_each_service_was_last_checked(client, outcomes, commissioner):
    service = make_service(located=[WORTHING], outcomes=outcomes[:1], last_reviewed=datetime.date(2026, 3, 4))
    client.force_login(commissioner)
    response = client.get(f"/admin/insight/cell/?district={WORTHING}&term={outcomes[0]}&reach=located")
    assert [listed.pk for listed in response.context["page_obj"]] == [service.pk]
    assert "4 Mar 2026" in response.content.decode()
