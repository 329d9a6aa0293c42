"""Keeping the index current: which services are published, which backends are kept, and the signals."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import PageViewRestriction

from directory.factories import OrganisationPageFactory, ServicePageFactory
from search import indexing
from search.backends.database import DatabaseSearchBackend
from search.models import ServiceLocationRow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_only(settings):
    """Only the database index, even where ELASTICSEARCH_URL is set; tests that want more say so."""
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_BACKEND_NAME = ""


def _indexed(service_id):
    return ServiceLocationRow.objects.filter(service_id=service_id).exists()


class Failing:
    name = "failing"

    def index(self, service):
        raise RuntimeError("index down")

    def remove(self, service_id):
        raise RuntimeError("index down")


# --- what is published -------------------------------------------------------------


def test_live_services_are_published():
    service = ServicePageFactory()
    assert list(indexing.published_services()) == [service]


def test_drafts_are_not_published():
    ServicePageFactory(live=False)
    assert not indexing.published_services().exists()


def test_services_behind_a_login_are_not_published():
    service = ServicePageFactory()
    PageViewRestriction.objects.create(page=service, restriction_type=PageViewRestriction.LOGIN)
    assert not indexing.published_services().exists()


# --- which backends are kept -------------------------------------------------------


@override_settings(ELASTICSEARCH_URL="", SEARCH_BACKEND_NAME="")
def test_without_elasticsearch_only_the_database_index_is_kept():
    assert [backend.name for backend in indexing.backends()] == ["database"]


WITH_ELASTICSEARCH = {
    "default": {"BACKEND": "search.backends.fallback", "PRIMARY": "elasticsearch", "FALLBACK": "database"},
    "database": {"BACKEND": "search.backends.database"},
    "elasticsearch": {"BACKEND": "search.backends.elasticsearch"},
}


@override_settings(ELASTICSEARCH_URL="http://127.0.0.1:9", SEARCH_BACKEND_NAME="", SEARCH_BACKENDS=WITH_ELASTICSEARCH)
def test_with_elasticsearch_the_database_index_is_kept_too_as_its_fallback():
    assert [backend.name for backend in indexing.backends()] == ["elasticsearch", "database"]


# --- updating one service ----------------------------------------------------------


def test_updating_a_published_service_indexes_it():
    service = ServicePageFactory()
    indexing.update_service(service)
    assert _indexed(service.pk)


def test_updating_a_service_no_longer_published_removes_it():
    service = ServicePageFactory()
    indexing.update_service(service)
    service.live = False
    service.save()
    indexing.update_service(service)
    assert not _indexed(service.pk)


def test_a_failing_index_does_not_stop_the_others(monkeypatch):
    monkeypatch.setattr(indexing, "backends", lambda: [Failing(), DatabaseSearchBackend()])
    service = ServicePageFactory()
    indexing.update_service(service)
    assert _indexed(service.pk)


def test_a_failing_index_is_logged(monkeypatch, search_log):
    monkeypatch.setattr(indexing, "backends", lambda: [Failing()])
    service = ServicePageFactory()
    indexing.update_service(service)
    assert f"Could not update the failing search index for service {service.pk}" in search_log.text


def test_a_failing_removal_is_logged_not_raised(monkeypatch, search_log):
    monkeypatch.setattr(indexing, "backends", lambda: [Failing()])
    indexing.remove_service(42)
    assert "Could not remove service 42 from the failing search index" in search_log.text


def test_publishing_with_elasticsearch_unreachable_still_indexes_the_database(closed_port_url, search_log):
    service = ServicePageFactory(live=False)
    with override_settings(
        ELASTICSEARCH_URL=closed_port_url, SEARCH_BACKEND_NAME="", SEARCH_BACKENDS=WITH_ELASTICSEARCH
    ):
        service.save_revision().publish()
    assert _indexed(service.pk)
    assert f"Could not index service {service.pk} in Elasticsearch" in search_log.text


# --- the signals -------------------------------------------------------------------


@pytest.fixture
def updates(monkeypatch):
    calls = []
    monkeypatch.setattr(indexing, "update_service", lambda page: calls.append(page.pk))
    return calls


def test_saving_a_draft_does_not_touch_the_index(updates):
    service = ServicePageFactory()
    service.title = "A new name"
    service.save_revision()
    assert updates == []


def test_a_plain_save_does_not_touch_the_index(updates):
    service = ServicePageFactory()
    service.save()
    assert updates == []


def test_publishing_a_service_updates_it_once(updates):
    service = ServicePageFactory(live=False)
    service.save_revision().publish()
    assert updates == [service.pk]


def test_unpublishing_a_service_updates_it(updates):
    service = ServicePageFactory()
    service.unpublish()
    assert updates == [service.pk]


def test_publishing_an_organisation_updates_each_of_its_services(updates):
    organisation = OrganisationPageFactory()
    services = [ServicePageFactory(parent=organisation) for _ in range(2)]
    organisation.save_revision().publish()
    assert sorted(updates) == sorted(service.pk for service in services)


def test_an_organisation_renamed_and_published_renames_its_services_cards():
    organisation = OrganisationPageFactory(title="Old Trust")
    service = ServicePageFactory(parent=organisation)
    indexing.update_service(service)
    organisation.title = "New Trust"
    organisation.save_revision().publish()
    assert set(ServiceLocationRow.objects.filter(service_id=service.pk).values_list("organisation", flat=True)) == {
        "New Trust"
    }


def test_deleting_a_service_removes_it():
    service = ServicePageFactory()
    indexing.update_service(service)
    service.delete()
    assert not _indexed(service.pk)


def test_deleting_an_organisation_removes_its_services():
    organisation = OrganisationPageFactory()
    service = ServicePageFactory(parent=organisation)
    indexing.update_service(service)
    organisation.delete()
    assert not _indexed(service.pk)


def test_moving_a_service_updates_its_address():
    service = ServicePageFactory(slug="kestrel-club")
    indexing.update_service(service)
    service.move(OrganisationPageFactory(slug="new-trust"), pos="last-child")
    (url,) = set(ServiceLocationRow.objects.filter(service_id=service.pk).values_list("url", flat=True))
    assert url.endswith("/new-trust/kestrel-club/")


# --- rebuilding --------------------------------------------------------------------


def test_rebuilding_indexes_every_published_service_and_no_draft():
    published = ServicePageFactory()
    draft = ServicePageFactory(live=False)
    assert indexing.rebuild_all() == {"database": 1}
    assert (_indexed(published.pk), _indexed(draft.pk)) == (True, False)


def test_rebuilding_drops_services_no_longer_published():
    service = ServicePageFactory()
    indexing.update_service(service)
    service.live = False
    service.save()
    indexing.rebuild_all()
    assert not _indexed(service.pk)


def test_the_rebuild_command_says_how_many_it_indexed():
    ServicePageFactory()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue() == "database: indexed 1 published services.\n"
