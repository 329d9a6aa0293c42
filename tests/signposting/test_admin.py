"""Specifications for the directory team's admin views of reports and suggestions."""

import pytest
from django.contrib.auth.models import Group

from directory.providers.access import ensure_directory_team, give_provider_access
from signposting.models import ListingReport
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client(client, django_user_model, area):
    user = django_user_model.objects.create_user("team", "team@council.example", "pw")
    ensure_directory_team()
    user.groups.add(Group.objects.get(name="Directory team"))
    client.force_login(user)
    return client


@pytest.fixture
def report(service):
    return ListingReport.objects.create(service=service, reason="closed", details="Closed in June.")


def test_the_team_sees_reports_listed(team_client, report):
    response = team_client.get("/admin/listing_reports/")

    assert response.status_code == 200
    assert "Little Steps Parenting Group" in response.content.decode()


def test_the_team_marks_a_report_fixed(team_client, report):
    response = team_client.post(f"/admin/listing_reports/edit/{report.pk}/", {"status": "fixed"})

    report.refresh_from_db()
    assert response.status_code == 302
    assert report.status == ListingReport.Status.FIXED
    assert report.resolved_at is not None


def test_marking_fixed_cannot_change_what_was_reported(team_client, report):
    team_client.post(f"/admin/listing_reports/edit/{report.pk}/", {"status": "fixed", "details": "changed"})

    report.refresh_from_db()
    assert report.details == "Closed in June."


def test_nobody_adds_a_report_in_the_admin(team_client):
    response = team_client.get("/admin/listing_reports/new/")

    assert_refused(response)


def test_the_team_sees_suggestions_listed(team_client, area):
    team_client.post("/suggest-a-service/", {"name": "Dads Group", "summary": "For dads.", "phone": "01243 000000"})

    response = team_client.get("/admin/service_suggestions/")

    assert "Dads Group" in response.content.decode()


def test_a_provider_cannot_see_the_reports(client, django_user_model, organisation, report):
    user = django_user_model.objects.create_user("provider", "p@example.org", "pw")
    give_provider_access(user, organisation)
    client.force_login(user)

    response = client.get("/admin/listing_reports/")

    assert_refused(response)
