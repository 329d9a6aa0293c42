"""Fixtures for translated service content: a provider's translation through the admin, and its approval."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.translations import ServiceTranslationPage

POLISH = {
    "title": "Grupa dla rodziców Acorn",
    "summary": "Wsparcie dla rodzin z małymi dziećmi.",
    "description": "<p>Cotygodniowe spotkania o autyzmie i wychowaniu.</p>",
    "eligibility": "Rodzice dzieci do lat pięciu.",
}


def translation_data(language="pl", action="submit", **fields):
    """The admin's add form for a translation, as a browser sends it."""
    values = {"language": language, **POLISH, **fields}
    values["description"] = rich_text(values["description"])
    values["comments"] = inline_formset([])
    data = {key: value for key, value in nested_form_data(values).items() if value != ""}
    if action:
        data[f"action-{action}"] = action
    return data


def path_of(service, language=""):
    """The service's public path, under a language's prefix ("pl") or none; whatever language a request left active."""
    with override(settings.LANGUAGE_CODE):
        path = service.url
    return f"/{language}{path}" if language else path


def add_url(service):
    return reverse("wagtailadmin_pages:add", args=("directory", "servicetranslationpage", service.pk))


def submit_translation(client, service, **fields):
    """Post a new translation of `service`; the translation page made (or None)."""
    client.post(add_url(service), translation_data(**fields))
    return ServiceTranslationPage.objects.child_of(service).order_by("-pk").first()


def approve(client, page):
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def approved_translation(client, provider, moderator, service):
    """The provider's Polish translation of their service, approved by the directory team; signed out after."""
    client.force_login(provider)
    page = submit_translation(client, service)
    client.force_login(moderator)
    approve(client, page)
    client.logout()
    page.refresh_from_db()
    return page


@pytest.fixture
def polish_translation(client, provider_a, moderator, service_a):
    return approved_translation(client, provider_a, moderator, service_a)
