"""A partner professional refers a family, with the family's consent recorded (who, when, how) and the reason."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from connect.models import ContactRequest

pytestmark = pytest.mark.django_db


def refer_url(service):
    return reverse("connect:refer", args=[service.pk])


def test_signed_out_visitors_are_sent_to_sign_in_first(client, service_a):
    response = client.get(refer_url(service_a))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_a_signed_in_user_who_is_not_a_partner_professional_cannot_refer(client, service_a, provider_b, referral_data):
    client.force_login(provider_b)
    response = client.post(refer_url(service_a), referral_data)
    assert response.status_code == 403
    assert not ContactRequest.objects.exists()


def test_a_partner_professional_refers_with_consent_recorded(client, service_a, professional, referral_data):
    client.force_login(professional)
    response = client.post(refer_url(service_a), referral_data)
    assert response.status_code == 302
    referral = ContactRequest.objects.get()
    assert referral.kind == ContactRequest.Kind.REFERRAL
    assert referral.referred_by == professional
    assert referral.consent_given_by == "Jordan Example, mother"
    assert referral.consent_date == datetime.date(2026, 12, 1)
    assert referral.consent_method == ContactRequest.ConsentMethod.IN_PERSON
    assert referral.referral_reason.startswith("Mum asked")
    assert referral.professional_phone == "+441903123456"


def test_a_referral_needs_the_familys_consent(client, service_a, professional, referral_data):
    client.force_login(professional)
    del referral_data["consent_to_share"]
    response = client.post(refer_url(service_a), referral_data)
    assert response.status_code == 400
    assert "confirm the family agreed" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_consent_cannot_be_dated_in_the_future(client, service_a, professional, referral_data):
    client.force_login(professional)
    referral_data["consent_date"] = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    assert client.post(refer_url(service_a), referral_data).status_code == 400
    assert not ContactRequest.objects.exists()


def test_a_specialist_service_takes_a_professionals_referral(client, service_a, professional, referral_data):
    from directory.vocabularies import NeedLevelTag

    service_a.need_levels.set([NeedLevelTag.objects.get(level=4)])
    service_a.save()
    client.force_login(professional)
    assert "Refer a family to this service" in client.get(reverse("connect:ask", args=[service_a.pk])).content.decode()
    assert client.post(refer_url(service_a), referral_data).status_code == 302


def test_the_family_can_be_sent_a_copy(client, service_a, professional, referral_data):
    client.force_login(professional)
    referral_data.update(contact_method="email", email="jordan@example.net", send_updates="on")
    client.post(refer_url(service_a), referral_data)
    copies = [message for message in mail.outbox if message.to == ["jordan@example.net"]]
    assert len(copies) == 1
    assert ContactRequest.objects.get().reference in copies[0].body
    assert "Mum asked" not in copies[0].body


def test_a_partner_professional_signs_in_and_comes_back_to_the_form(client, service_a, professional):
    url = refer_url(service_a)
    response = client.post(
        reverse("wagtailadmin_login") + f"?next={url}",
        {"username": "pat", "password": "not-a-real-password-42", "next": url},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert client.get(url).status_code == 200
