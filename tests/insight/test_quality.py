"""Freshness and quality: listings checked recently, listings missing facts, reports and time to resolve."""

import datetime

import pytest
from django.utils import timezone

from directory.factories import ScheduleFactory
from directory.models import ServicePage
from insight import quality
from insight.periods import default_period
from signposting.models import ListingReport
from tests.insight.test_coverage import ADUR, WORTHING, make_service


@pytest.fixture
def listings(area):
    today = timezone.localdate()
    complete = make_service(located=[WORTHING], phone="01903 000000", min_age=0, max_age=5)
    ScheduleFactory(service=complete)
    complete.save_revision().publish()  # its opening times go live, as an editor's would
    make_service(located=[WORTHING], last_reviewed=today - datetime.timedelta(days=250), opening_times_note="Mon 9-5")
    make_service(
        located=[], served=[], in_person=False, online=True, last_reviewed=today - datetime.timedelta(days=500)
    )
    make_service(located=[ADUR], website="https://example.org", last_reviewed=today - datetime.timedelta(days=20))


def independent_missing():
    counts = {"no_contact": 0, "no_opening_times": 0, "no_age_range": 0, "no_place": 0, "any": 0}
    for service in ServicePage.objects.live().public():
        missing = {
            "no_contact": not (service.phone or service.email or service.website),
            "no_opening_times": not service.schedules.filter(kind="open").exists() and not service.opening_times_note,
            "no_age_range": service.min_age is None and service.max_age is None,
            "no_place": not service.locations.exists() and not service.districts_served.exists(),
        }
        for key, value in missing.items():
            counts[key] += value
        counts["any"] += any(missing.values())
    return counts


@pytest.mark.django_db
def test_missing_facts_agree_with_a_service_by_service_count(listings):
    counts = quality.missing_facts_counts()
    assert {key: counts[key] for key in independent_missing()} == independent_missing()
    assert counts["no_place"] == 1 and counts["any"] == 3
    listed = quality.listings_missing_facts()
    assert len(listed) == 3
    assert all(missing for _, _, missing in listed)


@pytest.mark.django_db
def test_freshness_is_counted_per_district_and_provider(listings):
    by_district = quality.freshness_by_district()
    assert by_district[WORTHING] == (2, 1, 2)
    assert by_district[ADUR] == (1, 1, 1)
    overall = quality.overall_freshness()
    assert (overall["total"], overall["six"], overall["twelve"]) == (4, 2, 3)
    providers = quality.freshness_by_provider()
    assert sum(row[1] for row in providers) == 4
    assert providers[0][3] == 0  # the least checked provider comes first


@pytest.mark.django_db
def test_reports_count_open_and_resolved_with_median_days(area):
    service = make_service(located=[WORTHING])
    now = timezone.now()
    for days in (1, 2, 3, 4, 10):
        report = ListingReport.objects.create(
            service=service, reason="other", created_at=now - datetime.timedelta(days=20)
        )
        report.status = ListingReport.Status.FIXED
        report.resolved_at = report.created_at + datetime.timedelta(days=days)
        report.save()
    ListingReport.objects.create(service=service, reason="closed")
    found = quality.reports(default_period())
    assert (found["total"], found["open"], found["resolved"], found["median_days"]) == (6, 1, 5, 3.0)
