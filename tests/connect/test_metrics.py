"""Counts for commissioners: per service and district, with no personal data."""

import datetime

import pytest
from django.utils import timezone

from connect.metrics import request_counts
from connect.models import ContactRequest

pytestmark = pytest.mark.django_db


def make(service, name="Jordan Example"):
    contact_request, _ = ContactRequest.start(service=service, name=name, contact_method="phone", help_wanted="x")
    return contact_request


def test_counts_per_service_and_district_without_personal_data(service_a, service_b):
    sent_at = timezone.now() - datetime.timedelta(hours=10)
    accepted, declined, _waiting = make(service_a), make(service_a), make(service_a)
    ContactRequest.objects.filter(pk__in=[accepted.pk, declined.pk]).update(created_at=sent_at)
    accepted.refresh_from_db()
    declined.refresh_from_db()
    accepted.respond(ContactRequest.Status.ACCEPTED, now=sent_at + datetime.timedelta(hours=4))
    accepted.respond(ContactRequest.Status.CLOSED, now=sent_at + datetime.timedelta(hours=9))
    declined.respond(ContactRequest.Status.DECLINED, "Full", now=sent_at + datetime.timedelta(hours=6))
    make(service_b)

    counts = request_counts()
    by_service = {row["service"]: row for row in counts["services"]}
    acorn = by_service[service_a.title]
    assert (acorn["sent"], acorn["accepted"], acorn["declined"], acorn["answered"]) == (3, 1, 1, 2)
    assert acorn["median_hours_to_first_response"] == 5.0
    assert by_service[service_b.title]["median_hours_to_first_response"] is None
    # Both test services are in Worthing (the factory's location).
    worthing = {row["district"]: row for row in counts["districts"]}["Worthing"]
    assert worthing["sent"] == 4
    assert "Jordan" not in str(counts)
    assert accepted.reference not in str(counts)
