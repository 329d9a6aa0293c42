"""The embedded backend (SQLite or PostgreSQL): a denormalised row per service-location, searched in SQL.

Nothing is scanned in Python. One SQL statement answers a search: a bounding box on indexed
latitude and longitude (or the row that stands for each service, without a place), the words
through full-text search (SQLite FTS5 or PostgreSQL), the filters, the total, every facet count
and the page. Distances are ranked in SQL by an equirectangular approximation (good to well under
1% at 50 miles); only the page's rows get an exact geodesic distance. `make bench` measures it.
"""

# The SQL below is built from fixed fragments, table and column names; every value, above all what
# the searcher typed, travels as a bound parameter.
# ruff: noqa: S608

import math
import re
from itertools import zip_longest

from django.db import connection, transaction

from directory import geo
from search.backends.base import BaseSearchBackend
from search.documents import service_document, topic_slug
from search.models import (
    FACET_PACKS,
    LANE_BITS,
    LANES_PER_PACK,
    FacetLane,
    ServiceLocationRow,
    ServiceOpening,
    ServiceText,
)
from search.query import DELIVERY_MODES, WEEKDAYS, FacetValue, ResultItem, ResultLocation, SearchResults
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
NEAR, SERVING = 0, 1
ROWS = ServiceLocationRow._meta.db_table
TEXTS = ServiceText._meta.db_table
FTS = "search_service_fts"  # SQLite only: the FTS5 table of migration 0002, rowid = service_id
LANE_MASK = (1 << LANE_BITS) - 1
SERVED = "served_districts"
NULL = ", CAST(NULL AS BIGINT)"  # pads the statement's rows to one width; PostgreSQL wants the type
DELIVERY_DAY_BITS = {code: 1 << bit for bit, code in enumerate(DELIVERY_MODES + WEEKDAYS)}


def _codes(values):
    return "|" + "|".join(values) + "|" if values else "|"


def _words(text):
    return [word for word in re.findall(r"\w+", text.lower()) if word not in STOP_WORDS][:12]


# --- keeping the index -------------------------------------------------------------


def _lanes(documents):
    """The lane of every vocabulary code in these documents, giving new codes the next free lanes.

    Districts served are listed too (as "served_districts", with no lane), so a search near a place
    whose district no service serves can skip looking for them.
    """
    lanes = _read_lanes()
    used = {(facet, code) for document in documents for facet in FACET_FIELDS for code in document[facet]}
    served = {(SERVED, code) for document in documents for code in document["served_districts"]}
    new = sorted(used - set(lanes))
    free = max((lane for lane in lanes.values() if lane is not None), default=-1) + 1
    added = []
    for facet, code in new:
        lane = free if free < FACET_PACKS * LANES_PER_PACK else None
        free += lane is not None
        lanes[facet, code] = lane
        added.append(FacetLane(vocabulary=facet, code=code, lane=lane))
    added += [FacetLane(vocabulary=facet, code=code, lane=None) for facet, code in sorted(served - set(lanes))]
    FacetLane.objects.bulk_create(added)
    return lanes


def _packs(document, lanes):
    packs = [0] * FACET_PACKS
    for facet in FACET_FIELDS:
        for code in document[facet]:
            lane = lanes[facet, code]
            if lane is not None:
                pack, place = divmod(lane, LANES_PER_PACK)
                packs[pack] |= 1 << (LANE_BITS * place)
    return {f"facet_pack_{number}": value for number, value in enumerate(packs)}


