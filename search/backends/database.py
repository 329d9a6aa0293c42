"""The embedded backend (SQLite or PostgreSQL): a denormalised row per service-location, filtered in SQL.

Nothing is scanned in Python: a bounding box on indexed latitude/longitude and the filters run in
SQL, distances are ranked in SQL by an equirectangular approximation (good to well under 1% at
50 miles), facets are one aggregate query, and only the page's rows get an exact geodesic distance.
"""

import math
import re

from django.db import connection, transaction
from django.db.models import Count, F, FloatField, Min, Q
from django.db.models.expressions import ExpressionWrapper, RawSQL

from directory import geo
from search.backends.base import BaseSearchBackend
from search.documents import service_document
from search.models import ServiceLocationRow, ServiceText
from search.query import WEEKDAYS, FacetValue, ResultItem, ResultLocation, SearchResults
from search.suggestions import make_suggestions
from search.synonyms import expand

FACET_FIELDS = {
    "outcomes": "outcomes",
    "need_levels": "need_levels",
    "age_bands": "age_bands",
    "districts": "districts",
}
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "for",
        "help",
        "in",
        "into",
        "is",
        "near",
        "of",
        "on",
        "or",
        "support",
        "the",
        "to",
        "with",
    ]
)
MILES_PER_DEGREE_LAT = 69.05


def _codes(values):
    return "|" + "|".join(values) + "|" if values else "|"


def _any_of(field, codes):
    condition = Q()
    for code in codes:
        condition |= Q(**{f"{field}__contains": f"|{code}|"})
    return condition


