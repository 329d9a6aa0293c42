"""Specifications for how often a search reads the vocabularies: once per request, not once per use."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.area_profiles import load_area
from directory.vocabularies import CONTROLLED
from search.query import SearchResults

pytestmark = pytest.mark.django_db


class EmptyBackend:
    """A backend that answers without the database, so only the page's own reads are counted."""

    def search(self, query):
        return SearchResults(query=query, total=0, items=[])


def vocabulary_reads(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code in (200, 400)
    tables = {vocabulary.model._meta.db_table: 0 for vocabulary in CONTROLLED}
    for query in queries.captured_queries:
        for table in tables:
            tables[table] += len(re.findall(rf'FROM "?{table}"?\b', query["sql"]))
    return tables


@pytest.fixture
def area():
    load_area("west-sussex")


@pytest.fixture
def empty_backend(monkeypatch):
    monkeypatch.setattr("search.views.get_search_backend", EmptyBackend)
    monkeypatch.setattr("search.api.get_search_backend", EmptyBackend)


PARAMS = {"q": "parenting", "postcode": "BN11 1HS", "district": "E07000229", "need_level": "level-2"}


def test_the_search_page_reads_each_vocabulary_once(client, area, empty_backend):
    assert set(vocabulary_reads(client, "/search/", PARAMS).values()) == {1}


def test_a_search_page_with_errors_reads_each_vocabulary_once(client, area, empty_backend):
    assert set(vocabulary_reads(client, "/search/", {**PARAMS, "outcome": "no-such-outcome"}).values()) == {1}


def test_the_search_api_reads_each_vocabulary_once(client, area, empty_backend):
    assert set(vocabulary_reads(client, "/api/search", PARAMS).values()) == {1}


def test_a_whole_search_with_the_real_backend_reads_each_vocabulary_once(client, area):
    assert set(vocabulary_reads(client, "/search/", PARAMS).values()) == {1}
