"""The search contract against the embedded database backend (always available)."""

from tests.contract.cases import IndexingCases, RadiusCases, RankingCases, SearchCases, WordsCases


class TestDatabaseSearch(SearchCases):
    backend_name = "database"


class TestDatabaseIndexing(IndexingCases):
    backend_name = "database"


class TestDatabaseWords(WordsCases):
    backend_name = "database"


class TestDatabaseRanking(RankingCases):
    backend_name = "database"


class TestDatabaseRadius(RadiusCases):
    backend_name = "database"
