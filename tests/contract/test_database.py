"""The search contract against the embedded database backend (always available)."""

from tests.contract.cases import IndexingCases, RadiusCases, SearchCases


class TestDatabaseSearch(SearchCases):
    backend_name = "database"


class TestDatabaseIndexing(IndexingCases):
    backend_name = "database"


class TestDatabaseRadius(RadiusCases):
    backend_name = "database"
