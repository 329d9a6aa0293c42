"""GET /api/suggest/places?q=Wor: towns, villages and postcodes for the place box's autocomplete, as JSON."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from directory import geo
from sitewide.geodata import PLACE_SEARCH_UNAVAILABLE, when_geodata_unavailable

LIMIT = 8
# Place names do not change between deploys: browsers and proxies may keep an answer for a day.
CACHE_SECONDS = 86_400


def _json(payload, status=200):
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _unavailable(request):
    return _json({"suggestions": [], "errors": [{"parameter": None, "message": str(PLACE_SEARCH_UNAVAILABLE)}]}, 503)


@require_GET
@when_geodata_unavailable(_unavailable)
def suggest_places(request):
    """No rate limit: one request a keystroke, each a few in-memory look-ups; any text gives a list, maybe empty."""
    suggestions = geo.suggest_places(request.GET.get("q", ""), limit=LIMIT)
    response = _json({"suggestions": suggestions})
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response
