"""GET /api/search: the same search as /search/, as JSON, open to any origin."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.backends import get_search_backend
from search.beyond_area import area_name, outside_message, services_for_anyone
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
        payload = {"errors": form.parameter_errors()}
        if form.place_alternatives:
            payload["suggestions"] = _did_you_mean(request, form)
        return _json(request, payload, status=400)
    query = form.to_query()
    backend = get_search_backend()
    results = backend.search(query)
    record_search(query, results.total, via_api=True, corrected_text=results.corrected_text)
    payload = _payload(request, form, query, results)
    if form.place_corrected:
        search_instead = query_string(query, form.place_typed) + "&exact_place=1"
        payload["suggestions"].insert(
            0,
            {
                "message": _("Search instead for %(place)s") % {"place": form.place_typed},
                "count": None,
                "url": request.build_absolute_uri(reverse("search_api") + search_instead),
            },
        )
    if form.place_outside_area and not results.total:
        payload["area_wide"] = {
            "message": _("Services for anyone in %(area)s: county-wide or online") % {"area": area_name()},
            "results": [_result(request, item) for item in services_for_anyone(backend, query)],
        }
    return _json(request, payload)


def _did_you_mean(request, form):
    """One search per close place name, with everything else as asked."""
    asked = [(name, value) for name in form.fields for value in request.GET.getlist(name)]
    asked = [(name, value) for name, value in asked if name not in ("postcode", "exact_place", "page") and value]
    return [
        {
            "message": _("Did you mean %(place)s?") % {"place": name},
            "place": name,
            "count": None,
            "url": request.build_absolute_uri(reverse("search_api") + "?" + urlencode([*asked, ("postcode", name)])),
        }
        for name in form.place_alternatives
    ]


def _payload(request, form, query, results):
    place_text = form.cleaned_data["postcode"]
    return {
        "total": results.total,
        "page": query.page,
        "page_size": query.page_size,
        "page_count": results.page_count,
        # Set when more were found than can be paged to: "showing the first 10,000".
        "showing_first": results.showing_first,
        "place": _place(form),
        # A misspelt word corrected: the words searched instead, and as typed ("exact=1" searches those).
        "corrected_text": results.corrected_text or None,
        "original_text": results.original_text or None,
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
        "typed": form.place_typed or form.cleaned_data["postcode"],
        "corrected": form.place_corrected,
        "trimmed": form.place_trimmed,
        "in_area": not form.place_outside_area,
        "message": outside_message(form.place_label) if form.place_outside_area else None,
    }


def _nearest_location(location):
    """The site found; a confidential one (a refuge) only by its area: no postcode, point or distance."""
    if location is None:
        return None
    if location.confidential:
        return {"area": location.town, "confidential": True}
    return {"postcode": location.postcode, "latitude": location.latitude, "longitude": location.longitude}


def _result(request, item):
    location = item.nearest_location
    confidential = location is not None and location.confidential
    return {
        "id": item.service_id,
        "name": item.name,
        "url": request.build_absolute_uri(item.url),
        "distance_miles": None if confidential else item.distance_miles,
        "serves_your_area": item.serves_your_area,
        "nearest_location": _nearest_location(location),
        "summary": item.summary,
        "organisation": item.organisation,
        "cost": item.cost,
        "self_referral": item.self_referral,
        "last_reviewed": item.last_reviewed or None,
    }
