"""The backend contract's plumbing: SEARCH_BACKENDS by dotted path, the fallback policy, suggestions."""

import logging

import pytest
from django.test import override_settings

from directory.factories import ServicePageFactory
from search.backends import get_search_backend
from search.backends.base import BaseSearchBackend, SearchUnavailable
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import read_suggestions, suggest_body
from search.backends.fallback import FallbackBackend
from search.indexing import published_services
from search.query import SearchResults, ServiceQuery


class Stub(BaseSearchBackend):
    def __init__(self, name, error=None):
        self.name, self.error = name, error

    def search(self, query):
        if self.error:
            raise self.error
        return SearchResults(query=query, total=0, items=[], backend=self.name)

    def count(self, query):
        if self.error:
            raise self.error
        return 7


def test_the_default_backend_is_loaded_from_its_dotted_path():
    backends = {"default": {"BACKEND": "search.backends.database"}}
    with override_settings(SEARCH_BACKENDS=backends, SEARCH_BACKEND_NAME=""):
        assert isinstance(get_search_backend(), DatabaseSearchBackend)


def test_the_search_backend_setting_overrides_the_default():
    backends = {
        "default": {"BACKEND": "search.backends.elasticsearch"},
        "database": {"BACKEND": "search.backends.database"},
    }
    with override_settings(SEARCH_BACKENDS=backends, SEARCH_BACKEND_NAME="database"):
        assert get_search_backend().name == "database"


def test_an_unknown_backend_is_named_in_the_error():
    with (
        override_settings(SEARCH_BACKEND_NAME="solr"),
        pytest.raises(ValueError, match="Unknown SEARCH_BACKEND 'solr'"),
    ):
        get_search_backend()


def test_a_fallback_entry_names_its_primary_and_fallback():
    backends = {
        "default": {"BACKEND": "search.backends.fallback", "PRIMARY": "elasticsearch", "FALLBACK": "database"},
        "database": {"BACKEND": "search.backends.database"},
        "elasticsearch": {"BACKEND": "search.backends.elasticsearch", "URL": "http://127.0.0.1:9", "INDEX": "x"},
    }
    with override_settings(SEARCH_BACKENDS=backends, SEARCH_BACKEND_NAME=""):
        backend = get_search_backend()
    assert (backend.primary.name, backend.primary.alias, backend.fallback.name) == ("elasticsearch", "x", "database")
    assert [index.name for index in backend.indexes()] == ["elasticsearch", "database"]


def test_an_unavailable_primary_is_answered_by_the_fallback_and_logged_as_an_error(search_log):
    backend = FallbackBackend(Stub("primary", SearchUnavailable("refused")), Stub("fallback"))
    assert backend.search(ServiceQuery()).backend == "fallback"
    assert backend.count(ServiceQuery()) == 7
    assert {record.levelno for record in search_log.records if record.name == "earlyhelp.search"} == {logging.ERROR}


def test_any_other_error_of_the_primary_is_raised_not_hidden():
    backend = FallbackBackend(Stub("primary", ValueError("a bug")), Stub("fallback"))
    with pytest.raises(ValueError, match="a bug"):
        backend.search(ServiceQuery())


def test_an_available_primary_answers():
    assert FallbackBackend(Stub("primary"), Stub("fallback")).search(ServiceQuery()).backend == "primary"


@pytest.mark.django_db
def test_the_database_suggests_topics_and_service_names_by_their_start():
    ServicePageFactory(title="Food Bank Crawley", tags={"topics": ["Food bank", "Food parcels", "Autism"]})
    ServicePageFactory(title="Football for all", tags={"topics": ["Sport"]})
    DatabaseSearchBackend().rebuild(published_services())
    backend = DatabaseSearchBackend()
    assert backend.suggest("foo", "topic") == ["food bank", "food parcels"]
    assert backend.suggest("foo", "topic", limit=1) == ["food bank"]
    assert backend.suggest("FOO", "service") == ["Food Bank Crawley", "Football for all"]
    assert backend.suggest("  ", "topic") == []


def test_elasticsearch_suggests_service_names_by_phrase_prefix():
    body = suggest_body("Food b", "service", 5)
    assert body["query"] == {"match_phrase_prefix": {"name": {"query": "food b"}}}
    assert body["size"] == 5
    answer = {"hits": {"hits": [{"_source": {"name": "Food Bank"}}, {"_source": {"name": "Food Bank"}}]}}
    assert read_suggestions(answer, "service") == ["Food Bank"]


def test_elasticsearch_suggests_topics_from_their_slugs():
    body = suggest_body("Food b", "topic", 5)
    assert body["aggs"]["topics"]["terms"]["include"] == "food\\-b.*"
    answer = {"aggregations": {"topics": {"buckets": [{"key": "food-bank", "doc_count": 2}]}}}
    assert read_suggestions(answer, "topic") == ["food bank"]
