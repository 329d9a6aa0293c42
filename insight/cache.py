"""Figures kept for a few minutes, so a commissioner moving between pages and filters does not recount 100,000 services.

The pages say when their figures were counted. `INSIGHT_CACHE_SECONDS` (default 300) sets how long;
0 turns keeping off (the tests do).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

DEFAULT_SECONDS = 300


def kept(name, parts, compute):
    """`compute()`'s answer and when it was counted, kept under `name` and `parts` for a few minutes."""
    seconds = getattr(settings, "INSIGHT_CACHE_SECONDS", DEFAULT_SECONDS)
    if not seconds:
        return compute(), timezone.now()
    key = "insight:" + name + ":" + hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    found = cache.get(key)
    if found is None:
        found = (compute(), timezone.now())
        cache.set(key, found, seconds)
    return found
