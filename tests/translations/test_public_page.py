"""The service page in a reader's language: the translation's words when approved, else English marked as such."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from directory.local_offer import SendNeed
from tests.translations.conftest import POLISH, approve, path_of, submit_translation

pytestmark = pytest.mark.django_db


def test_the_polish_page_shows_the_approved_polish_words_marked_polish(client, polish_translation, service_a):
    html = client.get(path_of(service_a, "pl")).content.decode()
    assert f'<h1 class="govuk-heading-xl" lang="pl" dir="auto">{POLISH["title"]}</h1>' in html
    assert f'lang="pl" dir="auto">{POLISH["summary"]}</p>' in html
    assert re.search(r'<div class="eh-rich-text" lang="pl" dir="auto"><p[^>]*>Cotygodniowe spotkania', html)
    assert "eh-untranslated-notice" not in html


def test_the_english_page_still_shows_the_english_words(client, polish_translation, service_a):
    html = client.get(path_of(service_a)).content.decode()
    assert f'lang="en" dir="auto">{service_a.title}</h1>' in html
    assert POLISH["title"] not in html
    assert "eh-untranslated-notice" not in html


def test_an_untranslated_service_in_arabic_shows_english_marked_english_with_a_notice(
    client, polish_translation, service_a
):
    response = client.get(path_of(service_a, "ar"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="en" dir="auto">{service_a.title}</h1>' in html
    assert 'class="govuk-inset-text eh-untranslated-notice"' in html
    assert POLISH["title"] not in html


def test_a_translation_waiting_for_moderation_is_not_shown(client, client_a, service_a):
    submit_translation(client_a, service_a)
    client.logout()
    html = client.get(path_of(service_a, "pl")).content.decode()
    assert POLISH["title"] not in html
    assert "eh-untranslated-notice" in html


def test_a_field_the_translator_left_blank_shows_the_english_marked_english(client, polish_translation, service_a):
    service_a.how_to_access = "Just come along."
    service_a.save_revision().publish()
    html = client.get(path_of(service_a, "pl")).content.decode()
    assert '<p class="govuk-body eh-pre-line" lang="en" dir="auto">Just come along.</p>' in html


def test_the_translation_has_no_address_of_its_own(client, polish_translation, service_a):
    assert polish_translation.url is None
    response = client.get(f"{path_of(service_a)}{polish_translation.slug}/")
    assert response.status_code == 302
    assert response["Location"] == path_of(service_a, "pl")


def test_the_sitemap_lists_the_service_once_per_language_and_never_the_translation(client, polish_translation):
    xml = client.get("/sitemap.xml").content.decode()
    assert polish_translation.slug + "/" not in xml


def test_the_admin_preview_shows_the_translation_on_the_service_page(client, moderator, polish_translation):
    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[polish_translation.pk]))
    assert response.status_code == 200
    assert f'lang="pl" dir="auto">{POLISH["title"]}</h1>' in response.content.decode()


def test_the_polish_page_describes_itself_in_polish_to_search_engines_and_link_previews(
    client, polish_translation, service_a
):
    html = client.get(path_of(service_a, "pl")).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert (data["name"], data["description"]) == (polish_translation.title, polish_translation.summary)
    assert f'<meta property="og:title" content="{polish_translation.title}">' in html
    assert f'<meta name="description" content="{polish_translation.summary}">' in html

    with override("en-gb"):
        english_path = service_a.url
    english = Client().get(english_path).content.decode()  # a reader who has not chosen Polish
    assert '<html lang="en-gb"' in english
    assert f'<meta name="description" content="{service_a.summary}">' in english


def test_the_local_offer_section_is_in_polish_where_translated_and_english_marked_english_where_not(
    client, provider_a, moderator, service_a
):
    service_a.send_needs.add(SendNeed.objects.get_or_create(code="autism", defaults={"name": "Autism"})[0])
    service_a.send_adapting = "Quiet room and visual timetables."
    service_a.send_contact = "Ask for the SEND lead on 01903 000000."
    service_a.save_revision().publish()
    client.force_login(provider_a)
    page = submit_translation(client, service_a, send_adapting="Cichy pokój i plany obrazkowe.")
    client.force_login(moderator)
    approve(client, page)
    client.logout()

    html = client.get(path_of(service_a, "pl")).content.decode()
    assert '<p class="govuk-body eh-pre-line" lang="pl" dir="auto">Cichy pokój i plany obrazkowe.</p>' in html
    assert "Quiet room" not in html
    assert '<p class="govuk-body eh-pre-line" lang="en" dir="auto">Ask for the SEND lead on 01903 000000.</p>' in html
