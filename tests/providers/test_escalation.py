"""Review reminders escalate: before, on and after the due date, each stage once per cycle, copying more people."""

import datetime
import io
import logging

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageLogEntry

from directory.factories import ServicePageFactory
from directory.providers import escalation
from directory.providers.access import give_provider_access
from directory.providers.escalation import ReminderSchedule, mark_undeliverable, schedule_for_area
from directory.providers.freshness import confirm_still_correct
from directory.providers.models import ReminderStage, ReviewReminder
from directory.providers.overdue import overdue_after_reminders
from directory.providers.reminders import REMINDER_SENT_ACTION
from tests.people import make_user
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db

LAST_CHECKED = datetime.date(2026, 1, 15)
DUE = datetime.date(2026, 7, 15)  # six months on: the factories' default interval


def day(offset):
    return DUE + datetime.timedelta(days=offset)


def run_on(date):
    """Run the command on `date`; returns the addresses emailed, sorted."""
    mail.outbox.clear()
    out = io.StringIO()
    with time_machine.travel(datetime.datetime.combine(date, datetime.time(7, 0)), tick=False):
        call_command("send_review_reminders", stdout=out)
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def carol(org_a, team):
    user = make_user("carol", first_name="Carol")
    give_provider_access(user, org_a)
    return user


@pytest.fixture
def listing(service_a, provider_a, carol):
    """Acorn's service, looked after by Alice (its owner), with Carol as her colleague; last checked LAST_CHECKED."""
    service_a.owner = provider_a
    service_a.last_reviewed = LAST_CHECKED
    service_a.save_revision().publish()
    service_a.refresh_from_db()
    assert service_a.review_due == DUE
    return service_a


# --- The schedule ---------------------------------------------------------------------------


def test_default_schedule_is_two_weeks_either_side():
    assert ReminderSchedule() == ReminderSchedule(before_days=14, after_days=14)


def test_each_area_profile_sets_its_own_days():
    assert schedule_for_area("west-sussex") == ReminderSchedule(14, 14)
    assert schedule_for_area("lancashire") == ReminderSchedule(21, 7)
    assert schedule_for_area("essex") == ReminderSchedule(14, 28)


@pytest.mark.parametrize("configured", [None, {}, {"before_days": -3, "after_days": "soon"}, "weekly", [14]])
def test_an_area_without_sensible_days_gets_the_default(monkeypatch, configured):
    monkeypatch.setattr(escalation, "read_area", lambda slug: {"review_reminders": configured})
    assert schedule_for_area("anywhere") == ReminderSchedule()


def test_stage_reached_on_each_day():
    schedule = ReminderSchedule(14, 14)
    assert schedule.stage_reached(DUE, day(-15)) is None
    assert schedule.stage_reached(DUE, day(-14)) == ReminderStage.BEFORE
    assert schedule.stage_reached(DUE, day(-1)) == ReminderStage.BEFORE
    assert schedule.stage_reached(DUE, DUE) == ReminderStage.DUE
    assert schedule.stage_reached(DUE, day(13)) == ReminderStage.DUE
    assert schedule.stage_reached(DUE, day(14)) == ReminderStage.AFTER


# --- Each stage once ----------------------------------------------------------------------


def test_each_stage_goes_once_over_daily_runs(listing, provider_a):
    sent_on = {}
    for offset in range(-20, 40):
        addresses = run_on(day(offset))
        if addresses:
            sent_on[offset] = addresses
    assert list(sent_on) == [-14, 0, 14]
    stages = ReviewReminder.objects.filter(service=listing, due_date=DUE).values_list("stage", flat=True)
    assert sorted(stages) == [ReminderStage.BEFORE, ReminderStage.DUE, ReminderStage.AFTER]


def test_running_twice_on_the_same_day_sends_nothing_more(listing):
    assert run_on(DUE)
    assert run_on(DUE) == []


def test_nothing_is_sent_before_the_first_stage(listing):
    assert run_on(day(-15)) == []
    assert not ReviewReminder.objects.exists()


def test_the_first_stage_goes_to_the_person_who_looks_after_the_listing(listing, provider_a):
    assert run_on(day(-14)) == [provider_a.email]
    assert "due a check soon" in mail.outbox[0].subject
    assert listing.title in mail.outbox[0].body
    assert reverse("providers_review:close_service", args=[listing.pk]) in mail.outbox[0].body


def test_the_second_stage_copies_the_organisations_other_users(listing, provider_a, carol, provider_b, moderator):
    run_on(day(-14))
    assert run_on(DUE) == sorted([provider_a.email, carol.email])
    assert all("today" in message.subject for message in mail.outbox)
    carols = next(message for message in mail.outbox if message.to == [carol.email])
    assert "copied" in carols.body


def test_the_third_stage_copies_the_directory_team(listing, provider_a, carol, provider_b, moderator):
    run_on(day(-14))
    run_on(DUE)
    assert run_on(day(14)) == sorted([provider_a.email, carol.email, moderator.email])
    teams = next(message for message in mail.outbox if message.to == [moderator.email])
    assert "overdue" in teams.subject
    assert "directory team" in teams.body


def test_a_listing_nobody_looks_after_in_particular_reminds_everyone_at_the_organisation(service_a, provider_a, carol):
    service_a.last_reviewed = LAST_CHECKED
    service_a.save_revision().publish()  # no owner, saved by no one
    assert run_on(day(-14)) == sorted([provider_a.email, carol.email])


