"""Messages through GOV.UK Notify (a local stand-in server): the right template, and no personal data to providers."""

import pytest
from django.core import mail
from django.urls import reverse

from connect.models import ContactRequest
from tests.connect.conftest import TEMPLATE_IDS

pytestmark = pytest.mark.django_db


def ask(client, service, data):
    return client.post(reverse("connect:ask", args=[service.pk]), data)


def test_a_new_request_sends_the_new_request_template_with_only_the_inbox_link(
    client, service_a, provider_a, family_data, notify
):
    ask(client, service_a, family_data)
    assert len(notify.received) == 1
    sent = notify.received[0]
    assert sent["path"] == "/v2/notifications/email"
    assert sent["json"]["template_id"] == TEMPLATE_IDS["connect_new_request"]
    assert sent["json"]["email_address"] == provider_a.email
    assert set(sent["json"]["personalisation"]) == {"inbox_url"}
    assert sent["authorization"].startswith("Bearer ")
    body = str(sent["json"])
    for detail in ("Jordan", "7400123456", "argue", service_a.title):
        assert detail not in body
    assert not mail.outbox  # Notify chosen: nothing through Django's email


def test_the_family_is_texted_their_reference_when_they_ask(client, service_a, provider_a, family_data, notify):
    family_data.update(contact_method="text", send_updates="on")
    ask(client, service_a, family_data)
    texts = [sent for sent in notify.received if sent["path"] == "/v2/notifications/sms"]
    assert len(texts) == 1
    assert texts[0]["json"]["template_id"] == TEMPLATE_IDS["connect_request_sent_sms"]
    assert texts[0]["json"]["phone_number"] == "+447400123456"
    personalisation = texts[0]["json"]["personalisation"]
    assert personalisation["reference"] == ContactRequest.objects.get().reference
    assert "Jordan" not in str(personalisation)
    assert "argue" not in str(personalisation)


def test_a_decision_nudges_the_family_with_the_reference_only(client, service_a, provider_a, family_data, notify):
    family_data.update(contact_method="email", email="jordan@example.net", send_updates="on")
    ask(client, service_a, family_data)
    contact_request = ContactRequest.objects.get()
    client.force_login(provider_a)
    client.post(
        reverse("connect_admin:request", args=[contact_request.pk]),
        {"action": "decline", "reason": "We are full; Jordan should try Beacon."},
    )
    update = notify.received[-1]
    assert update["json"]["template_id"] == TEMPLATE_IDS["connect_request_updated_email"]
    assert update["json"]["personalisation"] == {"reference": contact_request.reference}


def test_a_notify_outage_does_not_lose_the_request_or_show_an_error(
    client, service_a, provider_a, family_data, settings
):
    settings.NOTIFY_API_KEY = "test-00000000-0000-0000-0000-000000000001-00000000-0000-0000-0000-000000000002"
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.NOTIFY_TEMPLATE_IDS = TEMPLATE_IDS
    assert ask(client, service_a, family_data).status_code == 302
    assert ContactRequest.objects.count() == 1


def test_without_notify_text_messages_are_not_sent_and_email_goes_through_django(
    client, service_a, provider_a, family_data
):
    family_data.update(contact_method="text", send_updates="on")
    assert ask(client, service_a, family_data).status_code == 302
    assert [message.to for message in mail.outbox] == [[provider_a.email]]


def test_a_template_refuses_personalisation_it_does_not_declare():
    from connect.messages import NEW_REQUEST
    from sitewide import notifications

    with pytest.raises(ValueError, match="does not take"):
        notifications.send(NEW_REQUEST, "someone@example.org", {"inbox_url": "x", "name": "Jordan"})
