"""The base class every search backend meets: search, count, suggest, index, remove, rebuild."""

from search.query import SearchResults, ServiceQuery

# What suggest() completes: a topic families type, or a service's name.
SUGGEST_KINDS = ("topic", "service")


class SearchUnavailable(Exception):
    """The engine cannot answer (refused, timed out, a server error, its index missing): another may."""


class BaseSearchBackend:
    name = "base"

    @classmethod
    def from_params(cls, params):
        """The backend for one entry of settings.SEARCH_BACKENDS (its options, less BACKEND)."""
        return cls()

    def indexes(self):
        """The backends whose indexes publishing keeps current: this one (a fallback adds its own)."""
        return [self]

    def search(self, query: ServiceQuery) -> SearchResults:
        """Answer one query: the page of results, the total, facets and suggestions."""
        raise NotImplementedError

    def count(self, query: ServiceQuery) -> int:
        """How many services a query finds, every filter applied: the total alone, cheap (suggestions use it)."""
        raise NotImplementedError

    def suggest(self, prefix: str, kind: str = "topic", limit: int = 10) -> list[str]:
        """Up to `limit` topics (kind "topic") or service names ("service") in the index starting with prefix."""
        raise NotImplementedError

    def index(self, service):
        """Add or replace one published service (a ServicePage) in the index."""

    def remove(self, service_id):
        """Remove one service from the index (unpublished, deleted or moved out)."""

    def rebuild(self, services):
        """Replace the whole index with these published services; returns how many were indexed."""
        raise NotImplementedError
