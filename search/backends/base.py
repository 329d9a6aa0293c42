"""The base class every search backend meets: index, remove, rebuild, search."""

from search.query import SearchResults, ServiceQuery


class BaseSearchBackend:
    name = "base"

    def index_service(self, service):
        """Add or replace one published service (a ServicePage) in the index."""

    def remove_service(self, service_id):
        """Remove one service from the index (unpublished, deleted or moved out)."""

    def rebuild(self, services):
        """Replace the whole index with these published services; returns how many were indexed."""
        raise NotImplementedError

    def search(self, query: ServiceQuery) -> SearchResults:
        """Answer one query: the page of results, the total, facets and suggestions."""
        raise NotImplementedError
