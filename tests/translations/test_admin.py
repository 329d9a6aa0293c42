"""Adding a translation in the admin: who may, what the editor offers, and that it goes through moderation."""

import pytest
from django.urls import reverse

from directory.translations import ServiceTranslationPage
from tests.translations.conftest import POLISH, add_url, approve, submit_translation

pytestmark = pytest.mark.django_db


def test_a_provider_is_offered_translate_on_their_own_service(client_a, service_a):
    html = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk])).content.decode()
    assert add_url(service_a) in html


def test_the_editor_shows_the_english_beside_each_field_and_offers_the_areas_other_languages(client_a, service_a):
    response = client_a.get(add_url(service_a))
    assert response.status_code == 200
    form = response.context["form"]
    assert [code for code, _name in form.fields["language"].choices] == ["pl", "ar"]
    assert service_a.title in form.fields["title"].help_text
    assert service_a.summary in form.fields["summary"].help_text
    # Not copied in: English left in a field would be published as Polish.
    assert not form.initial.get("title")


def test_a_submitted_translation_waits_for_the_directory_team(client_a, service_a):
    page = submit_translation(client_a, service_a)
    assert page is not None and not page.live
    assert page.locale.language_code == "pl"
    assert page.workflow_in_progress
    assert page.get_workflow().name == service_a.get_workflow().name


def test_the_translation_is_a_wagtail_translation_of_the_service(client_a, service_a):
    page = submit_translation(client_a, service_a)
    assert page.translation_key == service_a.translation_key
    assert page.service_id == service_a.pk
    assert list(type(service_a).__base__.objects.translation_of(service_a).values_list("pk", flat=True)) == [page.pk]


def test_the_directory_team_approving_publishes_it(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    page = submit_translation(client, service_a)
    client.force_login(moderator)
    approve(client, page)
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    assert page.title == POLISH["title"]


def test_a_provider_cannot_approve_their_own_translation(client_a, service_a):
    page = submit_translation(client_a, service_a)
    approve(client_a, page)
    page.refresh_from_db()
    assert not page.live


def test_a_provider_cannot_translate_another_providers_service(client_a, service_b):
    assert client_a.get(add_url(service_b)).status_code != 200
    assert submit_translation(client_a, service_b) is None
    assert not ServiceTranslationPage.objects.exists()


def test_a_provider_is_not_offered_translate_on_another_providers_service(client_a, service_b):
    response = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_b.pk]))
    assert add_url(service_b) not in response.content.decode()


def test_a_second_translation_in_the_same_language_is_refused_politely(client_a, service_a):
    submit_translation(client_a, service_a)
    response = client_a.post(add_url(service_a), {"language": "pl", "title": "Druga", "summary": "Druga."})
    assert response.status_code == 200
    assert ServiceTranslationPage.objects.child_of(service_a).count() == 1


def test_the_team_sees_the_translation_in_its_queue_with_the_organisation(client, provider_a, moderator, service_a):
    client.force_login(provider_a)
    page = submit_translation(client, service_a)
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert POLISH["title"] in html
    assert "Acorn Family Trust" in html
    response = client.get(reverse("providers_admin:review_changes", args=[page.pk]))
    assert response.status_code == 200
    assert POLISH["summary"] in response.content.decode()


def test_a_translation_can_only_live_under_a_service(service_a):
    from directory.models import ServicePage

    assert ServiceTranslationPage.allowed_parent_page_models() == [ServicePage]
    assert not ServiceTranslationPage.can_exist_under(service_a.get_parent().specific)
    assert ServiceTranslationPage.can_exist_under(service_a)
