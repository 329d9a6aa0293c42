"""Specifications for the batched feed import: its pages are Wagtail pages like any other, and each service atomic."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.signals import page_published

from directory.exchange import oruk_bulk
from directory.exchange.oruk_import import import_oruk_source
from directory.models import OrganisationPage, ServicePage
from search import indexing
from search.models import ServiceLocationRow, ServiceText
from tests.exchange.conftest import pages, service
from tests.people import make_user
from tests.providers.forms_data import service_edit_data

SEVEN = [service(n) for n in range(7)]


@pytest.fixture
def imported(feed_server, schemas, area):
    report = import_oruk_source(feed_server.serve_pages(pages(SEVEN, 3)), publish=True)
    assert report.complete and report.created["service"] == 7 and report.refused == 0
    return report


@pytest.fixture
def editor(team):
    user = make_user("ed", is_superuser=True)
    user.groups.add(team)
    return user


def index_rows():
    return (
        sorted(ServiceLocationRow.objects.values_list("service_id", "name", "postcode", "districts", "card")),
        sorted(ServiceText.objects.values_list("service_id", "text")),
    )


def test_bulk_imported_services_are_published_with_a_revision_and_the_import_in_their_history(imported):
    for page in ServicePage.objects.all():
        assert page.live and not page.has_unpublished_changes and page.first_published_at
        assert page.live_revision_id == page.latest_revision_id is not None
        assert page.latest_revision.as_object().title == page.title
        assert page.get_latest_revision_as_object().locations.get().postcode == "PO21 1DP"
        actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
        assert actions == {"wagtail.create", "wagtail.publish"}
        assert page.url_path == f"{page.get_parent().url_path}{page.slug}/"


def test_the_page_tree_is_valid_after_a_bulk_import(imported):
    assert all(not problems for problems in Page.find_problems())
    organisation = OrganisationPage.objects.get()
    assert organisation.numchild == 7 == organisation.get_children().count()
    assert organisation.live and organisation.latest_revision_id


def test_bulk_imported_services_are_indexed_as_a_rebuild_would_index_them(imported):
    assert ServiceText.objects.count() == 7
    after_import = index_rows()
    indexing.rebuild_all()
    assert index_rows() == after_import
    # Wagtail's own index (the admin's page search) and the reference index (a term's usage) know them too.
    assert ServicePage.objects.search("Family service 3").count() >= 1
    assert ReferenceIndex.objects.filter(model_path="locations.item.district").count() == 7


def test_a_bulk_imported_service_can_be_edited_and_republished_in_the_admin(imported, client, editor):
    page = ServicePage.objects.get(title="Family service 2")
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert history.status_code == 200
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        service_edit_data(page, action="publish", summary="Edited after the import"),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.summary == "Edited after the import" and page.live_revision_id == page.latest_revision_id
    assert ServiceText.objects.get(service_id=page.pk).summary == "Edited after the import"
    assert all(not problems for problems in Page.find_problems())


def test_a_record_refused_in_the_middle_of_a_batch_leaves_the_others_written_and_itself_absent(
    feed_server, schemas, area, monkeypatch
):
    full_clean = ServicePage.full_clean

    def refuse_number_three(page, *args, **kwargs):
        if page.title == "Family service 3":
            raise ValidationError({"title": "Not this one."})
        return full_clean(page, *args, **kwargs)

    monkeypatch.setattr(ServicePage, "full_clean", refuse_number_three)
    report = import_oruk_source(feed_server.serve_pages(pages(SEVEN, 7)), publish=True)
    assert report.refused == 1 and report.created["service"] == 6
    assert any("Not this one." in line for line in report.errors)
    assert sorted(ServicePage.objects.values_list("title", flat=True)) == [
        f"Family service {n}" for n in (0, 1, 2, 4, 5, 6)
    ]
    assert not ServiceText.objects.filter(name="Family service 3").exists()
    assert all(not problems for problems in Page.find_problems())


def test_a_batch_whose_inserts_fail_is_saved_one_service_at_a_time(feed_server, schemas, area, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("disk I/O error")

    monkeypatch.setattr(oruk_bulk, "create", fail)
    report = import_oruk_source(feed_server.serve_pages(pages(SEVEN, 3)), publish=True)
    assert report.complete and report.refused == 0
    assert (report.created["service"], report.created["organisation"]) == (7, 1)
    assert ServicePage.objects.live().count() == 7 and ServiceText.objects.count() == 7


def test_a_moderated_import_leaves_new_services_as_drafts_with_a_revision(feed_server, schemas, area):
    report = import_oruk_source(feed_server.serve_pages(pages(SEVEN, 3)), publish=False)
    assert report.created["service"] == 7
    for page in ServicePage.objects.all():
        assert not page.live and page.has_unpublished_changes and page.live_revision_id is None
        assert page.latest_revision_id is not None and page.first_published_at is None
    assert not ServiceText.objects.exists()


def test_every_page_published_receiver_is_known_to_the_bulk_path():
    # oruk_bulk does in bulk what these do for an imported service; a new receiver must be taught to it too.
    names = {receiver().__name__ for _key, receiver, *_rest in page_published.receivers if receiver() is not None}
    assert names == {
        "approved_edit_counts_as_a_check",  # a provider's edit: an import has no user, nothing to do
        "organisation_published",  # provider groups' permissions: a new organisation has none
        "published_or_unpublished",  # insight's counted services: services_published: published_in_bulk
        "refresh_duplicate_keys",  # services_published: refresh_duplicate_keys_in_bulk
        "service_published_or_unpublished",  # services_published: search.indexing.add_new_services
    }


def test_the_commissioners_figures_count_bulk_imported_services(imported):
    from insight.models import CountedService

    assert set(CountedService.objects.values_list("service_id", flat=True)) == set(
        ServicePage.objects.live().values_list("pk", flat=True)
    )
    assert CountedService.objects.count() == 7
