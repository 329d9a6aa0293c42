"""Watching: who may watch what, the Watch action, and "My watches"."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from directory.factories import ServicePageFactory
from directory.watching.models import Watch
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db


def watch_url(page):
    return reverse("watching:watch_page", args=[page.pk])


def test_the_team_can_watch_a_service(moderator_client, moderator, service_a):
    response = moderator_client.post(watch_url(service_a), {"action": "watch"})
    assert response.status_code == 302
    assert Watch.objects.filter(user=moderator, page=service_a).exists()


def test_watching_twice_keeps_one_watch(moderator_client, moderator, org_a):
    moderator_client.post(watch_url(org_a), {"action": "watch"})
    moderator_client.post(watch_url(org_a), {"action": "watch"})
    assert Watch.objects.filter(user=moderator).count() == 1


def test_stop_watching(moderator_client, moderator, service_a):
    Watch.objects.create(user=moderator, page=service_a)
    moderator_client.post(watch_url(service_a), {"action": "stop"})
    assert not Watch.objects.exists()


def test_the_team_can_watch_a_draft(moderator_client, moderator, org_a):
    draft = ServicePageFactory(parent=org_a, title="Coming soon", slug="coming-soon", live=False)
    moderator_client.post(watch_url(draft), {"action": "watch"})
    assert Watch.objects.filter(user=moderator, page=draft).exists()


def test_a_commissioner_can_watch_a_published_organisation(commissioner_client, commissioner, org_a):
    commissioner_client.post(watch_url(org_a), {"action": "watch"})
    assert Watch.objects.filter(user=commissioner, page=org_a).exists()


def test_a_commissioner_cannot_watch_what_is_not_public(commissioner_client, org_a):
    draft = ServicePageFactory(parent=org_a, title="Coming soon", slug="coming-soon", live=False)
    page = commissioner_client.get(watch_url(draft))
    assert page.status_code == 200
    assert "only watch listings that are on the public site" in page.content.decode()
    response = commissioner_client.post(watch_url(draft), {"action": "watch"}, follow=True)
    assert response.status_code == 200
    assert "only watch listings that are on the public site" in response.content.decode()
    assert not Watch.objects.exists()


def test_a_provider_cannot_watch(client_a, service_a):
    assert_refused(client_a.post(watch_url(service_a), {"action": "watch"}))
    assert not Watch.objects.exists()


def test_only_services_and_organisations_can_be_watched(moderator_client, service_a):
    root = Page.objects.get(depth=1)
    response = moderator_client.post(watch_url(root), {"action": "watch"}, follow=True)
    assert "Only services and organisations can be watched" in response.content.decode()
    assert not Watch.objects.exists()


def test_a_missing_page_is_a_404(moderator_client):
    assert moderator_client.get(reverse("watching:watch_page", args=[999999])).status_code == 404


def test_the_watch_action_is_in_the_page_header(moderator_client, service_a):
    content = moderator_client.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk])).content.decode()
    assert watch_url(service_a) in content


def test_the_watch_action_is_not_offered_to_providers(client_a, service_a):
    content = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk])).content.decode()
    assert watch_url(service_a) not in content


def test_my_watches_lists_what_i_watch(moderator_client, moderator, service_a, service_b):
    Watch.objects.create(user=moderator, page=service_a)
    content = moderator_client.get(reverse("watching:my_watches")).content.decode()
    assert service_a.title in content
    assert service_b.title not in content


def test_my_watches_finds_pages_to_watch(commissioner_client, service_a, org_a):
    draft = ServicePageFactory(parent=org_a, title="Acorn draft", slug="acorn-draft", live=False)
    content = commissioner_client.get(reverse("watching:my_watches"), {"q": "acorn"}).content.decode()
    assert service_a.title in content
    assert draft.title not in content


def test_my_watches_is_not_for_providers(client_a):
    assert_refused(client_a.get(reverse("watching:my_watches")))
