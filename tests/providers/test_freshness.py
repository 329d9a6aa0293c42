"""Freshness: "Still correct", reminders once per due date, and the "Listings to check" report."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from directory.factories import ServicePageFactory
from directory.models import ServicePage
from directory.providers.freshness import (
    STILL_CORRECT_ACTION,
    _latest_reviewed_date_due,
    confirm_still_correct,
    services_due_for_review,
    stale_services,
)
from directory.providers.models import ReviewReminder
from tests.providers.forms_data import service_edit_data
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def make_old(service, last_reviewed):
    """Set the review date the way an old listing has it: on the live row and its live revision."""
    service.last_reviewed = last_reviewed
    service.save_revision().publish()
    service.refresh_from_db()
    return service


def still_correct_url(service):
    return reverse("providers_admin:still_correct", args=[service.pk])


def run_reminders():
    out = __import__("io").StringIO()
    call_command("send_review_reminders", stdout=out)
    return out.getvalue().strip().splitlines()


# --- The due-date arithmetic ----------------------------------------------------------


@pytest.mark.parametrize(
    "today,months",
    [
        (datetime.date(2025, 2, 28), 6),  # 31 August + 6 months clips to 28 February
        (datetime.date(2024, 2, 29), 12),
        (datetime.date(2025, 3, 31), 1),
        (datetime.date(2025, 7, 15), 6),
    ],
)
def test_due_cutoff_agrees_with_the_models_review_due(today, months):
    from dateutil.relativedelta import relativedelta

    cutoff = _latest_reviewed_date_due(months, today)
    assert cutoff + relativedelta(months=months) <= today
    assert (cutoff + datetime.timedelta(days=1)) + relativedelta(months=months) > today


def test_services_due_for_review_uses_each_services_own_interval(service_a, service_b):
    make_old(service_a, days_ago(100))  # interval 6 months: not due
    service_b.review_interval_months = 3
    make_old(service_b, days_ago(100))  # interval 3 months: due
    assert list(services_due_for_review()) == [service_b.page_ptr.specific]


def test_stale_services_are_those_over_twelve_months(service_a, service_b):
    make_old(service_a, days_ago(400))
    make_old(service_b, days_ago(200))
    assert [service.pk for service in stale_services()] == [service_a.pk]
    service_a.refresh_from_db()
    assert service_a.is_stale


def test_stale_begins_the_day_after_twelve_months(service_a, service_b):
    today = datetime.date(2026, 3, 15)
    make_old(service_a, datetime.date(2025, 3, 15))  # twelve months ago today: due, not yet stale
    make_old(service_b, datetime.date(2025, 3, 14))  # a day more: stale
    assert [service.pk for service in stale_services(today=today)] == [service_b.pk]
    assert [service.pk for service in stale_services(today=today + datetime.timedelta(days=1))] == sorted(
        [service_a.pk, service_b.pk]
    )


def test_stale_services_look_only_inside_the_queryset_given(service_a, service_b):
    make_old(service_a, days_ago(400))
    make_old(service_b, days_ago(400))
    only_b = stale_services(queryset=ServicePage.objects.filter(pk=service_b.pk))
    assert [service.pk for service in only_b] == [service_b.pk]


# --- "Still correct" -------------------------------------------------------------------


def test_still_correct_sets_last_checked_to_today(client_a, service_a):
    make_old(service_a, days_ago(200))
    response = client_a.post(still_correct_url(service_a))
    assert response.status_code == 302
    service_a.refresh_from_db()
    assert service_a.last_reviewed == timezone.localdate()


def test_still_correct_asks_for_confirmation_first(client_a, service_a):
    make_old(service_a, days_ago(200))
    response = client_a.get(still_correct_url(service_a))
    assert response.status_code == 200
    service_a.refresh_from_db()
    assert service_a.last_reviewed == days_ago(200)


def test_still_correct_keeps_the_live_revision_in_step_with_the_page(provider_a, service_a):
    make_old(service_a, days_ago(200))
    confirm_still_correct(service_a, provider_a)
    service_a.refresh_from_db()
    assert service_a.live_revision.as_object().last_reviewed == timezone.localdate()
    assert not service_a.has_unpublished_changes


def test_still_correct_changes_nothing_but_the_date(provider_a, service_a):
    make_old(service_a, days_ago(200))
    before = service_a.live_revision.content
    confirm_still_correct(service_a, provider_a)
    service_a.refresh_from_db()
    after = service_a.live_revision.content
    # Wagtail's own bookkeeping (revision ids, publish times) changes on every publish; content must not.
    bookkeeping = {field.name for field in Page._meta.get_fields()} - {
        "title",
        "slug",
        "seo_title",
        "search_description",
    }
    changed = {key for key in before if before[key] != after.get(key)} - bookkeeping
    assert changed == {"last_reviewed"}


def test_still_correct_leaves_changes_in_moderation_waiting(client_a, provider_a, service_a):
    make_old(service_a, days_ago(200))
    client_a.post(
        reverse("wagtailadmin_pages:edit", args=[service_a.pk]),
        service_edit_data(service_a, action="submit", summary="A change for the team to check"),
    )
    confirm_still_correct(service_a, provider_a)
    service_a.refresh_from_db()
    assert service_a.summary != "A change for the team to check"  # still not live
    assert service_a.workflow_in_progress
    assert service_a.last_reviewed == timezone.localdate()
    # Approving the waiting change later keeps today's date rather than bringing the old one back.
    assert service_a.get_latest_revision_as_object().last_reviewed == timezone.localdate()


def test_still_correct_on_a_draft_never_published_dates_the_draft(provider_a, org_a):
    draft = ServicePageFactory(parent=org_a, title="Draft club", live=False, last_reviewed=days_ago(30))
    draft.save_revision()
    assert draft.live_revision is None

    confirm_still_correct(draft, provider_a)
    draft.refresh_from_db()
    assert draft.last_reviewed == timezone.localdate()
    assert draft.get_latest_revision_as_object().last_reviewed == timezone.localdate()


def test_still_correct_is_recorded_in_the_history_with_the_provider(client_a, provider_a, service_a):
    client_a.post(still_correct_url(service_a))
    assert PageLogEntry.objects.filter(page=service_a, action=STILL_CORRECT_ACTION, user=provider_a).exists()


def test_provider_cannot_mark_another_organisations_service_still_correct(client_a, service_b):
    make_old(service_b, days_ago(200))
    response = client_a.post(still_correct_url(service_b))
    assert_refused(response)
    service_b.refresh_from_db()
    assert service_b.last_reviewed == days_ago(200)


def test_still_correct_button_is_on_the_service_editor(client_a, service_a):
    response = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk]))
    assert still_correct_url(service_a) in response.content.decode()


# --- Reminders -------------------------------------------------------------------------


def test_reminders_email_the_providers_of_due_services(provider_a, service_a):
    make_old(service_a, days_ago(200))
    lines = run_reminders()
    assert lines[-1].startswith("1 ")
    assert [message.to for message in mail.outbox] == [[provider_a.email]]
    assert service_a.title in mail.outbox[0].body


def test_running_reminders_twice_sends_nothing_the_second_time(provider_a, service_a):
    make_old(service_a, days_ago(200))
    run_reminders()
    mail.outbox.clear()
    lines = run_reminders()
    assert lines[-1].startswith("0 ")
    assert mail.outbox == []


def test_a_new_due_date_is_reminded_again(provider_a, service_a):
    make_old(service_a, days_ago(400))
    run_reminders()
    make_old(service_a, days_ago(200))  # checked since, and due again
    mail.outbox.clear()
    run_reminders()
    assert len(mail.outbox) == 1
    assert ReviewReminder.objects.filter(service=service_a).count() == 2


def test_reminders_skip_services_that_are_not_due(provider_a, service_a):
    lines = run_reminders()
    assert lines[-1].startswith("0 ")
    assert mail.outbox == []


def test_reminders_go_only_to_the_services_own_organisation(provider_a, provider_b, service_a, service_b):
    make_old(service_a, days_ago(200))
    run_reminders()
    assert [message.to for message in mail.outbox] == [[provider_a.email]]


def test_a_service_with_nobody_to_remind_is_reminded_once_someone_has_access(org_a, service_a, team):
    from directory.providers.access import give_provider_access
    from tests.people import make_user

    make_old(service_a, days_ago(200))
    assert run_reminders()[-1].startswith("0 ")
    give_provider_access(make_user("newcomer"), org_a)
    assert run_reminders()[-1].startswith("1 ")


# --- Listings to check ------------------------------------------------------------------


def test_listings_to_check_report_lists_a_stale_service_with_its_organisation(moderator_client, service_a, service_b):
    make_old(service_a, days_ago(400))
    response = moderator_client.get(reverse("providers_admin:listings_to_check"))
    content = response.content.decode()
    assert response.status_code == 200
    assert service_a.title in content
    assert "Acorn Family Trust" in content
    assert "Says it may be out of date" in content
    assert service_b.title not in content  # checked today


def test_listings_to_check_report_lists_services_due_but_not_yet_stale(moderator_client, service_a):
    make_old(service_a, days_ago(200))
    content = moderator_client.get(reverse("providers_admin:listings_to_check")).content.decode()
    assert service_a.title in content
    assert "Says it may be out of date" not in content


def test_listings_to_check_shows_a_provider_only_their_own(client_a, service_a, service_b):
    make_old(service_a, days_ago(400))
    make_old(service_b, days_ago(400))
    content = client_a.get(reverse("providers_admin:listings_to_check")).content.decode()
    assert service_a.title in content
    assert service_b.title not in content


def test_listings_to_check_is_in_the_reports_menu(moderator_client):
    content = moderator_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"name": "listings-to-check"' in content


def test_a_stale_service_stays_published(service_a):
    make_old(service_a, days_ago(800))
    run_reminders()
    service_a.refresh_from_db()
    assert service_a.live


def test_a_stale_service_is_flagged_for_the_public_page(service_a):
    service = make_old(ServicePageFactory(parent=service_a.get_parent()), days_ago(370))
    assert service.is_stale
