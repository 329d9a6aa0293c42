"""The admin dashboard: a provider's own services with status, last check and open reports; the team's to-do."""

import datetime

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from directory.providers.listings import STATUS_DRAFT, STATUS_IN_MODERATION, STATUS_LIVE, listing_status
from tests.providers.forms_data import service_edit_data

pytestmark = pytest.mark.django_db


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_provider_dashboard_lists_their_services_and_not_others(client_a, service_a, service_b):
    content = dashboard(client_a)
    assert "Your services" in content
    assert service_a.title in content
    assert service_b.title not in content


def test_provider_dashboard_shows_when_each_service_was_last_checked(client_a, service_a):
    service_a.last_reviewed = datetime.date(2025, 3, 4)
    service_a.save_revision().publish()
    assert "4 Mar 2025" in dashboard(client_a)


def test_status_follows_the_listing_through_moderation(client_a, service_a):
    assert listing_status(service_a) == STATUS_LIVE
    client_a.post(
        reverse("wagtailadmin_pages:edit", args=[service_a.pk]),
        service_edit_data(service_a, action="submit", summary="Changed"),
    )
    service_a.refresh_from_db()
    assert listing_status(service_a) == STATUS_IN_MODERATION
    assert str(STATUS_IN_MODERATION) in dashboard(client_a)


def test_an_unpublished_service_shows_as_draft(service_a):
    service_a.live = False
    service_a.save()
    assert listing_status(service_a) == STATUS_DRAFT


def test_a_due_service_offers_still_correct_on_the_dashboard(client_a, service_a):
    service_a.last_reviewed = timezone.localdate() - datetime.timedelta(days=200)
    service_a.save_revision().publish()
    assert reverse("providers_admin:still_correct", args=[service_a.pk]) in dashboard(client_a)


def test_open_public_reports_are_counted_per_service(client_a, service_a):
    ListingReport = apps.get_model("signposting", "ListingReport")
    ListingReport.objects.create(service=service_a, reason="out_of_date")
    ListingReport.objects.create(service=service_a, reason="closed", status="resolved")
    content = dashboard(client_a)
    assert "Open reports from the public" in content
    # The "Your services" table (the "What needs doing" panel above it lists the report too).
    table = content[content.index('id="provider-services-section"') :]
    row = table[table.index(service_a.title) :]
    row = row[: row.index("</tr>")]
    assert "<td>1</td>" in row


def test_directory_team_dashboard_counts_listings_to_check(moderator_client, service_a):
    service_a.last_reviewed = timezone.localdate() - datetime.timedelta(days=400)
    service_a.save_revision().publish()
    content = dashboard(moderator_client)
    assert "1 listing is due a check" in content
    assert "Your services" not in content


def test_directory_team_sees_the_providers_menu(moderator_client):
    content = dashboard(moderator_client)
    assert '"name": "invite-a-provider"' in content
    assert '"name": "import-services"' in content


def test_providers_do_not_see_the_providers_menu(client_a):
    content = dashboard(client_a)
    assert '"name": "invite-a-provider"' not in content
    assert '"name": "providers"' not in content


def test_the_back_office_sends_no_providers_email_hash_to_gravatar(client_a):
    assert "gravatar" not in dashboard(client_a)
