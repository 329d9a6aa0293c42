"""Bad input to the public forms: a clear message, never a 500, never a leak, nothing stored from a refused form."""

import pytest
from django.urls import reverse

from connect.models import ContactRequest

pytestmark = pytest.mark.django_db


def post(client, service, data):
    return client.post(reverse("connect:ask", args=[service.pk]), data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your name"),
        ({"name": "x" * 101}, "Name must be 100 characters or fewer"),
        ({"help_wanted": "y" * 1001}, "must be 1000 characters or fewer"),
        ({"phone": "12345"}, "Enter a phone number, like"),
        ({"phone": "07700 900982"}, "Enter a phone number, like"),  # Ofcom's drama range: not a real number
        ({"phone": "call me maybe"}, "Enter a phone number, like"),
        ({"phone": ""}, "Enter a phone number so the service can call or text you"),
        ({"contact_method": "email", "email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"contact_method": "email"}, "Enter an email address so the service can email you"),
        ({"contact_method": "pigeon"}, "Select a valid choice"),
        ({"consent_to_share": ""}, "Tick the box to agree"),
        ({"safe_to_leave_message": ""}, "Select yes if it is safe to leave a message"),
    ],
)
def test_refused_forms_say_why_and_store_nothing(client, service_a, family_data, changes, message):
    family_data.update(changes)
    family_data = {key: value for key, value in family_data.items() if value != ""}
    response = post(client, service_a, family_data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not ContactRequest.objects.exists()


def test_a_script_is_stored_as_text_and_shown_escaped_to_the_provider(client, service_a, provider_a, family_data):
    family_data["help_wanted"] = "<script>alert('x')</script> please call"
    assert post(client, service_a, family_data).status_code == 302
    contact_request = ContactRequest.objects.get()
    client.force_login(provider_a)
    page = client.get(reverse("connect_admin:request", args=[contact_request.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_control_characters_are_dropped(client, service_a, family_data):
    family_data["name"] = "Jordan\x1b\x07 Example"
    post(client, service_a, family_data)
    assert ContactRequest.objects.get().name == "Jordan Example"


def test_the_honeypot_looks_like_success_and_stores_nothing(client, service_a, family_data):
    family_data["nickname"] = "bot"
    response = post(client, service_a, family_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("connect:spam_sent")
    assert not ContactRequest.objects.exists()


def test_more_than_five_posts_in_ten_minutes_get_a_polite_429(client, service_a, family_data):
    for _ in range(5):
        post(client, service_a, family_data)
    response = post(client, service_a, family_data)
    assert response.status_code == 429
    assert "You have sent a lot of forms" in response.content.decode()
    assert ContactRequest.objects.count() == 5


def test_an_unknown_service_is_not_found(client, area, family_data):
    assert client.post(reverse("connect:ask", args=[999999]), family_data).status_code == 404
    assert not ContactRequest.objects.exists()


def test_a_status_link_with_a_reference_in_lower_case_still_works(client, service_a, family_data):
    location = post(client, service_a, family_data)["Location"]
    reference = ContactRequest.objects.get().reference
    assert client.get(location.replace(reference, reference.lower())).status_code == 200


def test_a_null_character_is_refused_politely(client, service_a, family_data):
    family_data["name"] = "Jordan\x00"
    response = post(client, service_a, family_data)
    assert response.status_code == 400
    assert not ContactRequest.objects.exists()
