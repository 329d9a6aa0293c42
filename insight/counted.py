"""Keeping `CountedService` (one row per service a family can see) and `SearchCount` equal to what they summarise.

The signals (insight/signals.py) call `refresh_services` when a service is published, unpublished, moved
or put behind a restriction, and `count_search` / `uncount_search` when the search log gains or loses a
row. `rebuild()` makes both from scratch (`manage.py rebuild_insight`, after a restore).
"""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from directory.models import Location, ServicePage
from directory.schedules import Schedule
from directory.vocabularies import ServiceAgeBand, ServiceDistrict, ServiceNeedLevel, ServiceOutcome, ServiceTopic
from insight.models import CountedService, SearchCount
from search.models import SearchLogEntry

CHUNK = 500
TERM_ROWS = {
    "outcomes": ServiceOutcome,
    "need_levels": ServiceNeedLevel,
    "age_bands": ServiceAgeBand,
    "topics": ServiceTopic,
}


def id_set(ids):
    """ "|3|7|" for {7, 3}: sorted, so services with the same set group together."""
    return "|" + "".join(f"{pk}|" for pk in sorted(set(ids)))


def ids_of(text):
    return [int(pk) for pk in text.strip("|").split("|") if pk]


def _related_ids(model, service_field, value_field, service_ids):
    found = defaultdict(set)
    rows = model.objects.filter(**{f"{service_field}__in": service_ids}).values_list(service_field, value_field)
    for service_id, value in rows:
        if value is not None:
            found[service_id].add(value)
    return found


def _rows_for(service_ids):
    """The CountedService rows of those of `service_ids` a family can see, made in a few queries."""
    services = list(
        ServicePage.objects.published()
        .filter(pk__in=service_ids)
        .values(
            "pk",
            "title",
            "path",
            "cost",
            "in_person",
            "home_visits",
            "online",
            "by_phone",
            "phone",
            "email",
            "website",
            "min_age",
            "max_age",
            "opening_times_note",
        )
    )
    ids = [service["pk"] for service in services]
    located = _related_ids(Location, "service_id", "district_id", ids)
    has_location = {
        service_id for (service_id,) in Location.objects.filter(service_id__in=ids).values_list("service_id")
    }
    served = _related_ids(ServicePage.districts_served.through, "servicepage_id", "districttag_id", ids)
    reaching = _related_ids(ServiceDistrict, "content_object_id", "tag_id", ids)
    terms = {field: _related_ids(model, "content_object_id", "tag_id", ids) for field, model in TERM_ROWS.items()}
    opening = set(
        Schedule.objects.filter(service_id__in=ids, kind=Schedule.Kind.OPEN).values_list("service_id", flat=True)
    )
    rows = []
    for service in services:
        pk = service["pk"]
        rows.append(
            CountedService(
                service_id=pk,
                title=service["title"],
                organisation_path=service["path"][: -ServicePage.steplen],
                cost=service["cost"],
                in_person=service["in_person"],
                home_visits=service["home_visits"],
                online=service["online"],
                by_phone=service["by_phone"],
                located=id_set(located[pk]),
                served=id_set(served[pk]),
                reaching=id_set(reaching[pk]),
                **{field: id_set(found[pk]) for field, found in terms.items()},
                no_contact=not (service["phone"] or service["email"] or service["website"]),
                no_opening_times=pk not in opening and not service["opening_times_note"],
                no_age_range=service["min_age"] is None and service["max_age"] is None,
                no_place=pk not in has_location and not served[pk],
            )
        )
    return rows


def refresh_services(service_ids):
    """Make the rows of these services say what is published now (and drop those no longer visible)."""
    service_ids = list(service_ids)
    for start in range(0, len(service_ids), CHUNK):
        chunk = service_ids[start : start + CHUNK]
        with transaction.atomic():
            CountedService.objects.filter(service_id__in=chunk).delete()
            CountedService.objects.bulk_create(_rows_for(chunk))


def refresh_under(page):
    """Every service at or below `page` (a move, a restriction added or lifted)."""
    refresh_services(ServicePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def _key(searched_at, district_code, text):
    """The day (local, as the pages' periods are), the district and the words a search is counted under."""
    return timezone.localdate(searched_at), district_code or "", (text or "").lower()


def count_search(entry, sign=1):
    """Add one search log row to its day's count (or take it away, `sign` -1)."""
    day, district, words = _key(entry.searched_at, entry.district_code, entry.text)
    zero = int(entry.result_count == 0)
    found = SearchCount.objects.filter(day=day, district_code=district, words=words)
    changes = {"searches": F("searches") + sign, "found_nothing": F("found_nothing") + sign * zero}
    if found.update(**changes) or sign < 0:
        found.filter(searches__lte=0).delete()
        return
    try:
        with transaction.atomic():  # a savepoint: another request may have made the row meanwhile
            SearchCount.objects.create(day=day, district_code=district, words=words, searches=1, found_nothing=zero)
    except IntegrityError:
        found.update(**changes)


def uncount_search(entry):
    count_search(entry, sign=-1)


def rebuild_services():
    CountedService.objects.all().delete()
    ids = list(ServicePage.objects.published().order_by("pk").values_list("pk", flat=True))
    refresh_services(ids)
    return len(ids)


def rebuild_searches():
    counts = defaultdict(lambda: [0, 0])
    entries = SearchLogEntry.objects.order_by().values_list("searched_at", "district_code", "text", "result_count")
    for searched_at, district_code, text, result_count in entries.iterator(chunk_size=5000):
        found = counts[_key(searched_at, district_code, text)]
        found[0] += 1
        found[1] += result_count == 0
    with transaction.atomic():
        SearchCount.objects.all().delete()
        SearchCount.objects.bulk_create(
            [
                SearchCount(day=day, district_code=district, words=words, searches=n, found_nothing=zero)
                for (day, district, words), (n, zero) in counts.items()
            ],
            batch_size=2000,
        )
    return sum(n for n, _ in counts.values())


def rebuild():
    """Both tables from scratch: {what: how many}."""
    return {"services": rebuild_services(), "searches": rebuild_searches()}


def fill_if_empty():
    """Rebuild a table that is empty while what it counts is not (the migrate that creates them)."""
    if not CountedService.objects.exists() and ServicePage.objects.published().exists():
        rebuild_services()
    if not SearchCount.objects.exists() and SearchLogEntry.objects.exists():
        rebuild_searches()
