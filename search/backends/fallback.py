"""A primary search engine with a fallback: the one place that decides when the fallback answers.

Only unavailability falls back (the primary raises SearchUnavailable: refused, timed out, TLS failed,
a server error, its index missing), logged as an error and counted (/healthz shows the count). A request
the primary refuses as malformed (SearchRejected, a 4xx) is a bug: the primary has logged it with its
body; it is raised where ELASTICSEARCH_RAISE_REJECTED is on (tests, DEBUG), else the fallback answers so
the searcher never sees a 500. Results say which backend answered. Publishing keeps both indexes current.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from search.backends.base import BaseSearchBackend, SearchUnavailable

logger = logging.getLogger("earlyhelp.search")
FALLBACK_COUNT_KEY = "search:fallback-count"


def fallback_count():
    """How many times the fallback has answered since the cache was last cleared (every process, via the cache)."""
    return cache.get(FALLBACK_COUNT_KEY, 0)


def _count_fallback():
    cache.add(FALLBACK_COUNT_KEY, 0, timeout=None)
    try:
        cache.incr(FALLBACK_COUNT_KEY)
    except ValueError:  # evicted between add and incr
        cache.set(FALLBACK_COUNT_KEY, 1, timeout=None)


def _rejected_type():
    # Only the Elasticsearch backend refuses requests; importing it lazily keeps `elasticsearch` optional here.
    from search.backends.elasticsearch import SearchRejected

    return SearchRejected


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
        except _rejected_type():
            if settings.ELASTICSEARCH_RAISE_REJECTED:
                raise
            logger.error("%s refused to %s; answering from %s.", self.primary.name, what, self.fallback.name)  # noqa: TRY400
        _count_fallback()
        return ask(self.fallback)

    def answering(self):
        """The name of the backend that would answer now (for /healthz)."""
        available = getattr(self.primary, "available", lambda: True)
        return self.primary.name if available() else self.fallback.name

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