def _rows(document, lanes):
    """The index rows of one service document: one per location, or one with no place."""
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
        "topics": _codes(document.get("topic_slugs", ())),
        "card": document["card"],
        "last_reviewed": document["last_reviewed"],
        "delivery_day_bits": sum(DELIVERY_DAY_BITS.get(code, 0) for code in {*document["delivery"], *document["days"]}),
        **_packs(document, lanes),
    }
    return [
        ServiceLocationRow(
            **base,
            location_id=location and location["id"],
            latitude=location and location["latitude"],
            longitude=location and location["longitude"],
            postcode=(location and location["postcode"]) or "",
            place_name=(location and location["name"][:200]) or "",
            town=(location and location["town"]) or "",
            first_of_service=index == 0,
        )
        for index, location in enumerate(document["locations"] or [None])
    ]


# --- SQL pieces ----------------------------------------------------------------------


def _postgres():
    return connection.vendor == "postgresql"


def _contains(column):
    """SQL that is true when a "|code|code|" column holds the "|code|" bound to its placeholder."""
    return f"{'strpos' if _postgres() else 'instr'}({column}, %s) > 0"


def _any_of(column, codes):
    return "(" + " OR ".join(_contains(column) for _ in codes) + ")", [f"|{code}|" for code in codes]


def _all_of(conditions):
    """Join (sql, params) pairs with AND; no conditions is always true."""
    sql = " AND ".join(f"({part})" for part, _ in conditions) or "1 = 1"
    return sql, [param for _, params in conditions for param in params]


def _can_materialize():
    """WITH ... AS MATERIALIZED: PostgreSQL 12 and SQLite 3.35 on; older SQLite materializes a CTE used twice."""
    return _postgres() or connection.Database.sqlite_version_info >= (3, 35)


def _match_expression(text):
    """SQLite: one FTS5 query string. PostgreSQL: (tsquery SQL, params). None when no word counts."""
    words = _words(text or "")
    if not words:
        return None
    alternatives = expand(text)
    if _postgres():
        parts = ["plainto_tsquery('english', %s)"] * (1 + len(alternatives))
        return " || ".join(parts), [" ".join(words), *alternatives]
    phrase = " AND ".join(f'"{word}"*' for word in words)
    quoted = [f'"{" ".join(_words(alt)) or alt}"' for alt in alternatives]
    return " OR ".join([f"({phrase})", *quoted])


class _Term:
    """Where one vocabulary term is counted: a lane of a facet pack, else its codes column."""

    def __init__(self, facet, code, lanes):
        self.facet, self.code = facet, code
        self.known = (facet, code) in lanes  # a code no service was ever indexed with has no lane
        self.lane = lanes.get((facet, code))
        self.pack, self.place = divmod(self.lane, LANES_PER_PACK) if self.lane is not None else (None, None)

    @property
    def column(self):
        return FACET_FIELDS[self.facet] if self.pack is None else f"facet_pack_{self.pack}"

    def condition(self):
        if not self.known:
            return "1 = 0", []
        if self.pack is None:
            return _contains(self.column), [f"|{self.code}|"]
        return f"({self.column} & %s) <> 0", [1 << (LANE_BITS * self.place)]


