"""The search contract against Elasticsearch: runs when ELASTICSEARCH_URL is set, else skips (fails if required)."""

import pytest
from django.conf import settings

from search.backends import get_search_backend
from tests.contract.cases import IndexingCases, RadiusCases, RankingCases, SearchCases, WordsCases

pytestmark = pytest.mark.elasticsearch


@pytest.fixture(scope="module", autouse=True)
def elasticsearch_cluster():
    """Skip without a cluster, unless EARLYHELP_REQUIRE names elasticsearch; remove the test indices after."""
    if not settings.ELASTICSEARCH_URL:
        if "elasticsearch" in settings.EARLYHELP_REQUIRE:
            pytest.fail("EARLYHELP_REQUIRE includes elasticsearch but ELASTICSEARCH_URL is not set.")
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch cluster to run the contract against.")
    backend = get_search_backend("elasticsearch")
    yield
    backend.drop_index()


class TestElasticsearchSearch(SearchCases):
    backend_name = "elasticsearch"


class TestElasticsearchIndexing(IndexingCases):
    backend_name = "elasticsearch"


class TestElasticsearchWords(WordsCases):
    backend_name = "elasticsearch"


class TestElasticsearchRanking(RankingCases):
    backend_name = "elasticsearch"


class TestElasticsearchRadius(RadiusCases):
    backend_name = "elasticsearch"
