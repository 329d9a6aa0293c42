"""GET /api/suggest/words?q=aut: topics and service names starting with what is typed, for the keyword box."""

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.backends import get_search_backend
from search.backends.base import SearchUnavailable
from sitewide import ratelimit

# Longer than any topic or service name is worth completing; more is trimmed, never an error.
MAX_PREFIX_LENGTH = 60
MIN_PREFIX_LENGTH = 2
TOPICS_SHOWN = 5
SHOWN = 8
# The same answer for everyone: browsers and proxies may keep it a few minutes.
CACHE_SECONDS = 300


def _json(payload, status=200):
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def words_for(prefix):
    """Topics first (what families type), then service names, each once, at most SHOWN."""
    backend = get_search_backend()
    try:
        topics = backend.suggest(prefix, "topic", TOPICS_SHOWN)
        names = backend.suggest(prefix, "service", SHOWN)
    except SearchUnavailable:
        return []  # the box still works as a plain input
    seen, words = set(), []
    for word in topics + names:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            words.append(word)
    return words[:SHOWN]


@require_GET
def suggest_words(request):
    # Its own budget, as large as the search API's: typing must not use up the searches.
    retry_after = ratelimit.hit(request, "suggest-api", limit=settings.SEARCH_API_RATE_PER_MINUTE, window=60)
    if retry_after:
        message = _("Too many requests from your connection. Please wait %(seconds)d seconds and try again.")
        response = _json({"errors": [{"parameter": None, "message": message % {"seconds": retry_after}}]}, 429)
        response["Retry-After"] = str(retry_after)
        return response
    prefix = " ".join(request.GET.get("q", "").split())[:MAX_PREFIX_LENGTH]
    words = words_for(prefix) if len(prefix) >= MIN_PREFIX_LENGTH else []
    response = _json({"suggestions": [{"label": word, "value": word} for word in words]})
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
