"""Reports close the loop: the team sees status and its history; a provider sees and fixes only their own."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory.providers.listings import open_report_counts
from signposting.models import ListingReport
from signposting.report_status import history, open_reports_for
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db

Status = ListingReport.Status


def report_on(service, **fields):
    fields.setdefault("details", "New phone number.")
    return ListingReport.objects.create(service=service, reason="out_of_date", **fields)


def edit(client, report, **data):
    return client.post(reverse("listing_reports:edit", args=[report.pk]), {"status": report.status, **data})


# --- The team: status and history --------------------------------------------------------------


def test_a_new_report_is_new(service_a):
    assert report_on(service_a).status == Status.NEW


def test_each_status_change_is_in_the_history_with_who_and_when(moderator_client, moderator, service_a):
    report = report_on(service_a)
    edit(moderator_client, report, status=Status.WITH_PROVIDER)
    edit(moderator_client, report, status=Status.REJECTED)
    report.refresh_from_db()

    changes = [entry for entry in history(report) if entry.action.startswith("signposting.report.")]
    assert [(entry.action, entry.user, entry.data) for entry in changes] == [
        ("signposting.report.with_provider", moderator, {"from": "new", "to": "with_provider"}),
        ("signposting.report.rejected", moderator, {"from": "with_provider", "to": "rejected"}),
    ]
    assert all(entry.timestamp for entry in changes)
    assert report.resolved_at is not None


def test_saving_without_a_status_change_adds_no_status_entry(moderator_client, service_a):
    report = report_on(service_a)
    edit(moderator_client, report)
    assert not ModelLogEntry.objects.filter(action__startswith="signposting.report.").exists()


def test_the_teams_history_page_shows_the_changes(moderator_client, service_a):
    report = report_on(service_a)
    edit(moderator_client, report, status=Status.FIXED)
    page = moderator_client.get(reverse("listing_reports:history", args=[report.pk])).content.decode()
    assert "Report marked fixed" in page
    assert "Mo" in page


def test_reopening_a_report_clears_when_it_closed(moderator_client, service_a):
    report = report_on(service_a, status=Status.FIXED)
    assert report.resolved_at is not None
    edit(moderator_client, report, status=Status.WITH_PROVIDER)
    report.refresh_from_db()
    assert report.resolved_at is None


# --- The provider: only their own, and "Mark fixed" ------------------------------------------


def test_a_provider_sees_reports_on_their_own_listings_only(client_a, service_a, service_b):
    report_on(service_a, details="About Acorn.")
    report_on(service_b, details="About Beacon.")
    page = client_a.get(reverse("provider_reports:index")).content.decode()
    assert "About Acorn." in page
    assert "About Beacon." not in page


def test_a_provider_marks_a_report_fixed_and_the_team_is_asked_to_check(client_a, provider_a, moderator, service_a):
    report = report_on(service_a, status=Status.WITH_PROVIDER)
    mail.outbox.clear()
    response = client_a.post(reverse("provider_reports:mark_fixed", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.FIXED
    assert report.needs_check, "marking fixed prompts the team's check"
    [entry] = [entry for entry in history(report) if entry.action == "signposting.report.fixed"]
    assert entry.user == provider_a
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert service_a.title in mail.outbox[0].subject


def test_the_team_sees_the_listings_to_check_and_ticks_them_off(
    moderator_client, moderator, client, provider_a, service_a
):
    report = report_on(service_a)
    client.force_login(provider_a)
    client.post(reverse("provider_reports:mark_fixed", args=[report.pk]))
    client.force_login(moderator)
    listed = client.get(reverse("listing_reports:index"), {"needs_check": "true"}).content.decode()
    assert service_a.title in listed
    edit(client, ListingReport.objects.get(), needs_check="")
    report.refresh_from_db()
    assert not report.needs_check
    assert [entry.user for entry in history(report) if entry.action == "signposting.report.checked"] == [moderator]


def test_a_provider_cannot_mark_another_organisations_report_fixed(client_a, service_b):
    report = report_on(service_b)
    response = client_a.post(reverse("provider_reports:mark_fixed", args=[report.pk]), follow=True)
    assert response.status_code == 200
    assert "not about one of your listings" in response.content.decode()
    report.refresh_from_db()
    assert (report.status, report.needs_check) == (Status.NEW, False)


def test_a_closed_report_cannot_be_marked_fixed_again(client_a, service_a):
    report = report_on(service_a, status=Status.REJECTED)
    client_a.post(reverse("provider_reports:mark_fixed", args=[report.pk]))
    report.refresh_from_db()
    assert (report.status, report.needs_check) == (Status.REJECTED, False)


def test_a_provider_still_cannot_open_the_teams_report_list_or_change_a_status(client_a, service_a):
    report = report_on(service_a)
    assert_refused(client_a.get(reverse("listing_reports:index")))
    assert_refused(edit(client_a, report, status=Status.REJECTED))
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_someone_without_listings_cannot_see_the_providers_screen(client, django_user_model, team):
    nobody = django_user_model.objects.create_user("nobody", "nobody@example.org", "pw-long-enough-1")
    client.force_login(nobody)
    assert_refused(client.get(reverse("provider_reports:index")))


def test_the_providers_menu_shows_their_reports(client_a):
    assert '"name": "reports-about-your-listings"' in client_a.get(reverse("wagtailadmin_home")).content.decode()


# --- Counting open reports (for the dashboard) -------------------------------------------------


def test_open_reports_for_a_provider_are_new_or_with_them_on_their_own_listings(provider_a, service_a, service_b):
    new = report_on(service_a)
    with_them = report_on(service_a, status=Status.WITH_PROVIDER)
    report_on(service_a, status=Status.FIXED)
    report_on(service_a, status=Status.REJECTED)
    report_on(service_b)
    assert set(open_reports_for(provider_a)) == {new, with_them}


def test_open_reports_for_the_team_are_every_open_one(moderator, service_a, service_b):
    report_on(service_a)
    report_on(service_b, status=Status.WITH_PROVIDER)
    report_on(service_b, status=Status.FIXED)
    assert open_reports_for(moderator).count() == 2


def test_the_dashboard_count_includes_reports_with_the_provider(service_a):
    report_on(service_a)
    report_on(service_a, status=Status.WITH_PROVIDER)
    report_on(service_a, status=Status.FIXED)
    assert open_report_counts([service_a.pk]) == {service_a.pk: 2}
