"""Vocabulary names from the area profile read in the page's language; names the catalogue lacks show as stored."""

import pytest
from django.utils import translation

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.vocabularies import AgeBandTag, NeedLevelTag, OutcomeTag

pytestmark = pytest.mark.django_db


def service_html(client, language, **tags):
    service = ServicePageFactory(tags=tags)
    with translation.override(language):
        return client.get(service.url).content.decode()


def test_outcome_need_level_and_age_band_names_are_translated(client):
    load_area("west-sussex")
    html = service_html(
        client,
        "pl",
        outcomes=[OutcomeTag.objects.get(code="ws-safe-secure")],
        need_levels=[NeedLevelTag.objects.get(code="level-1")],
        age_bands=[AgeBandTag.objects.get(code="0-2")],
    )
    assert "Dzieci i młodzież są bezpieczne" in html
    assert "Powszechny" in html
    assert '<span dir="ltr">0–2</span> lata' in html


def test_a_term_without_a_translation_is_shown_once_escaped(client):
    term = OutcomeTag.objects.create(code="x", slug="x", name="Safe & sound", order=1)
    assert "Safe &amp; sound" in service_html(client, "ar", outcomes=[term])


def test_the_search_filters_cards_and_applied_filters_name_terms_in_the_readers_language(client, make_service):
    load_area("west-sussex")
    make_service(
        title="Little Steps Group",
        summary="A parenting group.",
        tags={
            "need_levels": [NeedLevelTag.objects.get(code="level-1")],
            "age_bands": [AgeBandTag.objects.get(code="0-2")],
        },
    )

    html = client.get("/pl/search/", {"q": "parenting", "need_level": "level-1"}).content.decode()

    assert "Little Steps Group" in html
    # The filter's checkbox, the result card's facts and the "remove filter" tag: all Polish, none English.
    assert html.count("Powszechny") >= 3
    assert "Universal" not in html
    assert '<span dir="ltr">0–2</span> lata' in html


def test_the_languages_a_service_speaks_are_named_in_the_readers_language(client):
    service = ServicePageFactory(languages="English, Polish, Arabic")
    with translation.override("pl"):
        html = client.get(service.url).content.decode()

    assert "angielski, polski, arabski" in html
    assert "English, Polish" not in html


def test_the_home_page_heading_reads_in_the_readers_language_until_an_editor_changes_it(client):
    from home.models import HomePage

    html = client.get("/pl/").content.decode()
    assert '<h1 class="govuk-heading-xl"><bdi>Znajdź wsparcie dla rodziny</bdi></h1>' in html

    home = HomePage.objects.get()
    home.title = "Family Hub West Sussex"
    home.save_revision().publish()
    html = client.get("/pl/").content.decode()
    assert '<h1 class="govuk-heading-xl" lang="en"><bdi>Family Hub West Sussex</bdi></h1>' in html


@pytest.mark.parametrize(
    ("language", "introduction"),
    [
        ("pl", "Wszystkie organizacje w katalogu i prowadzone przez nie usługi."),
        ("ar", "كل المنظمات في الدليل والخدمات التي تقدمها."),
    ],
)
def test_the_directory_introduction_reads_in_the_readers_language_until_an_editor_changes_it(
    client, language, introduction
):
    from directory.models import DirectoryIndexPage

    html = client.get(f"/{language}/services/").content.decode()
    assert f'<p class="govuk-body-l"><bdi>{introduction}</bdi></p>' in html

    DirectoryIndexPage.objects.update(introduction="Every provider in West Sussex.")
    html = client.get(f"/{language}/services/").content.decode()
    assert '<p class="govuk-body-l" lang="en"><bdi>Every provider in West Sussex.</bdi></p>' in html
