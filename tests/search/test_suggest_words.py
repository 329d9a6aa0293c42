"""Specifications for GET /api/suggest/words: topics and service names for the keyword box, politely limited."""

import pytest
from django.urls import reverse

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.models import Location
from search import indexing

# Each test starts with no rate limit spent and nothing cached (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture
def directory():
    load_area("west-sussex")
    worthing = [Location(name="Worthing Library", town="Worthing", postcode="BN11 1HS")]
    services = [
        ServicePageFactory(title="Autumn Stay and Play", locations=worthing, tags={"topics": ["stay and play"]}),
        ServicePageFactory(title="Sunflower Autism Group", locations=worthing, tags={"topics": ["autism"]}),
        ServicePageFactory(title="Food Bank Worthing", locations=worthing, tags={"topics": ["food bank"]}),
    ]
    for service in services:
        indexing.update_service(service)
    return services


def suggest(client, text, **headers):
    response = client.get(reverse("suggest_words"), {"q": text}, **headers)
    return response


def labels(response):
    assert response.status_code == 200, response.content
    return [suggestion["label"] for suggestion in response.json()["suggestions"]]


def test_the_url_is_api_suggest_words():
    assert reverse("suggest_words") == "/api/suggest/words"


def test_topics_come_before_service_names_starting_the_same(client, directory):
    assert labels(suggest(client, "aut")) == ["autism", "Autumn Stay and Play"]


def test_each_suggestion_has_a_label_and_the_value_to_search(client, directory):
    response = suggest(client, "food")
    assert response.json() == {
        "suggestions": [
            {"label": "food bank", "value": "food bank"},
            {"label": "Food Bank Worthing", "value": "Food Bank Worthing"},
        ]
    }


def test_case_does_not_matter(client, directory):
    assert labels(suggest(client, "SUNF")) == ["Sunflower Autism Group"]


def test_one_letter_suggests_nothing(client, directory):
    assert labels(suggest(client, "a")) == []


def test_nothing_typed_suggests_nothing(client, directory):
    assert labels(client.get(reverse("suggest_words"))) == []


@pytest.mark.parametrize("text", ["x" * 5000, "%", "_a", "'; drop table", "\x00ab", "مرحبا", "🙂🙂", "a\\b"])
def test_any_text_is_an_answer_never_an_error(client, directory, text):
    assert isinstance(labels(suggest(client, text)), list)


def test_an_unpublished_service_is_never_suggested(client, directory):
    indexing.remove_service(directory[1].pk)
    assert "Sunflower Autism Group" not in labels(suggest(client, "sun"))


def test_one_client_is_limited_with_a_polite_429_and_others_carry_on(client, directory, settings):
    settings.SEARCH_API_RATE_PER_MINUTE = 2
    statuses = [suggest(client, "aut", REMOTE_ADDR="198.51.100.1").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = suggest(client, "aut", REMOTE_ADDR="198.51.100.1")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "wait" in refused.json()["errors"][0]["message"]
    assert suggest(client, "aut", REMOTE_ADDR="198.51.100.2").status_code == 200


def test_only_get_is_answered(client, directory):
    assert client.post(reverse("suggest_words"), {"q": "aut"}).status_code == 405