def _words(text):
    return [word for word in re.findall(r"\w+", text.lower()) if word not in STOP_WORDS][:12]


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"

    # --- keeping the index -------------------------------------------------------

    def index_service(self, service):
        self._write(service_document(service))

    @transaction.atomic
    def _write(self, document):
        self.remove_service(document["id"])
        base = {
            "service_id": document["id"],
            "name": document["name"][:255],
            "url": document["url"],
            "summary": document["summary"],
            "organisation": document["organisation"][:255],
            "cost": document["cost"],
            "self_referral": document["self_referral"],
            "min_age": document["min_age"],
            "max_age": document["max_age"],
            "outcomes": _codes(document["outcomes"]),
            "need_levels": _codes(document["need_levels"]),
            "age_bands": _codes(document["age_bands"]),
            "districts": _codes(document["districts"]),
            "served_districts": _codes(document["served_districts"]),
            "delivery": _codes(document["delivery"]),
            "languages": _codes(document["languages"]),
            "days": _codes(document["days"]),
            "card": document["card"],
            "last_reviewed": document["last_reviewed"],
        }
        locations = document["locations"] or [None]
        ServiceLocationRow.objects.bulk_create(
            [
                ServiceLocationRow(
                    **base,
                    location_id=location and location["id"],
                    latitude=location and location["latitude"],
                    longitude=location and location["longitude"],
                    postcode=(location and location["postcode"]) or "",
                    place_name=(location and location["name"][:200]) or "",
                    town=(location and location["town"]) or "",
                )
                for location in locations
            ]
        )
        ServiceText.objects.create(service_id=document["id"], text=document["text"])

    def remove_service(self, service_id):
        ServiceLocationRow.objects.filter(service_id=service_id).delete()
        ServiceText.objects.filter(service_id=service_id).delete()

    @transaction.atomic
    def rebuild(self, services):
        ServiceLocationRow.objects.all().delete()
        ServiceText.objects.all().delete()
        count = 0
        for service in services:
            self._write(service_document(service))
            count += 1
        return count

    # --- searching ---------------------------------------------------------------

    def search(self, query):
        rows = ServiceLocationRow.objects.all()
        text_filter = self._text_filter(query.text)
        if text_filter is not None:
            rows = rows.filter(text_filter)
        rows = rows.filter(self._plain_filters(query))
        facet_filters = self._facet_filters(query)

        if query.near is not None:
            near_condition, distance = self._near(query.near, query.radius_miles)
            serving_condition = self._serving(query.near, rows.filter(near_condition))
            matched = rows.filter(near_condition | serving_condition)
        else:
            near_condition = serving_condition = distance = None
            matched = rows

        facets = self._facets(matched, facet_filters)
        chosen = matched
        for condition in facet_filters.values():
            chosen = chosen.filter(condition)

        start = (query.page - 1) * query.page_size
        stop = start + query.page_size
        if query.near is not None:
            near = (
                chosen.filter(near_condition)
                .values("service_id")
                .annotate(sort_key=Min(distance))
                .order_by("sort_key", "service_id")
            )
            serving = (
                chosen.filter(serving_condition)
                .values("service_id")
                .annotate(sort_key=Min("name"))
                .order_by("sort_key", "service_id")
            )
            near_total, serving_total = near.count(), serving.count()
            total = near_total + serving_total
            page_ids = [row["service_id"] for row in near[start:stop]]
            serving_ids = []
            if len(page_ids) < query.page_size:
                offset = max(0, start - near_total)
                serving_ids = [row["service_id"] for row in serving[offset : offset + query.page_size - len(page_ids)]]
        else:
            ordered = chosen.values("service_id").annotate(name_key=Min("name"))
            if query.effective_sort == "relevance" and text_filter is not None:
                ordered = ordered.annotate(rank=Min(self._rank_expression(query.text))).order_by(
                    "rank", "name_key", "service_id"
                )
            else:
                ordered = ordered.order_by("name_key", "service_id")
            total = ordered.count()
            page_ids = [row["service_id"] for row in ordered[start:stop]]
            serving_ids = []

        items = self._items(page_ids, serving_ids, query.near)
        results = SearchResults(query=query, total=total, items=items, facets=facets, backend=self.name)
        if total == 0:
            results.suggestions = make_suggestions(self, query)
        return results

    def count(self, query):
        """How many services a query finds, for suggestions (no page, no facets)."""
        return self.search(query.without(page_size=1)).total

    # Text: SQLite FTS5 or PostgreSQL full text, with the synonyms added as alternatives.
    # The SQL text below is fixed; what the searcher typed only ever travels as a bound parameter.
    def _text_filter(self, text):
        match = self._match_expression(text)
        if match is None:
            return None
        if connection.vendor == "postgresql":
            sql = "SELECT service_id FROM search_servicetext WHERE to_tsvector('english', text) @@ (" + match[0] + ")"  # noqa: S608
            return Q(service_id__in=RawSQL(sql, match[1]))  # noqa: S611
        return Q(
            service_id__in=RawSQL("SELECT rowid FROM search_service_fts WHERE search_service_fts MATCH %s", [match])
        )

    def _match_expression(self, text):
        words = _words(text or "")
        if not words:
            return None
        alternatives = expand(text)
        if connection.vendor == "postgresql":
            parts = ["plainto_tsquery('english', %s)"] * (1 + len(alternatives))
            return " || ".join(parts), [" ".join(words), *alternatives]
        phrase = " AND ".join(f'"{word}"*' for word in words)
        quoted = [f'"{" ".join(_words(alt)) or alt}"' for alt in alternatives]
        return " OR ".join([f"({phrase})", *quoted])

    def _rank_expression(self, text):
        match = self._match_expression(text)
        if connection.vendor == "postgresql":
            sql = (
                "(SELECT -ts_rank(to_tsvector('english', t.text), " + match[0] + ") "
                "FROM search_servicetext t WHERE t.service_id = search_servicelocationrow.service_id)"
            )
            return RawSQL(sql, match[1], output_field=FloatField())  # noqa: S611
        sql = (
            "(SELECT bm25(search_service_fts) FROM search_service_fts "
            "WHERE search_service_fts MATCH %s AND rowid = search_servicelocationrow.service_id)"
        )
        return RawSQL(sql, [match], output_field=FloatField())  # noqa: S611

    def _plain_filters(self, query):
        condition = Q()
        if query.age is not None:
            condition &= (Q(min_age__isnull=True) | Q(min_age__lte=query.age)) & (
                Q(max_age__isnull=True) | Q(max_age__gte=query.age)
            )
        if query.free_only:
            condition &= Q(cost="free")
        if query.self_referral:
            condition &= Q(self_referral=True)
        if query.delivery:
            condition &= _any_of("delivery", query.delivery)
        if query.languages:
            condition &= _any_of("languages", [language.lower() for language in query.languages])
        if query.day is not None:
            condition &= Q(days__contains=f"|{WEEKDAYS[query.day]}|")
        return condition

    def _facet_filters(self, query):
        """The vocabulary filters, kept apart so each facet is counted without its own filter."""
        return {
            name: _any_of(field, getattr(query, name)) for name, field in FACET_FIELDS.items() if getattr(query, name)
        }

    def _near(self, place, radius_miles):
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(place.latitude, place.longitude, radius_miles)
        shrink = math.cos(math.radians(place.latitude))
        distance = ExpressionWrapper(
            ((F("latitude") - place.latitude) * MILES_PER_DEGREE_LAT)
            * ((F("latitude") - place.latitude) * MILES_PER_DEGREE_LAT)
            + ((F("longitude") - place.longitude) * (MILES_PER_DEGREE_LAT * shrink))
            * ((F("longitude") - place.longitude) * (MILES_PER_DEGREE_LAT * shrink)),
            output_field=FloatField(),
        )
        rows_in_box = (
            ServiceLocationRow.objects.filter(
                latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
            )
            .annotate(distance_squared=distance)
            .filter(distance_squared__lte=radius_miles * radius_miles)
        )
        return Q(service_id__in=rows_in_box.values("service_id")), distance

    def _serving(self, place, near_rows):
        """Services that serve the place's district but have no building within the radius."""
        if not place.lad_code:
            return Q(pk__in=[])
        return Q(served_districts__contains=f"|{place.lad_code}|") & ~Q(service_id__in=near_rows.values("service_id"))

    def _facets(self, matched, facet_filters):
        """Counts of services per vocabulary value, in one aggregate query."""
        from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag

        terms = {
            "outcomes": OutcomeTag.objects.all(),
            "need_levels": NeedLevelTag.objects.all(),
            "age_bands": AgeBandTag.objects.all(),
            "districts": DistrictTag.objects.all(),
        }
        aggregates, labels = {}, {}
        for name, queryset in terms.items():
            others = Q()
            for other, condition in facet_filters.items():
                if other != name:
                    others &= condition
            for index, term in enumerate(queryset.only("code", "name")):
                key = f"{name}__{index}"
                labels[key] = (name, term.code, term.name)
                field_filter = Q(**{f"{FACET_FIELDS[name]}__contains": f"|{term.code}|"}) & others
                aggregates[key] = Count("service_id", distinct=True, filter=field_filter)
        counts = matched.aggregate(**aggregates) if aggregates else {}
        facets = {name: [] for name in terms}
        for key, (name, code, label) in labels.items():
            facets[name].append(FacetValue(code=code, name=label, count=counts[key] or 0))
        return facets

    def _items(self, near_ids, serving_ids, place):
        rows = ServiceLocationRow.objects.filter(service_id__in=near_ids + serving_ids)
        by_service = {}
        for row in rows:
            by_service.setdefault(row.service_id, []).append(row)
        items = []
        for service_id in near_ids + serving_ids:
            service_rows = by_service.get(service_id)
            if not service_rows:
                continue
            nearest, distance = None, None
            located = [row for row in service_rows if row.latitude is not None]
            if place is not None and located:
                measured = [
                    (geo.distance_miles(place.latitude, place.longitude, row.latitude, row.longitude), row)
                    for row in located
                ]
                distance, nearest = min(measured, key=lambda pair: pair[0])
            elif located:
                nearest = located[0]
            serves = service_id in serving_ids
            first = service_rows[0]
            items.append(
                ResultItem(
                    service_id=service_id,
                    name=first.name,
                    url=first.url,
                    summary=first.summary,
                    organisation=first.organisation,
                    distance_miles=None if serves or distance is None else round(distance, 1),
                    serves_your_area=serves,
                    nearest_location=ResultLocation(
                        postcode=nearest.postcode,
                        latitude=nearest.latitude,
                        longitude=nearest.longitude,
                        name=nearest.place_name,
                        town=nearest.town,
                    )
                    if nearest
                    else None,
                    cost=first.cost,
                    self_referral=first.self_referral,
                    outcomes=first.card.get("outcomes", []),
                    need_levels=first.card.get("need_levels", []),
                    age_bands=first.card.get("age_bands", []),
                    last_reviewed=first.last_reviewed.isoformat() if first.last_reviewed else "",
                )
            )
        return items


SearchBackend = DatabaseSearchBackend
