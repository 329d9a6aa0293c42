"""Searching in the reader's language: a translation's words find the one English service, never a second one."""

import pytest

from directory.exchange import oruk
from search import indexing
from tests.translations.conftest import approved_translation, path_of, submit_translation

pytestmark = pytest.mark.django_db

# A word only the Polish translation has ("weekly"): the English service never says it.
POLISH_ONLY_WORD = "cotygodniowe"


@pytest.fixture
def indexed(service_a, service_b):
    indexing.rebuild_all()


def api_names(client, **params):
    body = client.get("/api/search", params).json()
    return body["total"], [item["name"] for item in body["results"]]


def test_a_polish_word_from_the_translation_finds_the_service_once_on_the_api(client, indexed, polish_translation):
    assert api_names(client, q=POLISH_ONLY_WORD) == (1, ["Acorn parenting group"])


def test_a_polish_word_from_the_translation_finds_the_service_once_on_the_polish_search_page(
    client, indexed, polish_translation, service_a
):
    response = client.get("/pl/search/", {"q": POLISH_ONLY_WORD})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(f'href="{path_of(service_a, "pl")}"') == 1


def test_the_polish_results_card_shows_the_translations_title_and_summary_and_the_english_ones_stay_english(
    client, indexed, polish_translation, service_a
):
    html = client.get("/pl/search/", {"q": POLISH_ONLY_WORD}).content.decode()
    assert f'<bdi lang="pl">{polish_translation.title}</bdi>' in html
    assert f'<bdi lang="pl">{polish_translation.summary}</bdi>' in html
    assert service_a.summary not in html

    english = client.get("/search/", {"q": POLISH_ONLY_WORD}).content.decode()
    assert f'<bdi lang="en">{service_a.title}</bdi>' in english
    assert polish_translation.summary not in english


def test_a_word_waiting_for_moderation_finds_nothing(client, client_a, indexed, service_a):
    submit_translation(client_a, service_a)
    client.logout()
    assert api_names(client, q=POLISH_ONLY_WORD)[0] == 0


def test_a_rebuilt_index_keeps_the_translations_words(client, indexed, polish_translation):
    indexing.rebuild_all()
    assert api_names(client, q=POLISH_ONLY_WORD) == (1, ["Acorn parenting group"])


def test_unpublishing_the_translation_takes_its_words_out_of_the_index(client, indexed, polish_translation):
    polish_translation.unpublish()
    assert api_names(client, q=POLISH_ONLY_WORD)[0] == 0


def test_deleting_the_translation_takes_its_words_out_of_the_index(client, indexed, polish_translation):
    polish_translation.delete()
    assert api_names(client, q=POLISH_ONLY_WORD)[0] == 0


def test_a_translation_adds_no_service_to_search_or_the_oruk_feed(client, provider_a, moderator, indexed, service_a):
    before = (api_names(client)[0], oruk.published_services().count(), client.get("/api/oruk/services").json())
    page = approved_translation(client, provider_a, moderator, service_a)
    assert page.live
    after = (api_names(client)[0], oruk.published_services().count(), client.get("/api/oruk/services").json())
    assert before[:2] == after[:2] == (2, 2)
    assert before[2]["total_items"] == after[2]["total_items"] == 2


def test_the_oruk_feed_lists_the_service_once_with_its_languages(client, indexed, polish_translation, service_a):
    service_a.languages = "English, Polish"
    service_a.save_revision().publish()
    indexing.rebuild_all()
    body = client.get("/api/oruk/services").json()
    assert [item["name"] for item in body["contents"]].count(service_a.title) == 1
    assert body["total_items"] == 2
    detail = client.get(f"/api/oruk/services/{service_a.oruk_id}").json()
    assert [language["name"] for language in detail["languages"]] == ["English", "Polish"]


def test_the_elasticsearch_document_holds_the_translations_words(polish_translation, service_a):
    from search.backends.elasticsearch import service_source
    from search.documents import service_document

    service = indexing.published_services().get(pk=service_a.pk)
    assert POLISH_ONLY_WORD in service_source(service_document(service))["text"].casefold()