class _Plan:
    """One search as one SQL statement.

    Common table expressions hold each service the place, the words and the plain filters find,
    once, with its section, sort keys and facet packs: near a place `near` and `serving` (services
    serving the place's district with no building near), otherwise `matched`. Over each the
    statement counts the total and sums the packs for every facet count (the vocabulary filters the
    user chose narrow each facet but its own) in one aggregate row; a few more rows give the page.
    """

    def __init__(self, query, lanes):
        self.query = query
        self.match = _match_expression(query.text)
        self.lanes = lanes
        self.terms = {}
        self.facet_filters = {}
        self.with_facets = True

    def _load_terms(self, with_facets):
        chosen = {name: getattr(self.query, name) for name in FACET_FIELDS if getattr(self.query, name)}
        for name, codes in chosen.items():
            self.facet_filters[name] = _any_condition([_Term(name, code, self.lanes) for code in codes])
        if with_facets:
            self.terms = {
                name: [(_Term(name, code, self.lanes), label) for code, label in terms]
                for name, terms in _vocabulary_terms().items()
            }

    # The conditions on one index row; every one is about the service, so any of its rows will do.
    def _plain(self):
        query, conditions = self.query, []
        if query.age is not None:
            conditions.append(
                ("(min_age IS NULL OR min_age <= %s) AND (max_age IS NULL OR max_age >= %s)", [query.age, query.age])
            )
        if query.free_only:
            conditions.append(("cost = %s", ["free"]))
        if query.self_referral:
            conditions.append(("self_referral = %s", [True]))
        if query.delivery:
            mask = sum(DELIVERY_DAY_BITS.get(mode, 0) for mode in set(query.delivery))
            conditions.append(("(delivery_day_bits & %s) <> 0", [mask]))
        if query.languages:
            conditions.append(_any_of("languages", [language.lower() for language in query.languages]))
        if query.day is not None:
            conditions.append(("(delivery_day_bits & %s) <> 0", [DELIVERY_DAY_BITS[WEEKDAYS[query.day]]]))
        if query.topics:
            conditions.append(_any_of("topics", sorted({topic_slug(topic) for topic in query.topics})))
        if query.age_range is not None:
            youngest, oldest = query.age_range
            conditions.append(
                ("(min_age IS NULL OR min_age <= %s) AND (max_age IS NULL OR max_age >= %s)", [oldest, youngest])
            )
        if query.opens_after is not None or query.closes_before is not None:
            conditions.append(_opening_condition(query))
        return conditions

    def _row_conditions(self):
        """The plain filters, and as much of the vocabulary filters as every count can bear.

        A total alone takes all of them. With facets each facet ignores its own filter, so a service
        failing one vocabulary filter still counts in that facet, but one failing two counts nowhere.
        """
        conditions = self._plain()
        filters = list(self.facet_filters.values())
        if not self.with_facets:
            conditions += filters
        elif len(filters) > 1:
            failed = " + ".join(f"(CASE WHEN {sql} THEN 0 ELSE 1 END)" for sql, _ in filters)
            conditions.append((f"{failed} <= 1", [param for _, params in filters for param in params]))
        return conditions

    def _text(self):
        """The services whose words match, as a condition on service_id (no condition without words)."""
        if self.match is None:
            return []
        if _postgres():
            sql = f"SELECT service_id FROM {TEXTS} WHERE search_vector @@ ({self.match[0]})"
            return [(f"service_id IN ({sql})", self.match[1])]
        # The unary + keeps SQLite from driving the search through the service_id index, one row
        # read per word hit: the place or the index entries narrow more cheaply, the hits are a set.
        return [("+service_id IN (SELECT service_id FROM words)", [])]

    def _words_clause(self):
        if self.match is None or _postgres():
            return [], []
        return [f"words AS {self._materialized}(SELECT rowid AS service_id FROM {FTS} WHERE {FTS} MATCH %s)"], [
            self.match
        ]

    def _columns(self, with_facets):
        """The columns the sets of services carry: the packs (or codes) facets and vocabulary filters read."""
        if not with_facets:
            return []  # a total alone has every filter applied inside the sets
        terms = [term for term, _ in sum(self.terms.values(), [])]
        terms += [term for name in self.facet_filters for term in self._filter_terms(name)]
        return sorted({term.column for term in terms if term.known})

    def _filter_terms(self, name):
        return [_Term(name, code, self.lanes) for code in getattr(self.query, name)]

    def _near(self, columns):
        place, radius = self.query.near, self.query.radius_miles
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(place.latitude, place.longitude, radius)
        lon_miles = MILES_PER_DEGREE_LAT * math.cos(math.radians(place.latitude))
        # The equirectangular distance squared, as in the sort; exact geodesic miles come later, for the page only.
        distance = "((latitude - %s) * %s) * ((latitude - %s) * %s) + ((longitude - %s) * %s) * ((longitude - %s) * %s)"
        distance_params = [place.latitude, MILES_PER_DEGREE_LAT] * 2 + [place.longitude, lon_miles] * 2
        box = "latitude >= %s AND latitude <= %s AND longitude >= %s AND longitude <= %s"
        # The filters first, which cost an operation or two and may rule a row out; the distance (most
        # of the box is within the radius) after.
        where, params = _all_of([(box, [min_lat, max_lat, min_lon, max_lon]), *self._row_conditions(), *self._text()])
        # The inner query works the distance out once a row (flattened, SQLite would do it twice:
        # to test and to sort); the OFFSET keeps it from being flattened.
        fence = "OFFSET 0" if _postgres() else "LIMIT -1 OFFSET 0"
        rows = "".join(f", {column}" for column in columns)
        inner = f"SELECT service_id, {distance} AS distance{rows} FROM {ROWS} WHERE {where} {fence}"
        # SQLite takes a bare column from the nearest row of the service; the packs are the same on every row.
        keep = rows if not _postgres() else "".join(f", MIN({column}) AS {column}" for column in columns)
        sort_number, sort_text, sort_params = self._near_sort()
        if sort_text != "''":
            inner = inner.replace("SELECT service_id, ", "SELECT service_id, name, ", 1)
        sql = (
            f"SELECT service_id, {NEAR} AS section, {sort_number} AS sort_number, {sort_text} AS sort_text{keep} "
            f"FROM ({inner}) rows_in_box WHERE distance <= %s GROUP BY service_id"
        )
        return sql, [*sort_params, *distance_params, *params, radius * radius]

    def _near_sort(self):
        """How the near services are ordered: by distance unless the searcher asked for relevance or name."""
        sort = self.query.effective_sort
        if sort == "name":
            return "0", "MIN(name)", []
        if sort == "relevance" and self.match is not None:
            if _postgres():
                match_sql, match_params = self.match
                rank = (
                    f"SELECT -ts_rank(t.search_vector, {match_sql}) FROM {TEXTS} t "
                    "WHERE t.service_id = rows_in_box.service_id"
                )
                return f"({rank})", "MIN(name)", list(match_params)
            rank = f"SELECT bm25({FTS}) FROM {FTS} WHERE {FTS} MATCH %s AND rowid = rows_in_box.service_id"
            return f"({rank})", "MIN(name)", [self.match]
        return "MIN(distance)", "''", []

    def _serving(self, columns):
        """Services serving the place's district with no building within the radius (one row each)."""
        where, params = _all_of(
            [
                # Rows serving no district hold "|": the range skips them before the test for this district.
                ("first_of_service = %s AND served_districts > %s", [True, "|"]),
                (_contains("served_districts"), [f"|{self.query.near.lad_code}|"]),
                *self._row_conditions(),
                *self._text(),
                ("service_id NOT IN (SELECT service_id FROM near)", []),
            ]
        )
        keep = "".join(f", {column}" for column in columns)
        sql = f"SELECT service_id, {SERVING} AS section, 0 AS sort_number, name AS sort_text{keep} FROM {ROWS}"
        return f"{sql} WHERE {where}", params

    def _ranked(self, columns):
        """The words' hits with their relevance (lower sorts first), then one row for each service hit.

        The hits come first, whole: asked row by row, SQLite would run the full-text query once per row.
        """
        if _postgres():
            match_sql, match_params = self.match
            hits = (
                f"SELECT service_id, -ts_rank(search_vector, {match_sql}) AS rank FROM {TEXTS} "
                f"WHERE search_vector @@ ({match_sql})"
            )
            hit_params = [*match_params, *match_params]
        else:
            hits = f"SELECT rowid AS service_id, bm25({FTS}) AS rank FROM {FTS} WHERE {FTS} MATCH %s"
            hit_params = [self.match]
        where, params = _all_of(self._row_conditions())
        keep = "".join(f", r.{column}" for column in columns)
        matched = (
            f"SELECT r.service_id, {NEAR} AS section, h.rank AS sort_number, r.name AS sort_text{keep} "
            f"FROM hits h JOIN {ROWS} r ON r.service_id = h.service_id "
            f"WHERE r.first_of_service = %s AND {where}"
        )
        clause = f"WITH hits AS {self._materialized}({hits}), matched AS {self._materialized}({matched})"
        return clause, [*hit_params, True, *params], ["matched"]

    def _by_name(self, columns):
        where, params = _all_of([("first_of_service = %s", [True]), *self._row_conditions(), *self._text()])
        keep = "".join(f", {column}" for column in columns)
        sql = f"SELECT service_id, {NEAR} AS section, 0 AS sort_number, name AS sort_text{keep} FROM {ROWS}"
        return f"{sql} WHERE {where}", params

    @property
    def _materialized(self):
        return "MATERIALIZED " if _can_materialize() else ""

    def _matched(self, with_facets):
        """The WITH clause, its parameters, and the names of the sets of services it defines.

        Each set has one row per service: service_id, section, sort_number, sort_text and the packs.
        Near a place there are two, `near` and `serving` (the services serving the place's district
        with no building near); otherwise one, `matched`.
        """
        columns = self._columns(with_facets)
        ranked = with_facets and self.match is not None and self.query.effective_sort == "relevance"
        if self.query.near is None and ranked:
            return self._ranked(columns)
        parts, params = self._words_clause()
        if self.query.near is None:
            matched, matched_params = self._by_name(columns)
            parts.append(f"matched AS {self._materialized}({matched})")
            return "WITH " + ", ".join(parts), [*params, *matched_params], ["matched"]
        near, near_params = self._near(columns)
        parts.append(f"near AS {self._materialized}({near})")
        params += near_params
        if (SERVED, self.query.near.lad_code) not in self.lanes:  # no service serves the district
            return "WITH " + ", ".join(parts), params, ["near"]
        serving, serving_params = self._serving(columns)
        parts.append(f"serving AS {self._materialized}({serving})")
        return "WITH " + ", ".join(parts), [*params, *serving_params], ["near", "serving"]

    def _facet_sums(self):
        """SUM expressions over a set of services for every facet, and where each term's count is read.

        A pack's sum counts its three terms at once, so terms sharing a pack share one SUM unless the
        vocabulary filters make their facets count different services.
        """
        sums, params, positions, readers = [], [], {}, {}
        for name, terms in self.terms.items():
            # Each facet counts the services the other vocabulary filters leave (never its own filter).
            others, others_params = _all_of([c for other, c in self.facet_filters.items() if other != name])
            for term, _label in terms:
                if not term.known:
                    readers[name, term.code] = None  # no service has it
                    continue
                if term.pack is None:  # no lane left for it: tested on its codes column
                    expression = f"CASE WHEN {_contains(term.column)} THEN 1 ELSE 0 END"
                    expression_params = [f"|{term.code}|"]
                else:
                    expression, expression_params = term.column, []
                if others != "1 = 1":
                    expression = f"CASE WHEN {others} THEN {expression} ELSE 0 END"
                    expression_params = [*others_params, *expression_params]
                key = (expression, tuple(expression_params))
                if key not in positions:
                    positions[key] = len(sums)
                    sums.append(f"SUM({expression})")
                    params += expression_params
                readers[name, term.code] = (positions[key], term.place)
        return sums, params, readers

    def statement(self, with_facets):
        """The SQL and parameters.

        With facets: one aggregate row per set of services (the chosen total, then the facet sums),
        then the page's rows (service_id, section, position). Without: the total alone.
        """
        self.with_facets = with_facets
        self._load_terms(with_facets)
        with_clause, params, sets = self._matched(with_facets)
        chosen, chosen_params = _all_of(list(self.facet_filters.values()))
        if not with_facets:
            totals = " UNION ALL ".join(f"SELECT COUNT(*) AS found FROM {name}" for name in sets)
            return f"{with_clause} SELECT SUM(found) FROM ({totals}) totals", params
        sums, sum_params, self.readers = self._facet_sums()
        counts = [f"SUM(CASE WHEN {chosen} THEN 1 ELSE 0 END)", *sums]
        width = max(len(counts) + 1, 4)
        aggregates = " UNION ALL ".join(
            f"SELECT 0, {', '.join(counts)}{NULL * (width - len(counts) - 1)} FROM {name}" for name in sets
        )
        columns = "service_id, section, sort_number, sort_text"
        found = " UNION ALL ".join(f"SELECT {columns} FROM {name} WHERE {chosen}" for name in sets)
        order = "section, sort_number, sort_text, service_id"
        sql = (
            f"{with_clause} {aggregates} "
            f"UNION ALL SELECT 1, service_id, section, ROW_NUMBER() OVER (ORDER BY {order}){NULL * (width - 4)} "
            f"FROM (SELECT {columns} FROM ({found}) found ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        start = (self.query.page - 1) * self.query.page_size
        params += [*chosen_params, *sum_params] * len(sets) + chosen_params * len(sets)
        return sql, [*params, self.query.page_size, start]

    def facets(self, sums):
        """FacetValues per vocabulary, in the vocabulary's order, from the statement's sums."""
        facets = {}
        for name, terms in self.terms.items():
            facets[name] = []
            for term, label in terms:
                reader = self.readers[name, term.code]
                count = 0
                if reader is not None:
                    total = int(sums[reader[0]] or 0)
                    count = total if reader[1] is None else (total >> (LANE_BITS * reader[1])) & LANE_MASK
                facets[name].append(FacetValue(code=term.code, name=label, count=count))
        return facets


def _opening_condition(query):
    """Services with one opening (on the day asked, else any) inside the times asked."""
    where, params = [], []
    if query.day is not None:
        where.append("weekday = %s")
        params.append(query.day)
    if query.opens_after is not None:
        where.append("opens >= %s")
        params.append(query.opens_after.strftime("%H:%M:%S"))
    if query.closes_before is not None:
        where.append("closes <= %s")
        params.append(query.closes_before.strftime("%H:%M:%S"))
    openings = ServiceOpening._meta.db_table
    return f"service_id IN (SELECT service_id FROM {openings} WHERE {' AND '.join(where)})", params


def _any_condition(terms):
    parts = [term.condition() for term in terms]
    return "(" + " OR ".join(sql for sql, _ in parts) + ")", [param for _, params in parts for param in params]


def _vocabulary_terms():
    """Every term of the four vocabularies as (code, name), in each vocabulary's order: one query."""
    from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag

    models = [OutcomeTag, NeedLevelTag, AgeBandTag, DistrictTag]
    order = connection.ops.quote_name("order")
    sql = " UNION ALL ".join(
        f"SELECT {index} AS facet, code, name, {order} AS position FROM {model._meta.db_table}"
        for index, model in enumerate(models)
    )
    terms = {name: [] for name in FACET_FIELDS}  # in the order of `models`
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY facet, position, name")
        for index, code, name, _position in cursor.fetchall():
            terms[list(FACET_FIELDS)[index]].append((code, name))
    return terms


def _read_lanes():
    return {(lane.vocabulary, lane.code): lane.lane for lane in FacetLane.objects.all()}


def _count(query, lanes):
    statement, params = _Plan(query, lanes).statement(with_facets=False)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return int(cursor.fetchone()[0] or 0)  # PostgreSQL sums counts as numeric


class _Counter:
    """Counts the changed queries of one search's suggestions with the lanes that search read."""

    def __init__(self, lanes):
        self.lanes = lanes

    def count(self, query):
        return _count(query, self.lanes)


def _could_be_nearest(place, rows):
    """The rows worth an exact (and slow: 60 µs) geodesic distance, in their order.

    A flat-earth estimate at the mean latitude is within half a percent of the geodesic anywhere
    in Great Britain, so a row estimated more than 10% farther than the nearest estimate is never
    the nearest.
    """
    estimates = []
    for row in rows:
        across = (row.longitude - place.longitude) * math.cos(math.radians((row.latitude + place.latitude) / 2))
        estimates.append(MILES_PER_DEGREE_LAT * math.hypot(row.latitude - place.latitude, across))
    closest = min(estimates)
    return [row for row, estimate in zip(rows, estimates, strict=True) if estimate <= closest * 1.1 + 0.1]


def _read(answer):
    """(total, facet sums, page as (section, service_id) in order) from the statement's rows."""
    total, sums, page = 0, [], []
    for row in answer:
        if row[0] == 0:
            # One row per set of services; a pack's lanes add up without carrying into each other.
            total += row[1] or 0
            sums = [int(a or 0) + int(b or 0) for a, b in zip_longest(sums, row[2:])]
        else:
            page.append((row[3], row[2], row[1]))
    page.sort()
    return total, sums, [(section, service_id) for _, section, service_id in page]


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"

    # --- keeping the index -------------------------------------------------------

    def index_service(self, service):
        document = service_document(service)
        with transaction.atomic():
            self.remove_service(document["id"])
            self.write_documents([document])

    def remove_service(self, service_id):
        ServiceLocationRow.objects.filter(service_id=service_id).delete()
        ServiceOpening.objects.filter(service_id=service_id).delete()
        ServiceText.objects.filter(service_id=service_id).delete()

    @transaction.atomic
    def rebuild(self, services):
        ServiceLocationRow.objects.all().delete()
        ServiceText.objects.all().delete()
        ServiceOpening.objects.all().delete()
        FacetLane.objects.all().delete()  # the lanes are given out afresh, to the codes in use
        count, batch = 0, []
        for service in services:
            batch.append(service_document(service))
            if len(batch) == 500:
                count += self.write_documents(batch)
                batch = []
        return count + self.write_documents(batch)

    def write_documents(self, documents):
        """Add services not yet in the index, in bulk (rebuild and the benchmark); returns how many."""
        lanes = _lanes(documents)
        rows, texts, openings = [], [], []
        for document in documents:
            rows.extend(_rows(document, lanes))
            texts.append(ServiceText(service_id=document["id"], text=document["text"]))
            openings += [
                ServiceOpening(service_id=document["id"], weekday=o["day"], opens=o["opens"], closes=o["closes"])
                for o in document.get("openings", ())
            ]
        ServiceLocationRow.objects.bulk_create(rows, batch_size=500)
        ServiceOpening.objects.bulk_create(openings, batch_size=500)
        ServiceText.objects.bulk_create(texts, batch_size=500)
        return len(texts)

    # --- searching ---------------------------------------------------------------

    def search(self, query):
        lanes = _read_lanes()
        plan = _Plan(query, lanes)
        statement, params = plan.statement(with_facets=True)
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            answer = cursor.fetchall()
        total, sums, page = _read(answer)
        serving_ids = [service_id for section, service_id in page if section == SERVING]
        near_ids = [service_id for section, service_id in page if section != SERVING]
        items = self._items(near_ids, serving_ids, query.near)
        results = SearchResults(query=query, total=total, items=items, facets=plan.facets(sums), backend=self.name)
        if total == 0:
            results.suggestions = make_suggestions(_Counter(lanes), query)
        return results

    def count(self, query):
        """How many services a query finds, in two queries: no page, no facets."""
        return _count(query, _read_lanes())

    def _items(self, near_ids, serving_ids, place):
        rows = ServiceLocationRow.objects.filter(service_id__in=near_ids + serving_ids).order_by("id")
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
                    for row in _could_be_nearest(place, located)
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