def test_a_listing_first_seen_long_overdue_gets_only_the_last_stage(listing, provider_a, carol, moderator):
    assert run_on(day(30)) == sorted([provider_a.email, carol.email, moderator.email])
    assert list(ReviewReminder.objects.values_list("stage", flat=True)) == [ReminderStage.AFTER]
    assert run_on(day(31)) == []


def test_each_area_uses_its_own_days(listing, provider_a):
    with override_settings(EARLYHELP_AREA="lancashire"):  # 21 days before, 7 after
        assert run_on(day(-22)) == []
        assert run_on(day(-21)) == [provider_a.email]
        assert run_on(day(6)) != []  # the due-date stage, on the day or the first run after it
        assert run_on(day(7)) != []
        assert run_on(day(8)) == []


def test_a_new_check_starts_the_stages_again(listing, provider_a):
    for offset in (-14, 0, 14):
        run_on(day(offset))
    with time_machine.travel(datetime.datetime.combine(day(20), datetime.time(9)), tick=False):
        confirm_still_correct(listing, provider_a)
    listing.refresh_from_db()
    next_due = listing.review_due
    assert next_due == datetime.date(2027, 2, 4)
    assert run_on(day(40)) == []
    assert run_on(next_due - datetime.timedelta(days=14)) == [provider_a.email]


def test_each_stage_is_in_the_listings_history(listing, provider_a):
    run_on(day(-14))
    entry = PageLogEntry.objects.get(page=listing, action=REMINDER_SENT_ACTION)
    assert entry.data == {"stage": 1, "sent": 1, "skipped": 0}
    assert "before the check is due" in entry.message


# --- People who cannot be reached -----------------------------------------------------------


def test_inactive_users_are_skipped_and_logged(listing, provider_a, carol, caplog):
    carol.is_active = False
    carol.save()
    with caplog.at_level(logging.INFO, logger="earlyhelp.reminders"):
        assert run_on(DUE) == [provider_a.email]
    assert f"user {carol.pk}: inactive" in caplog.text
    entry = PageLogEntry.objects.get(page=listing, action=REMINDER_SENT_ACTION)
    assert entry.data["skipped"] == 1


def test_a_deleted_keeper_leaves_the_reminder_to_the_colleagues(listing, provider_a, carol):
    provider_a.delete()
    assert run_on(day(-14)) == [carol.email]


def test_an_inactive_keeper_leaves_the_reminder_to_the_colleagues(listing, provider_a, carol):
    provider_a.is_active = False
    provider_a.save()
    assert run_on(day(-14)) == [carol.email]


def test_an_undeliverable_address_is_skipped(listing, provider_a, carol):
    mark_undeliverable(provider_a.email.upper(), "permanent-failure")
    assert run_on(DUE) == [carol.email]


def test_mark_undeliverable_command_refuses_what_is_not_an_email():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Not an email address"):
        call_command("mark_undeliverable", "not-an-address", stdout=io.StringIO())


def test_a_user_without_an_email_address_is_skipped(listing, provider_a, carol):
    carol.email = ""
    carol.save()
    assert run_on(DUE) == [provider_a.email]


def test_a_stage_nobody_could_be_told_about_is_not_recorded(listing, provider_a, carol):
    for person in (provider_a, carol):
        mark_undeliverable(person.email)
    assert run_on(day(-14)) == []
    assert not ReviewReminder.objects.exists()


def test_a_failed_send_is_tried_again_on_the_next_run(listing, provider_a, monkeypatch):
    from directory.providers import reminders

    monkeypatch.setattr(reminders.notifications, "send", lambda *args, **kwargs: False)
    run_on(day(-14))
    assert not ReviewReminder.objects.exists()
    monkeypatch.undo()
    assert run_on(day(-13)) == [provider_a.email]


def test_one_organisation_failing_does_not_stop_the_others(listing, provider_a, service_b, provider_b, monkeypatch):
    service_b.last_reviewed = LAST_CHECKED
    service_b.save_revision().publish()
    real = escalation.organisation_people

    def broken_for_acorn(organisation):
        if organisation.pk == listing.get_parent().pk:
            raise RuntimeError("database hiccup")
        return real(organisation)

    monkeypatch.setattr(escalation, "organisation_people", broken_for_acorn)
    assert run_on(day(-14)) == [provider_b.email]
    monkeypatch.undo()
    assert run_on(day(-14)) == [provider_a.email]


def test_a_draft_service_is_not_reminded(org_a, provider_a):
    draft = ServicePageFactory(parent=org_a, title="Not yet live", slug="draft", live=False)
    draft.last_reviewed = LAST_CHECKED
    draft.save()
    assert run_on(DUE) == []


# --- Overdue after reminders ----------------------------------------------------------------


def test_overdue_after_the_last_stage_is_reported(listing):
    for offset in (-14, 0):
        run_on(day(offset))
    assert not overdue_after_reminders(day(13)).exists()
    run_on(day(14))
    assert list(overdue_after_reminders(day(14))) == [listing]


def test_a_checked_listing_leaves_the_overdue_report(listing, provider_a):
    run_on(day(14))
    confirm_still_correct(listing, provider_a, today=day(15))
    assert not overdue_after_reminders(day(15)).exists()


def test_overdue_report_page_lists_the_listing_for_the_team(listing, moderator_client):
    run_on(day(14))
    with time_machine.travel(datetime.datetime.combine(day(16), datetime.time(9)), tick=False):
        response = moderator_client.get(reverse("providers_review:overdue"))
    content = response.content.decode()
    assert response.status_code == 200
    assert listing.title in content
    assert "Acorn Family Trust" in content


def test_overdue_report_is_not_for_providers(client_a):
    assert_refused(client_a.get(reverse("providers_review:overdue")))
