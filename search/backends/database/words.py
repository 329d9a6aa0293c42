"""What the keyword box completes on the database backend: topics and service names, sorted once, searched by prefix.

Scanning the rows for every keystroke costs hundreds of milliseconds at 100,000 services; a sorted list
per process answers in microseconds. The index bumps a version in the cache whenever it changes, so
every process rebuilds its list on its next suggestion after a change (one scan).
"""

import threading
import uuid
from bisect import bisect_left

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "search:suggest-words-version"
_lock = threading.Lock()
_held = {"version": None, "topic": [], "service": []}


def changed():
    """The index changed: every process reads its words afresh, now and again once the change is committed."""
    _bump()
    # A process reading between the change and its commit would keep the old words under the new version.
    transaction.on_commit(_bump)


def _bump():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _version():
    # A cleared cache must not leave a process with words from before: a new version then.
    cache.add(VERSION_KEY, uuid.uuid4().hex, None)
    return cache.get(VERSION_KEY)


def _read():
    from search.models import ServiceLocationRow

    rows = ServiceLocationRow.objects.filter(first_of_service=True)
    topics = set()
    for text in rows.exclude(topics=None).values_list("topics", flat=True).distinct().iterator():
        topics.update(slug for slug in text.strip("|").split("|") if slug)
    names = set(rows.values_list("name", flat=True).iterator())
    return {
        # (what is compared, what is shown): topics by slug, names without regard to case.
        "topic": sorted((slug, slug.replace("-", " ")) for slug in topics),
        "service": sorted((name.casefold(), name) for name in names),
    }


def starting_with(kind, start, limit):
    """Up to `limit` words of this kind whose compared form starts with `start`, in order, each once."""
    version = _version()
    with _lock:
        if _held["version"] != version:
            _held.update(_read(), version=version)
        words = _held[kind]
    found = []
    for compared, shown in words[bisect_left(words, (start,)) :]:
        if not compared.startswith(start) or len(found) == limit:
            break
        if shown not in found:
            found.append(shown)
    return found
