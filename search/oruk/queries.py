"""The ORUK API's filters as SQL over published services and their locations; pages are cut in SQL."""

import uuid
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from directory import geo
from directory.exchange.oruk import VOCABULARY_BY_KEY, published_services, service_at_location_id
from directory.models import Location, OpeningTime, ServicePage
from search.oruk.params import Paging, ServiceFilters

METRES_PER_MILE = 1609.344


def _tag_rows(vocabulary_key):
    """The through model holding a vocabulary's tags on services (ServiceOutcome ...)."""
    relation = ServicePage._meta.get_field(VOCABULARY_BY_KEY[vocabulary_key].through)
    return relation.related_model.objects


def filter_services(services, filters: ServiceFilters):
    for word in filters.words:
        topics = _tag_rows("topic").filter(content_object=OuterRef("pk"), tag__name__icontains=word)
        services = services.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word) | Q(Exists(topics))
        )
    if filters.taxonomy_keys:
        any_term = Q()
        for key in filters.taxonomy_keys:
            any_term |= Q(pk__in=_tag_rows(key).values("content_object_id"))
        services = services.filter(any_term)
    if filters.terms:
        any_term = Q()
        for term in filters.terms:
            rows = _tag_rows(term.vocabulary.key).filter(tag_id=term.tag.pk)
            any_term |= Q(pk__in=rows.values("content_object_id"))
        services = services.filter(any_term)
    # As the profile says: a minimum age of at least this, a maximum age of at most this.
    if filters.minimum_age is not None:
        services = services.filter(min_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        services = services.filter(max_age__lte=filters.maximum_age)
    if filters.day is not None or filters.start_time or filters.end_time:
        # One opening must meet all three: open that day, from start_time, until end_time.
        openings = OpeningTime.objects.filter(service=OuterRef("pk"))
        if filters.day is not None:
            openings = openings.filter(weekday=filters.day)
        if filters.start_time:
            openings = openings.filter(opens__gte=filters.start_time)
        if filters.end_time:
            openings = openings.filter(closes__lte=filters.end_time)
        services = services.filter(Exists(openings))
    return services


def service_page(filters: ServiceFilters, paging: Paging) -> tuple[int, list[ServicePage]]:
    services = filter_services(published_services(), filters).order_by("title", "pk")
    total = services.count()
    return total, list(services[paging.offset : paging.offset + paging.per_page])


@dataclass(frozen=True)
class Near:
    place: geo.Place
    metres: float | None  # None: the services whose area (district) holds the place


def service_location_page(filters: ServiceFilters, paging: Paging, near: Near | None) -> tuple[int, list[Location]]:
    """One page of published (service, location) pairs: nearest first near a place, else by service name."""
    services = filter_services(published_services(), filters)
    locations = Location.objects.filter(service__in=services.values("pk"))
    if near is None:
        locations = locations.order_by("service__title", "service_id", "sort_order", "pk")
        total = locations.count()
        return total, list(locations[paging.offset : paging.offset + paging.per_page])
    place = near.place
    locations = locations.filter(latitude__isnull=False, longitude__isnull=False)
    if near.metres is None:
        locations = locations.filter(service__tagged_districts__tag__code=place.lad_code or "")
    else:
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            place.latitude, place.longitude, near.metres / METRES_PER_MILE
        )
        locations = locations.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
    # Exact distances only for the few rows the box or district lets through, as bare tuples.
    ranked = []
    for pk, latitude, longitude in locations.values_list("pk", "latitude", "longitude"):
        metres = geo.distance_miles(place.latitude, place.longitude, latitude, longitude) * METRES_PER_MILE
        if near.metres is None or metres <= near.metres:
            ranked.append((metres, pk))
    ranked.sort()
    wanted = [pk for _metres, pk in ranked[paging.offset : paging.offset + paging.per_page]]
    by_pk = Location.objects.in_bulk(wanted)
    return len(ranked), [by_pk[pk] for pk in wanted]


def find_service_location(oruk_id: uuid.UUID) -> Location | None:
    """The published location whose service-at-location id this is. The id is derived (uuid5), so we
    recompute it for each published location: one query of bare ids, fine for a county's few thousand."""
    rows = Location.objects.filter(service__in=published_services().values("pk")).values_list(
        "pk", "service__oruk_id", "oruk_id"
    )
    for pk, service_id, location_id in rows:
        if service_at_location_id(service_id, location_id) == oruk_id:
            return Location.objects.get(pk=pk)
    return None
