"""GET /api/search: the same search as /search/, as JSON, open to any origin."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.backends import get_search_backend
from search.forms import SearchForm, query_string
from search.log import record_search
from sitewide import ratelimit
from sitewide.geodata import PLACE_SEARCH_UNAVAILABLE, when_geodata_unavailable


def _json(request, payload, status=200):
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    # Read-only public data: any site may call it from a browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _unavailable(request):
    return _json(request, {"errors": [{"parameter": None, "message": str(PLACE_SEARCH_UNAVAILABLE)}]}, status=503)


@require_GET
@when_geodata_unavailable(_unavailable)
def search_api(request):
    retry_after = ratelimit.hit(request, "search-api", limit=settings.SEARCH_API_RATE_PER_MINUTE, window=60)
    if retry_after:
        message = _("Too many searches from your connection. Please wait %(seconds)d seconds and try again.")
        response = _json(request, {"errors": [{"parameter": None, "message": message % {"seconds": retry_after}}]}, 429)
        response["Retry-After"] = str(retry_after)
        return response
    form = SearchForm(request.GET)
    if not form.is_valid():
        return _json(request, {"errors": form.parameter_errors()}, status=400)
    query = form.to_query()
    results = get_search_backend().search(query)
    record_search(query, results.total, via_api=True)
    return _json(request, _payload(request, form, query, results))


def _payload(request, form, query, results):
    place_text = form.cleaned_data["postcode"]
    return {
        "total": results.total,
        "page": query.page,
        "page_size": query.page_size,
        "page_count": results.page_count,
        "place": _place(form),
        "results": [_result(request, item) for item in results.items],
        "facets": {
            name: [{"code": value.code, "name": value.name, "count": value.count} for value in values]
            for name, values in results.facets.items()
        },
        "suggestions": [
            {
                "message": suggestion.message,
                "count": suggestion.count,
                "url": request.build_absolute_uri(reverse("search_api") + query_string(suggestion.query, place_text)),
            }
            for suggestion in results.suggestions
        ],
    }


def _place(form):
    place = form.place
    if place is None:
        return None
    return {
        "label": form.place_label,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "district": place.lad_code,
        "district_name": form.place_district_name or None,
        "kind": place.kind,
    }


def _result(request, item):
    location = item.nearest_location
    return {
        "id": item.service_id,
        "name": item.name,
        "url": request.build_absolute_uri(item.url),
        "distance_miles": item.distance_miles,
        "serves_your_area": item.serves_your_area,
        "nearest_location": {
            "postcode": location.postcode,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
        if location
        else None,
        "summary": item.summary,
        "organisation": item.organisation,
        "cost": item.cost,
        "self_referral": item.self_referral,
        "last_reviewed": item.last_reviewed or None,
    }
