"""Issue 13's filters against the embedded database backend (always available)."""

from tests.offer.cases import OfferFilterCases, OfferIndexingCases


class TestDatabaseOfferFilters(OfferFilterCases):
    backend_name = "database"


class TestDatabaseOfferIndexing(OfferIndexingCases):
    backend_name = "database"
