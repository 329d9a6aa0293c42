"""The Open Referral UK 3.0 read API: published services, their locations, and our vocabularies as taxonomies."""

import logging
import math
import uuid

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from directory import geo, sites
from directory.exchange.oruk import (
    FULL_SERVICE_PREFETCH,
    PROFILE_URL,
    VERSION,
    OrukWriter,
    organisation_of,
    organisations_for,
    published_services,
    service_at_location_id,
    taxonomy_record,
    taxonomy_term_record,
    terms_with_ids,
    vocabulary_terms,
)
from directory.models import Location
from directory.vocabularies import ALL
from search.backends import get_search_backend
from search.oruk import params
from search.oruk.openapi import openapi_document

logger = logging.getLogger("earlyhelp.search")


def _json(payload, status=200):
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def _not_found(message):
    return _json({"message": message}, status=404)


def _envelope(contents, total, page, per_page) -> dict:
    """The profile's Page: the counts, then this page's records."""
    total_pages = max(1, math.ceil(total / per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _uuid(text):
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


class OrukView(View):
    """Read-only and open to any origin; a bad parameter is a 400 that says which and why."""

    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        try:
            response = super().dispatch(request, *args, **kwargs)
        except params.BadParameter as error:
            response = _json({"message": str(error), "parameter": error.parameter}, status=400)
        except geo.GeocodingError as error:
            response = _json({"message": str(error), "parameter": "postcode"}, status=400)
        except geo.GeodataUnavailable:
            logger.error("Place look-ups are unavailable: the postcode data could not be read", exc_info=True)
            message = _("Searching by place is not working at the moment. Please try again later.")
            response = _json({"message": message}, status=503)
        # Public, read-only data: any site may call it from a browser.
        response["Access-Control-Allow-Origin"] = "*"
        return response


class RootView(OrukView):
    def get(self, request):
        return _json(
            {
                "version": VERSION,
                "profile": PROFILE_URL,
                "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
            }
        )


class OpenApiView(OrukView):
    def get(self, request):
        return _json(openapi_document(request.build_absolute_uri(reverse("oruk:root")).rstrip("/")))


def _found(request, *, with_place):
    """The query these parameters ask, its results from the search backend, and their published pages in order."""
    query = params.service_query(request.GET, with_place=with_place)
    results = get_search_backend().search(query)
    services = published_services().in_bulk([item.service_id for item in results.items])
    # An index a moment behind a page just unpublished may still name it: it is left out.
    found = [(item, services[item.service_id]) for item in results.items if item.service_id in services]
    return query, results.total, found


class ServiceListView(OrukView):
    def get(self, request):
        query, total, found = _found(request, with_place=False)
        organisations = organisations_for(service for _item, service in found)
        writer = OrukWriter(request)
        contents = [
            writer.service_summary(service, organisation_of(service, organisations)) for _item, service in found
        ]
        return _json(_envelope(contents, total, query.page, query.page_size))


class ServiceDetailView(OrukView):
    def get(self, request, id):
        oruk_id = _uuid(id)
        service = None
        if oruk_id is not None:
            services = published_services().filter(oruk_id=oruk_id).prefetch_related(*FULL_SERVICE_PREFETCH)
            service = services.first()
        if service is None:
            return _not_found(_("No published service has the id %(id)s.") % {"id": id})
        organisation = organisation_of(service, organisations_for([service]))
        return _json(OrukWriter(request).service(service, organisation))


def _location_of(query, locations):
    """The location the search found the service at: directory.sites' rule (nearest the place, else first)."""
    return sites.site_for(locations, query.near)


class ServiceAtLocationListView(OrukView):
    """Each service found, as on /api/search, at the location nearest the place (or its first location).

    A service with no building has no service-at-location, so it is left out of the page (not the total).
    """

    def get(self, request):
        query, total, found = _found(request, with_place=True)
        locations = {}
        for location in Location.objects.filter(service__in=[service for _item, service in found]):
            locations.setdefault(location.service_id, []).append(location)
        organisations = organisations_for(service for _item, service in found)
        writer = OrukWriter(request)
        contents = []
        for _item, service in found:
            location = _location_of(query, locations.get(service.pk, []))
            if location is not None:
                organisation = organisation_of(service, organisations)
                contents.append(writer.service_at_location(service, location, organisation))
        return _json(_envelope(contents, total, query.page, query.page_size))


class ServiceAtLocationDetailView(OrukView):
    def get(self, request, id):
        oruk_id = _uuid(id)
        location = _find_service_location(oruk_id) if oruk_id else None
        if location is None:
            return _not_found(_("No published service at a location has the id %(id)s.") % {"id": id})
        service = published_services().prefetch_related(*FULL_SERVICE_PREFETCH).get(pk=location.service_id)
        location = next(loc for loc in service.locations.all() if loc.pk == location.pk)
        organisation = organisation_of(service, organisations_for([service]))
        return _json(OrukWriter(request).service_at_location(service, location, organisation, full=True))


def _find_service_location(oruk_id: uuid.UUID) -> Location | None:
    """The published location whose service-at-location id this is. The id is derived (uuid5), so it is
    recomputed for each published location: one query of bare ids, fine for a county's few thousand."""
    rows = Location.objects.filter(service__in=published_services().values("pk"))
    for pk, service_id, location_id in rows.values_list("pk", "service__oruk_id", "oruk_id"):
        if service_at_location_id(service_id, location_id) == oruk_id:
            return Location.objects.get(pk=pk)
    return None


class TaxonomyListView(OrukView):
    def get(self, request):
        page, per_page = params.paging(request.GET)
        records = [taxonomy_record(vocabulary) for vocabulary in ALL]
        return _json(_envelope(records[(page - 1) * per_page : page * per_page], len(records), page, per_page))


class TaxonomyDetailView(OrukView):
    def get(self, request, id):
        vocabulary = next((v for v in ALL if v.oruk_id == _uuid(id)), None)
        if vocabulary is None:
            return _not_found(_("No taxonomy has the id %(id)s.") % {"id": id})
        return _json(taxonomy_record(vocabulary, vocabulary_terms(vocabulary)))


class TaxonomyTermListView(OrukView):
    def get(self, request):
        page, per_page = params.paging(request.GET)
        wanted = params.uuid_list(request.GET, "taxonomy_id")
        vocabularies = [v for v in ALL if not wanted or v.oruk_id in wanted]
        if len(vocabularies) < len(set(wanted)):
            raise params.BadParameter("taxonomy_id", _("No taxonomy has one of those ids: see /taxonomies for ours."))
        # A few hundred terms at most, so the page is cut here rather than in SQL.
        terms = [term for vocabulary in vocabularies for term in vocabulary_terms(vocabulary)]
        records = [taxonomy_term_record(term) for term in terms[(page - 1) * per_page : page * per_page]]
        return _json(_envelope(records, len(terms), page, per_page))


class TaxonomyTermDetailView(OrukView):
    def get(self, request, id):
        oruk_id = _uuid(id)
        term = terms_with_ids([oruk_id]).get(oruk_id) if oruk_id else None
        if term is None:
            return _not_found(_("No taxonomy term has the id %(id)s.") % {"id": id})
        return _json(taxonomy_term_record(term))


class NotFoundView(OrukView):
    def get(self, request, path=""):
        return _not_found(
            _("There is nothing at this address. The API starts at %(url)s.")
            % {"url": request.build_absolute_uri(reverse("oruk:root"))}
        )
