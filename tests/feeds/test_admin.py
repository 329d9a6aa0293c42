"""Specifications for the feeds admin: Run now for the team only, owned fields read-only, a clear address error."""

import pytest
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset

from directory.exchange import oruk_import
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.feeds.models import Feed, FeedRun
from directory.feeds.sync import sync_feed
from directory.models import ServicePage
from directory.providers.access import give_provider_access
from tests.feeds.conftest import feed_service
from tests.people import make_user
from tests.providers.forms_data import service_edit_data


@pytest.fixture
def provider(feed, team):
    user = make_user("pat")
    give_provider_access(user, OrganisationPageFactory(title="Pat's charity"))
    return user


def add_feed(client, **changes):
    """The team's "add a feed" form, sent filled in as for a county's feed; `changes` alter fields ("" empties)."""
    fields = {
        "name": "County",
        "url": "https://county.example.org/api/services",
        "publisher": "County Council",
        "organisations": "feed",
        "publishing": "moderate",
        "every_hours": "6",
        "next_due": "2026-01-01 09:00",
        "active": "on",
        **changes,
    }
    return client.post(reverse("feeds:add"), {name: value for name, value in fields.items() if value != ""})


def test_run_now_runs_the_feed_for_the_directory_team(client, feed, feed_server, team_member):
    feed_server.serve([feed_service(1)])
    client.force_login(team_member)
    response = client.post(reverse("feeds_admin:run_now", args=[feed.pk]))
    assert response.status_code == 302
    feed_run = FeedRun.objects.get()
    assert feed_run.succeeded and feed_run.trigger == FeedRun.Trigger.ADMIN and feed_run.triggered_by == team_member
    report = client.get(response["Location"]).content.decode()
    assert "Services in the feed" in report and "Run now" in report


def test_run_now_is_refused_to_a_provider_and_to_a_get(client, feed, feed_server, provider, team_member):
    feed_server.serve([feed_service(1)])
    client.force_login(provider)
    response = client.post(reverse("feeds_admin:run_now", args=[feed.pk]))
    assert response.status_code in (302, 403) and not FeedRun.objects.exists()
    assert client.get(reverse("feeds_admin:report", args=[feed.pk])).status_code in (302, 403)
    assert client.get(reverse("feeds:index")).status_code in (302, 403)
    client.force_login(team_member)
    assert client.get(reverse("feeds_admin:run_now", args=[feed.pk])).status_code == 405
    assert not FeedRun.objects.exists() and feed_server.requests == []


def test_feed_owned_fields_are_read_only_in_the_edit_form(client, feed, feed_server, team_member):
    feed_server.serve([feed_service(1)])
    sync_feed(feed)
    service = ServicePage.objects.get()
    client.force_login(team_member)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk])).context["form"]
    assert form.fields["summary"].disabled and form.fields["title"].disabled
    assert "This comes from the Seaside Council feed; change it there." in form.fields["phone"].help_text
    assert not form.fields["accepts_requests"].disabled  # the directory's own

    client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]),
        service_edit_data(service, action="publish", summary="Changed locally", accessibility="Step-free"),
    )
    latest = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    assert latest.summary == service.summary and latest.accessibility == "Step-free"


def test_a_feeds_locations_cannot_be_changed_added_or_deleted_locally(client, feed, feed_server, team_member):
    feed_server.serve([feed_service(1)])
    sync_feed(feed)
    service = ServicePage.objects.get()
    location = service.locations.get()
    client.force_login(team_member)
    rows = [
        {"id": location.pk, "name": "Renamed here", "postcode": "BN11 1HS", "DELETE": "on"},
        {"name": "A new place", "postcode": "BN11 1HS"},
    ]
    client.post(
        reverse("wagtailadmin_pages:edit", args=[service.pk]),
        service_edit_data(service, action="publish", locations=inline_formset(rows, initial=1)),
    )
    latest = ServicePage.objects.get(pk=service.pk).get_latest_revision_as_object()
    assert [(place.name, place.postcode) for place in latest.locations.all()] == [("Bognor Library", "PO21 1DP")]


def test_a_local_service_keeps_every_field_editable(client, area, team_member):
    service = ServicePageFactory(parent=OrganisationPageFactory())
    client.force_login(team_member)
    form = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk])).context["form"]
    assert not any(field.disabled for field in form.fields.values())


@pytest.mark.parametrize("address", ["not an address", "ftp://example.org/services", "https://"])
def test_a_bad_feed_address_is_a_clear_field_error(client, area, team_member, address):
    client.force_login(team_member)
    response = add_feed(client, url=address)
    assert response.status_code == 200 and not Feed.objects.exists()
    errors = response.context["form"].errors["url"]
    assert errors == [
        "Enter the feed's full web address, starting with https:// (or http://), for example https://example.org/api/services."
    ]


def test_the_team_adds_a_feed_in_the_admin(client, area, team_member):
    client.force_login(team_member)
    response = add_feed(client)
    assert response.status_code == 302, response.context["form"].errors
    assert Feed.objects.get().every_hours == 6


def test_one_organisation_needs_that_organisation(client, area, team_member):
    client.force_login(team_member)
    response = add_feed(client, organisations="one", active="")
    assert "organisation" in response.context["form"].errors


def test_a_moderated_feed_sends_its_services_to_the_team(feed, feed_server, team):
    feed.publishing = Feed.Publishing.MODERATE
    feed.save()
    feed_server.serve([feed_service(1)])
    sync_feed(feed)
    service = ServicePage.objects.get()
    assert not service.live and service.workflow_in_progress
    revisions = Revision.objects.count()
    assert sync_feed(feed).unchanged == 1 and Revision.objects.count() == revisions


def test_one_organisation_takes_every_service(feed, feed_server):
    ours = OrganisationPageFactory(title="Our umbrella", phone="01243 000000", website="https://umbrella.example.org")
    feed.organisations, feed.organisation = Feed.Organisations.ONE, ours
    feed.save()
    feed_server.serve([feed_service(1), feed_service(2)])
    assert sync_feed(feed).succeeded
    assert {service.get_parent().pk for service in ServicePage.objects.all()} == {ours.pk}
    assert sync_feed(feed).unchanged == 2
    ours.refresh_from_db()
    assert (ours.phone, ours.website) == ("01243 000000", "https://umbrella.example.org")  # ours, untouched


def test_a_running_feed_says_in_its_report_how_far_it_has_got(client, feed, feed_server, team_member, monkeypatch):
    monkeypatch.setattr(oruk_import, "PROGRESS_EVERY_SECONDS", 0)
    feed_server.serve([feed_service(n) for n in range(3)])
    client.force_login(team_member)
    seen = []

    def look(pages, done):
        run = FeedRun.objects.get()
        report = client.get(reverse("feeds_admin:report", args=[feed.pk])).content.decode()
        seen.append((run.finished_at, run.pages, run.services_in, "Running now" in report))

    sync_feed(feed, progress=look)
    assert seen and all(finished is None and running for finished, *_, running in seen)
    assert seen[-1][1:3] == (1, 3)
    assert "Running now" not in client.get(reverse("feeds_admin:report", args=[feed.pk])).content.decode()
