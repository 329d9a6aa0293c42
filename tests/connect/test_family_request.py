"""A family asks a service to contact them: the form, the checks, the reference and the status page."""

import pytest
from django.core import mail
from django.urls import reverse

from connect.models import ContactRequest

pytestmark = pytest.mark.django_db


def ask_url(service):
    return reverse("connect:ask", args=[service.pk])


def send(client, service, data):
    return client.post(ask_url(service), data)


def test_service_page_offers_ask_to_be_contacted_when_the_service_accepts_requests(client, service_a):
    response = client.get(service_a.url)
    assert ask_url(service_a) in response.content.decode()


def test_service_page_has_no_ask_link_when_the_service_does_not_accept_requests(client, service_a):
    service_a.accepts_requests = False
    service_a.save()
    assert ask_url(service_a) not in client.get(service_a.url).content.decode()


def test_ask_page_says_it_is_not_for_emergencies_and_shows_the_urgent_help_panel(client, service_a):
    page = client.get(ask_url(service_a)).content.decode()
    assert "This is not for emergencies" in page
    assert 'id="urgent-help-heading"' in page


def test_a_valid_request_is_stored_and_leads_to_its_status_page_with_the_reference(client, service_a, family_data):
    response = send(client, service_a, family_data)
    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.service == service_a
    assert contact_request.status == ContactRequest.Status.SENT
    assert contact_request.phone == "+447400123456"
    assert contact_request.safe_to_leave_message is False
    page = client.get(response["Location"]).content.decode()
    assert contact_request.reference in page
    assert "Request sent" in page


def test_reference_is_eight_unambiguous_characters(client, service_a, family_data):
    send(client, service_a, family_data)
    reference = ContactRequest.objects.get().reference
    assert len(reference) == 8
    assert not set(reference) & set("01ILO")


def test_status_page_shows_the_services_reason_for_declining(client, service_a, family_data):
    location = send(client, service_a, family_data)["Location"]
    contact_request = ContactRequest.objects.get()
    contact_request.respond(ContactRequest.Status.DECLINED, "We only work with under-fives; try the Beacon club.")
    page = client.get(location).content.decode()
    assert "Declined" in page
    assert "We only work with under-fives" in page


def test_status_page_is_not_cached_and_sends_no_referrer(client, service_a, family_data):
    response = client.get(send(client, service_a, family_data)["Location"])
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_forged_secret_is_not_found(client, service_a, family_data):
    send(client, service_a, family_data)
    reference = ContactRequest.objects.get().reference
    response = client.get(reverse("connect:status", args=[reference, "not-the-secret"]))
    assert response.status_code == 404
    assert service_a.title not in response.content.decode()


def test_a_made_up_reference_is_not_found(client, service_a):
    assert client.get(reverse("connect:status", args=["ABCDEFGH", "whatever"])).status_code == 404


def test_the_family_can_delete_their_request_with_the_secret_link(client, service_a, family_data):
    location = send(client, service_a, family_data)["Location"]
    contact_request = ContactRequest.objects.get()
    secret = location.split("/")[-2]
    response = client.post(reverse("connect:delete", args=[contact_request.reference, secret]))
    assert response.status_code == 200
    assert not ContactRequest.objects.exists()
    # The old link now finds nothing.
    assert client.get(location).status_code == 404


def test_delete_with_a_forged_secret_deletes_nothing(client, service_a, family_data):
    send(client, service_a, family_data)
    reference = ContactRequest.objects.get().reference
    assert client.post(reverse("connect:delete", args=[reference, "forged"])).status_code == 404
    assert ContactRequest.objects.count() == 1


def test_the_provider_hears_of_the_request_without_any_of_the_familys_details(
    client, service_a, provider_a, family_data, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://directory.example.org"
    send(client, service_a, family_data)
    assert [message.to for message in mail.outbox] == [[provider_a.email]]
    message = mail.outbox[0]
    text = message.subject + message.body
    assert "You have a new request: open the directory to see it" in text
    assert "https://directory.example.org" + reverse("connect_admin:inbox") in text
    for detail in ("Jordan", "07400", "argue", "Acorn"):
        assert detail not in text


def test_the_family_gets_the_reference_and_link_by_email_only_when_they_ask(client, service_a, family_data):
    family_data.update(contact_method="email", email="jordan@example.net", send_updates="on")
    location = send(client, service_a, family_data)["Location"]
    family_mail = [message for message in mail.outbox if message.to == ["jordan@example.net"]]
    assert len(family_mail) == 1
    assert ContactRequest.objects.get().reference in family_mail[0].body
    assert location.split("?")[0] in family_mail[0].body
    assert "argue" not in family_mail[0].body


def test_no_message_to_the_family_when_they_did_not_ask(client, service_a, family_data):
    family_data.update(contact_method="email", email="jordan@example.net")
    send(client, service_a, family_data)
    assert not [message for message in mail.outbox if message.to == ["jordan@example.net"]]


# --- Services that do not take requests from families ---------------------------------------


def test_a_service_that_does_not_accept_requests_refuses_politely_and_stores_nothing(client, service_a, family_data):
    service_a.accepts_requests = False
    service_a.save()
    response = send(client, service_a, family_data)
    assert response.status_code == 404
    assert "does not take requests here" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_an_unpublished_service_is_not_found(client, service_a, family_data):
    service_a.unpublish()
    assert send(client, service_a, family_data).status_code == 404
    assert not ContactRequest.objects.exists()


def test_a_specialist_service_takes_referrals_only_from_professionals_when_the_area_says_so(
    client, service_a, family_data
):
    from directory.vocabularies import NeedLevelTag

    service_a.need_levels.set([NeedLevelTag.objects.get(level=4)])
    service_a.save()
    response = send(client, service_a, family_data)
    assert response.status_code == 200
    assert "A professional needs to refer you" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_level_two_service_takes_requests_from_families(client, service_a, family_data):
    from directory.vocabularies import NeedLevelTag

    service_a.need_levels.set([NeedLevelTag.objects.get(level=2)])
    service_a.save()
    assert send(client, service_a, family_data).status_code == 302


def test_a_service_set_to_professional_referrals_only_refuses_families(client, service_a, family_data):
    service_a.professional_referrals_only = True
    service_a.save()
    send(client, service_a, family_data)
    assert not ContactRequest.objects.exists()


# --- Danger words ------------------------------------------------------------------------


def test_a_request_mentioning_danger_shows_the_urgent_help_panel_first_and_stores_nothing(
    client, service_a, family_data
):
    family_data["help_wanted"] = "My partner hits me and I am scared."
    response = send(client, service_a, family_data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Before you send this" in page
    assert 'id="urgent-help-heading"' in page
    assert 'name="urgent_help_shown" value="True"' in page
    assert not ContactRequest.objects.exists()


def test_after_the_urgent_help_panel_the_request_can_still_be_sent(client, service_a, family_data):
    family_data.update(help_wanted="My partner hits me and I am scared.", urgent_help_shown="True")
    assert send(client, service_a, family_data).status_code == 302
    assert ContactRequest.objects.count() == 1


def test_the_urgent_help_confirmation_is_sent_with_the_form(client, service_a, family_data):
    family_data["help_wanted"] = "I am not safe at home."
    page = send(client, service_a, family_data).content.decode()
    form = page[page.index('<form method="post"') : page.index("</form>", page.index('<form method="post"'))]
    assert 'name="urgent_help_shown" value="True"' in form
