"""The Open Referral UK 3.0 read API: published services, their locations, and our vocabularies as taxonomies."""

import logging
import math
import uuid

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from directory import geo
from directory.exchange.oruk import (
    FULL_SERVICE_PREFETCH,
    PROFILE_URL,
    VERSION,
    VOCABULARIES,
    OrukWriter,
    all_terms,
    organisation_of,
    organisations_for,
    published_services,
    taxonomy_record,
    taxonomy_term_record,
    vocabulary_terms,
)
from directory.models import ServicePage
from directory.vocabularies import DistrictTag
from search.oruk import params, queries
from search.oruk.openapi import openapi_document

logger = logging.getLogger("earlyhelp.search")


def _json(payload, status=200):
    return JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})


def _not_found(message):
    return _json({"message": message}, status=404)


def _envelope(contents, total, paging: params.Paging) -> dict:
    """The profile's Page: the counts, then this page's records."""
    total_pages = max(1, math.ceil(total / paging.per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
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


class ServiceListView(OrukView):
    def get(self, request):
        paging = params.paging(request.GET)
        filters = params.service_filters(request.GET, all_terms)
        total, services = queries.service_page(filters, paging)
        organisations = organisations_for(services)
        writer = OrukWriter(request)
        contents = [writer.service_summary(service, organisation_of(service, organisations)) for service in services]
        return _json(_envelope(contents, total, paging))


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


def _near(request):
    place_text = params.place_text(request.GET)
    metres = params.proximity(request.GET)
    if place_text is None:
        if metres is not None:
            raise params.BadParameter("proximity", _("proximity needs a postcode to measure from."))
        return None
    prefer = DistrictTag.objects.values_list("code", flat=True)
    return queries.Near(geo.resolve_place(place_text, prefer_lads=list(prefer)), metres)


class ServiceAtLocationListView(OrukView):
    def get(self, request):
        paging = params.paging(request.GET)
        filters = params.service_filters(request.GET, all_terms)
        total, locations = queries.service_location_page(filters, paging, _near(request))
        services = ServicePage.objects.in_bulk({location.service_id for location in locations})
        organisations = organisations_for(services.values())
        writer = OrukWriter(request)
        contents = []
        for location in locations:
            service = services[location.service_id]
            contents.append(writer.service_at_location(service, location, organisation_of(service, organisations)))
        return _json(_envelope(contents, total, paging))


class ServiceAtLocationDetailView(OrukView):
    def get(self, request, id):
        oruk_id = _uuid(id)
        location = queries.find_service_location(oruk_id) if oruk_id else None
        if location is None:
            return _not_found(_("No published service at a location has the id %(id)s.") % {"id": id})
        service = published_services().prefetch_related(*FULL_SERVICE_PREFETCH).get(pk=location.service_id)
        location = next(loc for loc in service.locations.all() if loc.pk == location.pk)
        organisation = organisation_of(service, organisations_for([service]))
        return _json(OrukWriter(request).service_at_location(service, location, organisation, full=True))


class TaxonomyListView(OrukView):
    def get(self, request):
        paging = params.paging(request.GET)
        records = [taxonomy_record(vocabulary) for vocabulary in VOCABULARIES]
        return _json(_envelope(records[paging.offset : paging.offset + paging.per_page], len(records), paging))


class TaxonomyDetailView(OrukView):
    def get(self, request, id):
        vocabulary = next((v for v in VOCABULARIES if v.id == _uuid(id)), None)
        if vocabulary is None:
            return _not_found(_("No taxonomy has the id %(id)s.") % {"id": id})
        return _json(taxonomy_record(vocabulary, vocabulary_terms(vocabulary)))


class TaxonomyTermListView(OrukView):
    def get(self, request):
        paging = params.paging(request.GET)
        wanted = params.uuid_list(request.GET, "taxonomy_id")
        vocabularies = [v for v in VOCABULARIES if not wanted or v.id in wanted]
        if len(vocabularies) < len(set(wanted)):
            raise params.BadParameter("taxonomy_id", _("No taxonomy has one of those ids: see /taxonomies for ours."))
        # A few hundred terms at most, so the page is cut here rather than in SQL.
        terms = [term for vocabulary in vocabularies for term in vocabulary_terms(vocabulary)]
        records = [taxonomy_term_record(term) for term in terms[paging.offset : paging.offset + paging.per_page]]
        return _json(_envelope(records, len(terms), paging))


class TaxonomyTermDetailView(OrukView):
    def get(self, request, id):
        oruk_id = _uuid(id)
        term = all_terms().get(oruk_id) if oruk_id else None
        if term is None:
            return _not_found(_("No taxonomy term has the id %(id)s.") % {"id": id})
        return _json(taxonomy_term_record(term))


class NotFoundView(OrukView):
    def get(self, request, path=""):
        return _not_found(
            _("There is nothing at this address. The API starts at %(url)s.")
            % {"url": request.build_absolute_uri(reverse("oruk:root"))}
        )
