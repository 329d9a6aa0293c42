"""A primary search engine with a fallback: the one place that decides when the fallback answers.

Only unavailability falls back (the primary raises SearchUnavailable: refused, timed out, a server
error, its index missing), logged as an error; a mistake in a query is raised, never hidden. Results
say which backend answered. Publishing keeps both indexes current, so the fallback is never stale.
"""

import logging

from search.backends.base import BaseSearchBackend, SearchUnavailable

logger = logging.getLogger("earlyhelp.search")


class FallbackBackend(BaseSearchBackend):
    def __init__(self, primary, fallback):
        self.primary, self.fallback = primary, fallback
        self.name = primary.name

    @classmethod
    def from_params(cls, params):
        """PRIMARY and FALLBACK name other entries of settings.SEARCH_BACKENDS."""
        from search.backends import get_search_backend

        return cls(get_search_backend(params["PRIMARY"]), get_search_backend(params["FALLBACK"]))

    def indexes(self):
        """Both indexes are kept: the fallback must know every service the primary does."""
        return [*self.primary.indexes(), *self.fallback.indexes()]

    def _answer(self, what, ask):
        try:
            return ask(self.primary)
        except SearchUnavailable as error:
            # Never log the query itself: it may hold the searcher's postcode.
            logger.error(  # noqa: TRY400 - the cause is enough; a traceback would say nothing more
                "%s could not %s (%s); answering from %s.", self.primary.name, what, error, self.fallback.name
            )
            return ask(self.fallback)

    def search(self, query):
        """The primary's answer, or the fallback's when the primary is unavailable."""
        return self._answer("answer a search", lambda backend: backend.search(query))

    def count(self, query):
        """The primary's count, or the fallback's when the primary is unavailable."""
        return self._answer("count a search", lambda backend: backend.count(query))

    def suggest(self, prefix, kind="topic", limit=10):
        """The primary's suggestions, or the fallback's when the primary is unavailable."""
        return self._answer("suggest", lambda backend: backend.suggest(prefix, kind, limit))

    def index(self, service):
        """Index the service in both."""
        for backend in self.indexes():
            backend.index(service)

    def remove(self, service_id):
        """Remove the service from both."""
        for backend in self.indexes():
            backend.remove(service_id)

    def rebuild(self, services):
        """Rebuild both; returns how many the primary indexed."""
        services = list(services)
        counts = [backend.rebuild(services) for backend in self.indexes()]
        return counts[0]


SearchBackend = FallbackBackend
