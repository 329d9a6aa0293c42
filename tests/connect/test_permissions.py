"""The inbox: each organisation opens only its own services' requests; the directory team opens all, audited."""

import pytest
from django.urls import reverse

from connect.models import ContactRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_b(service_b):
    contact_request, _ = ContactRequest.start(
        service=service_b, name="Riley Sample", contact_method="email", email="riley@example.net", help_wanted="Clubs"
    )
    return contact_request


def detail(contact_request):
    return reverse("connect_admin:request", args=[contact_request.pk])


@pytest.mark.parametrize(
    ("who", "own", "other"),
    [
        ("provider_a", "request_a", "request_b"),
        ("provider_b", "request_b", "request_a"),
    ],
)
def test_a_provider_opens_its_own_requests_and_gets_404_for_the_other_organisations(client, request, who, own, other):
    client.force_login(request.getfixturevalue(who))
    own_request, other_request = request.getfixturevalue(own), request.getfixturevalue(other)
    assert client.get(detail(own_request)).status_code == 200
    response = client.get(detail(other_request))
    assert response.status_code == 404
    assert other_request.name not in response.content.decode()


def test_a_provider_cannot_answer_another_organisations_request(client, provider_a, request_b):
    client.force_login(provider_a)
    response = client.post(detail(request_b), {"action": "accept"})
    assert response.status_code == 404
    request_b.refresh_from_db()
    assert request_b.status == ContactRequest.Status.SENT


def test_the_inbox_lists_only_the_organisations_own_requests_and_no_names(client, provider_a, request_a, request_b):
    client.force_login(provider_a)
    page = client.get(reverse("connect_admin:inbox")).content.decode()
    assert request_a.reference in page
    assert request_b.reference not in page
    assert "Jordan" not in page


def test_the_directory_team_opens_every_request(client, moderator, request_a, request_b):
    client.force_login(moderator)
    assert client.get(detail(request_a)).status_code == 200
    assert client.get(detail(request_b)).status_code == 200


def test_a_partner_professional_has_no_inbox(client, professional, request_a):
    client.force_login(professional)
    assert client.get(reverse("connect_admin:inbox")).status_code in (302, 403)
    assert client.get(detail(request_a)).status_code in (302, 403)


def test_signed_out_visitors_have_no_inbox(client, request_a):
    response = client.get(detail(request_a))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_opening_a_request_marks_it_seen(client, provider_a, request_a):
    client.force_login(provider_a)
    client.get(detail(request_a))
    request_a.refresh_from_db()
    assert request_a.status == ContactRequest.Status.SEEN
    assert request_a.seen_at is not None


def test_the_provider_accepts_then_closes(client, provider_a, request_a):
    client.force_login(provider_a)
    client.post(detail(request_a), {"action": "accept"})
    request_a.refresh_from_db()
    assert request_a.status == ContactRequest.Status.ACCEPTED
    client.post(detail(request_a), {"action": "close"})
    request_a.refresh_from_db()
    assert request_a.status == ContactRequest.Status.CLOSED
    assert request_a.finished_at is not None


def test_declining_needs_a_reason_the_family_will_see(client, provider_a, request_a):
    client.force_login(provider_a)
    assert client.post(detail(request_a), {"action": "decline"}).status_code == 400
    request_a.refresh_from_db()
    assert request_a.status == ContactRequest.Status.SENT
    client.post(detail(request_a), {"action": "decline", "reason": "We are full until March."})
    request_a.refresh_from_db()
    assert request_a.status == ContactRequest.Status.DECLINED
    assert request_a.decline_reason == "We are full until March."


def test_an_unknown_action_is_not_found(client, provider_a, request_a):
    client.force_login(provider_a)
    assert client.post(detail(request_a), {"action": "delete"}).status_code == 404


def test_the_dashboard_panel_counts_the_organisations_requests(client, provider_a, request_a, request_b):
    client.force_login(provider_a)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 new request" in page


def test_only_the_directory_team_may_export(client, provider_a, moderator, request_a):
    url = reverse("connect_admin:subject_access")
    client.force_login(provider_a)
    assert client.post(url, {"reference": request_a.reference}).status_code in (302, 403)
    client.force_login(moderator)
    response = client.post(url, {"email": "", "phone": "07400 123456", "reference": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = response.content.decode("utf-8-sig")
    assert "Jordan Example" in content
    assert request_a.reference in content


def test_an_export_with_nothing_to_find_by_says_so(client, moderator):
    client.force_login(moderator)
    response = client.post(reverse("connect_admin:subject_access"), {})
    assert response.status_code == 400
    assert "Enter a reference, an email address or a phone number" in response.content.decode()


def test_an_export_cell_that_looks_like_a_formula_is_neutralised(client, moderator, service_a):
    contact_request, _ = ContactRequest.start(
        service=service_a, name="=HYPERLINK(1)", contact_method="phone", phone="+447400123456", help_wanted="x"
    )
    client.force_login(moderator)
    content = client.post(
        reverse("connect_admin:subject_access"), {"reference": contact_request.reference}
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in content


def test_the_subject_access_page_opens_for_the_team(client, moderator):
    client.force_login(moderator)
    assert client.get(reverse("connect_admin:subject_access")).status_code == 200
