"""Specifications for "Report a problem with a listing": anonymous, stored, providers and the team told."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from directory.providers.access import DIRECTORY_TEAM, give_provider_access
from signposting.models import ListingReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(django_user_model, organisation):
    user = django_user_model.objects.create_user("provider", "provider@sunflower.example", "pw")
    give_provider_access(user, organisation)
    return user


@pytest.fixture
def team_member(django_user_model, area):
    user = django_user_model.objects.create_user("team", "team@council.example", "pw")
    user.groups.add(Group.objects.get_or_create(name=DIRECTORY_TEAM)[0])
    return user


def url(service):
    return f"/report-a-problem/{service.pk}/"


def test_the_form_asks_what_is_wrong_and_nothing_about_you(client, service):
    form = client.get(url(service)).context["form"]

    assert set(form.fields) == {"reason", "details", "nickname"}


def test_a_report_is_stored_for_the_directory_team(client, service):
    response = client.post(url(service), {"reason": "closed", "details": "Closed in June."})

    assert response.status_code == 302
    report = ListingReport.objects.get()
    assert (report.service_id, report.reason, report.details, report.status) == (
        service.pk,
        "closed",
        "Closed in June.",
        ListingReport.Status.NEW,
    )


def test_a_report_keeps_no_address_of_the_sender():
    names = {field.name for field in ListingReport._meta.get_fields()}

    assert names == {"id", "service", "reason", "details", "created_at", "status", "resolved_at", "needs_check"}


def test_a_report_emails_the_services_providers(client, service, provider):
    client.post(url(service), {"reason": "wrong_contact"})

    assert [message.to for message in mail.outbox] == [["provider@sunflower.example"]]
    assert "Little Steps Parenting Group" in mail.outbox[0].subject


def test_a_report_emails_the_directory_team(client, service, team_member):
    client.post(url(service), {"reason": "out_of_date"})

    assert [message.to for message in mail.outbox] == [["team@council.example"]]


def test_the_email_says_what_is_wrong_and_links_to_the_listing(client, service, provider):
    client.post(url(service), {"reason": "closed", "details": "Closed in June."})

    body = mail.outbox[0].body
    assert "The service has closed" in body
    assert "Closed in June." in body
    assert f"/admin/pages/{service.pk}/edit/" in body


def test_providers_of_other_organisations_are_not_told(client, service, django_user_model, area):
    from directory.factories import OrganisationPageFactory

    stranger = django_user_model.objects.create_user("other", "other@elsewhere.example", "pw")
    give_provider_access(stranger, OrganisationPageFactory())

    client.post(url(service), {"reason": "closed"})

    assert all("other@elsewhere.example" not in message.to for message in mail.outbox)


def test_choosing_no_reason_is_an_error_naming_the_field(client, service):
    response = client.post(url(service), {})

    assert response.status_code == 400
    assert "Select what is wrong with this listing" in response.content.decode()
    assert '<a href="#id_reason_0">' in response.content.decode()
    assert not ListingReport.objects.exists()


def test_too_many_details_is_an_error(client, service):
    response = client.post(url(service), {"reason": "other", "details": "x" * 1001})

    assert response.status_code == 400
    assert "Details must be 1000 characters or fewer" in response.content.decode()


def test_a_filled_honeypot_is_thanked_and_thrown_away(client, service):
    response = client.post(url(service), {"reason": "closed", "nickname": "spammy"})

    assert response.status_code == 302
    assert not ListingReport.objects.exists()
    assert not mail.outbox


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, service):
    page = client.get(url(service)).content.decode()

    assert '<div class="eh-honeypot" hidden>' in page


def test_a_report_about_an_unpublished_service_is_not_found(client, service):
    service.unpublish()

    assert client.get(url(service)).status_code == 404


def test_the_form_is_protected_by_a_csrf_token(service):
    response = Client(enforce_csrf_checks=True).post(url(service), {"reason": "closed"})

    assert response.status_code == 403
    assert not ListingReport.objects.exists()


def test_the_thanks_page_links_back_to_the_service(client, service):
    response = client.get(f"/report-a-problem/{service.pk}/thanks/")

    assert service.url in response.content.decode()
