"""The audit trail (who opened, answered, exported, deleted which reference) and deletion after the retention period."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from connect import audit
from connect.models import ContactRequest
from connect.retention import purge

pytestmark = pytest.mark.django_db


def entries(contact_request, action=None):
    logs = ModelLogEntry.objects.filter(object_id=str(contact_request.pk), content_type__model="contactrequest")
    return logs.filter(action=action) if action else logs


def test_each_opening_is_logged_with_the_user(client, provider_a, request_a):
    client.force_login(provider_a)
    client.get(reverse("connect_admin:request", args=[request_a.pk]))
    client.get(reverse("connect_admin:request", args=[request_a.pk]))
    opened = entries(request_a, audit.VIEWED)
    assert opened.count() == 2
    assert {entry.user_id for entry in opened} == {provider_a.pk}


def test_the_directory_teams_openings_are_logged_too(client, moderator, request_a):
    client.force_login(moderator)
    client.get(reverse("connect_admin:request", args=[request_a.pk]))
    assert entries(request_a, audit.VIEWED).get().user == moderator


def test_answers_and_exports_are_logged(client, provider_a, moderator, request_a):
    client.force_login(provider_a)
    client.post(reverse("connect_admin:request", args=[request_a.pk]), {"action": "accept"})
    client.force_login(moderator)
    client.post(reverse("connect_admin:subject_access"), {"reference": request_a.reference})
    assert entries(request_a, audit.ACCEPTED).get().user == provider_a
    assert entries(request_a, audit.EXPORTED).get().user == moderator


def test_log_entries_name_the_reference_and_never_the_person(client, provider_a, request_a):
    client.force_login(provider_a)
    client.get(reverse("connect_admin:request", args=[request_a.pk]))
    for entry in entries(request_a):
        assert entry.label == request_a.reference
        assert "Jordan" not in str(entry.data)


def test_another_organisations_refused_opening_changes_nothing(client, provider_b, request_a):
    client.force_login(provider_b)
    client.get(reverse("connect_admin:request", args=[request_a.pk]))
    assert not entries(request_a, audit.VIEWED).exists()
    request_a.refresh_from_db()
    assert request_a.status == ContactRequest.Status.SENT


# --- Retention ------------------------------------------------------------------------------


def close(contact_request, days_ago):
    contact_request.respond(ContactRequest.Status.CLOSED, now=timezone.now() - datetime.timedelta(days=days_ago))


def test_purge_deletes_requests_closed_longer_ago_than_the_retention_period(service_a, request_a, settings):
    settings.CONNECT_RETENTION_DAYS = 90
    keep, _ = ContactRequest.start(service=service_a, name="Keep", contact_method="phone", help_wanted="x")
    still_open, _ = ContactRequest.start(service=service_a, name="Open", contact_method="phone", help_wanted="x")
    close(request_a, days_ago=91)
    close(keep, days_ago=89)
    assert purge() == 1
    assert set(ContactRequest.objects.values_list("pk", flat=True)) == {keep.pk, still_open.pk}
    assert entries(request_a, audit.PURGED).exists()


def test_purge_counts_declined_requests_as_finished(request_a):
    request_a.respond(ContactRequest.Status.DECLINED, "Full", now=timezone.now() - datetime.timedelta(days=100))
    assert purge() == 1


def test_purge_never_deletes_an_open_request_however_old(service_a):
    old, _ = ContactRequest.start(service=service_a, name="Old", contact_method="phone", help_wanted="x")
    ContactRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert purge() == 0


def test_purge_requests_prints_its_count_last_and_is_idempotent(request_a):
    close(request_a, days_ago=200)
    first, second = io.StringIO(), io.StringIO()
    call_command("purge_requests", stdout=first)
    call_command("purge_requests", stdout=second)
    assert first.getvalue().strip().splitlines()[-1] == "1"
    assert second.getvalue().strip().splitlines()[-1] == "0"
