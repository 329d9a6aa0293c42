"""Issue 13's filters against Elasticsearch: runs when ELASTICSEARCH_URL is set, else skips (fails if required)."""

import pytest

from tests.contract.test_elasticsearch import elasticsearch_cluster  # noqa: F401  (the module's skip-or-fail fixture)
from tests.offer.cases import OfferFilterCases, OfferIndexingCases

pytestmark = pytest.mark.elasticsearch


class TestElasticsearchOfferFilters(OfferFilterCases):
    backend_name = "elasticsearch"


class TestElasticsearchOfferIndexing(OfferIndexingCases):
    backend_name = "elasticsearch"
