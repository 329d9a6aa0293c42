"""The query plan of the database backend: one search as one SQL statement, built whole, then rendered.

Nothing is scanned in Python. One statement answers a search: a bounding box on indexed latitude
and longitude (or the row that stands for each service, without a place), the words through
full-text search (the dialect's), the filters, the total, the facet counts and the page.
Distances are ranked in SQL by an equirectangular approximation (good to well under 1% at 50
miles); only the page's rows get an exact geodesic distance. `make bench` measures it.

How words rank (sort=relevance, the default when words are typed, with or without a place):
- A service matching ANY of the words (each as a prefix, but a short everyday word whole: "son" must not
  find "songs", search.spelling.whole_words) or any synonym phrase is found; filler words are
  dropped first (search.text.STOP_WORDS). Its score is bm25 on SQLite (FTS5 columns weighted name 10,
  topics 6, summary 3, the rest 1), ts_rank on PostgreSQL (setweight A name, B topics, C summary, D the
  rest): matching more of the words, rarer words, and in the name or topics scores better.
- Relevance bands: a service's score over the best score among the services found puts it in band 0
  (over 2/3 of the best), 1 (over 1/3) or 2. Bands sort first, so a weak match never outranks a strong one
  because it is nearer.
- In a band, listings checked within 12 months (directory.models.STALE_AFTER) come before stale ones.
- Then, near a place, by distance; without one, by score; then name and id, so the order is stable.
- Near a place, services with no building near that serve the place's district (county-wide, online) are a
  block of their own (SERVING), by the same keys without distance. Sorted by relevance, the bands of both
  sets are worked out against the best score of either, and the block's best band comes after the near
  services in that band or a better one, before those matching less well, and the rest of the block after
  every near one: a county-wide attendance service that matches "school refusal" is not listed below every
  nursery near that matches "school", and county-wide services matching as little never crowd out the nursery.
  Otherwise the block comes last.
sort=distance, name and last_checked (most recently checked first) ignore the bands.

Facet counts (search.query.FACETS_COUNTED_UP_TO): how many of the services found have each term, for the
vocabularies no filter was chosen in, when the search finds no more than that many services. Counting what
each facet's own filter left out (as a shop does) kept every service failing one filter in the sets, scored
and grouped: twice the work of the search itself ("parenting" within 20 miles of Shoreham with three filters,
94 ms against 43 at 100,000 services).

Over 400 lines on purpose: one statement is built here whole, and its parts (the sets, the scores, the
facet sums, the page) name each other's columns; the SQL dialects are modules of their own.
"""

# The SQL below is built from fixed fragments, table and column names; every value, above all what
# the searcher typed, travels as a bound parameter.
# ruff: noqa: S608

from dataclasses import dataclass
from types import ModuleType

from django.db import connection
from django.utils import timezone

from directory.distance import MILES_PER_DEGREE, bounding_box, flat_miles_per_degree_longitude
from directory.schedules import EVENING
from directory.vocabularies import Weekday
from search import query as contract
from search.backends.database import postgresql, sqlite
from search.backends.database.indexer import DELIVERY_DAY_BITS, FACET_FIELDS, SERVED
from search.documents import topic_slug
from search.models import LANE_BITS, LANES_PER_PACK, ServiceLocationRow, ServiceOpening
from search.offer_filters import offer_codes
from search.query import FacetValue, ServiceQuery
from search.spelling import whole_words
from search.text import expand, phrase, words

NEAR, SERVING = 0, 1
BANDS = 3  # relevance bands: see the module's docstring
# Sort keys fold into one number: band and freshness in the millions, the distance squared (under 2,500
# square miles at 50 miles) or the score (bm25 and -ts_rank, negative, stay far under half a million) below.
KEY_STEP = 1_000_000
ROWS = ServiceLocationRow._meta.db_table
LANE_MASK = (1 << LANE_BITS) - 1
NULL = ", CAST(NULL AS BIGINT)"  # pads the statement's rows to one width; PostgreSQL wants the type
TOTAL, SUMS, PAGE = 0, 2, 1  # what a row of the statement's answer holds, in its first column


def _all_of(conditions):
    """Join (sql, params) pairs with AND; no conditions is always true."""
    sql = " AND ".join(f"({part})" for part, _ in conditions) or "1 = 1"
    return sql, [param for _, params in conditions for param in params]


class _Term:
    """Where one vocabulary term is counted: a lane of a facet pack, else its codes column."""

    def __init__(self, facet, code, lanes):
        self.facet, self.code = facet, code
        self.known = (facet, code) in lanes  # a code no service was ever indexed with has no lane
        self.lane = lanes.get((facet, code))
        self.pack, self.place = divmod(self.lane, LANES_PER_PACK) if self.lane is not None else (None, None)

    @property
    def column(self):
        # Without a lane: the codes column, named as the vocabulary field.
        return self.facet if self.pack is None else f"facet_pack_{self.pack}"

    def condition(self, dialect):
        if not self.known:
            return "1 = 0", []
        if self.pack is None:
            return dialect.contains(self.column), [f"|{self.code}|"]
        return f"({self.column} & %s) <> 0", [1 << (LANE_BITS * self.place)]


@dataclass(frozen=True)
class Plan:
    """One search as one SQL statement: built whole from a ServiceQuery (Plan.build), then rendered.

    Common table expressions hold each service the place, the words and the filters find, once,
    with its section and sort keys: near a place `near` and `serving` (services serving the place's
    district with no building near), otherwise `matched`. Over them the statement counts the total
    in one row and, when few enough are found, sums their first rows' facet packs in another; a few
    more rows give the page.
    Ranked near a place, the candidates come first (`boxed`, `served`), then their words' `scores` in
    one pass, then the sets, banded (_scores).
    """

    query: ServiceQuery
    lanes: dict
    with_facets: bool  # False: no facet counts
    with_page: bool  # False: the total alone (suggestions), which has no order
    dialect: ModuleType  # .sqlite or .postgresql
    match: object  # the dialect's full-text query, None without words
    facet_filters: dict  # vocabulary field: (sql, params) for the codes chosen
    terms: dict  # vocabulary field: [(_Term, label)], every term, for the facet counts

    @classmethod
    def build(cls, query, lanes, with_facets=True, with_page=True, vocabulary_terms=None):
        """vocabulary_terms: with facets, controlled_terms() (directory.vocabularies), read once a request.

        Three answers: the page, the total and the facet counts (a search page); the page and the total (the
        ORUK API, posters: callers that show no counts skip their sums); the total alone (suggestions).
        """
        dialect = postgresql if connection.vendor == "postgresql" else sqlite
        typed = words(query.text)
        alternatives = [phrase(alt) for alt in expand(query.text)]
        match = dialect.match(typed, alternatives, whole=whole_words(typed)) if typed else None
        chosen = {name: getattr(query, name) for name in FACET_FIELDS if getattr(query, name)}
        facet_filters = {
            name: _any_condition([_Term(name, code, lanes) for code in codes], dialect)
            for name, codes in chosen.items()
        }
        terms = {}
        if with_facets:
            terms = {
                name: [(_Term(name, code, lanes), label) for code, label in vocabulary_terms[name]]
                for name in FACET_FIELDS
            }
        return cls(query, lanes, with_facets and with_page, with_page, dialect, match, facet_filters, terms)

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
            conditions.append(self._any_of("languages", [language.lower() for language in query.languages]))
        if query.day is not None:
            conditions.append(("(delivery_day_bits & %s) <> 0", [DELIVERY_DAY_BITS[Weekday(query.day).code]]))
        if query.topics:
            conditions.append(self._any_of("topics", sorted({topic_slug(topic) for topic in query.topics})))
        if query.age_range is not None:
            youngest, oldest = query.age_range
            conditions.append(
                ("(min_age IS NULL OR min_age <= %s) AND (max_age IS NULL OR max_age >= %s)", [oldest, youngest])
            )
        if query.opens_after is not None or query.closes_before is not None:
            conditions.append(_opening_condition(query))
        conditions += _when_conditions(query)
        # Every code chosen, each its own condition: a service needs all of them.
        conditions += [(self.dialect.contains(field), [f"|{code}|"]) for field, code in offer_codes(query)]
        if query.serves_all:
            conditions.append(self._serving_all(query.serves_all))
        return conditions

    def _serving_all(self, codes):
        """The services serving every one of these districts, as a set of ids worked out once.

        The districts served are in no index but their own: tested on each row, they led SQLite to join a
        search's words to the rows through that index, every service scanned again for each hit. And the unary
        plus keeps the set from driving the rows' index, one seek per id for each hit (both minutes at 100,000
        services; with both, "debt advice" for the whole area takes 140 ms)."""
        served = " AND ".join(self.dialect.contains(SERVED) for _ in codes)
        sql = f"+service_id IN (SELECT service_id FROM {ROWS} WHERE first_of_service = %s AND {served})"
        return sql, [True, *(f"|{code}|" for code in codes)]

    def _any_of(self, column, codes):
        sql = "(" + " OR ".join(self.dialect.contains(column) for _ in codes) + ")"
        return sql, [f"|{code}|" for code in codes]

    def _row_conditions(self):
        """Every filter: the plain ones and the vocabularies'."""
        return [*self._plain(), *self.facet_filters.values()]

    def _text(self):
        """The services whose words match, as a condition on service_id (no condition without words)."""
        if self.match is None:
            return []
        return [self.dialect.text_condition(self.match)]

    @property
    def _words_last(self):
        """Near a place, whether the words are tested on the services found, after the place and the filters.

        When ranked or counted, the words are tested on those few candidates (scoring them tests them too):
        on SQLite one scan of the full-text index against them, instead of every row in the box being looked
        up among all the words' hits (166 candidates against 27,855 hits for "youth club" near Worthing); on
        PostgreSQL each candidate's vector once, instead of each row's and then each candidate's again.
        Nearest first, the words come first: every service in the box is grouped for its nearest site, and
        the words leave fewer to group. The 20 searches of `make bench` with words and a place at 100,000
        services, words first against last, summed, taken in turns (SQLite; PostgreSQL): ranked 728 and
        609 ms; 941 and 911 ms. Counted 331 and 292 ms; 475 and 424 ms. Nearest first 621 and 788 ms;
        1,184 and 1,352 ms. Measured again nearest first once the facet counts left the sets: the mix's 20 with
        three filters each favoured last (SQLite 440-502 against 409-420 ms, PostgreSQL 539-644 against
        477-509), but the ORUK API's 28 near a place, which keep only the vocabulary filters and so find many
        more candidates, favoured first by more (808-857 against 962-1,007; 1,009-1,047 against 1,260-1,346).
        """
        ranked_or_counted = self._by_relevance or not self.with_page
        return self.match is not None and self.query.near is not None and ranked_or_counted

    def _near_text(self):
        return [] if self._words_last else self._text()

    def _matching(self, name):
        """SQL keeping the services of the set `name` the words match (after _words_last), and its params."""
        among, params = self.dialect.among(self.match, f"SELECT service_id FROM {name}")
        return f"service_id IN ({among})", params

    def _words_clause(self):
        """`words`: the ids of the services the words match, no score (scored later, only those found)."""
        if self.match is None:
            return [], []
        return self.dialect.hits_clause(self.match, self._materialized)

    @property
    def _by_relevance(self):
        """Ranked by the words' scores: words typed, sorted by relevance, and an order wanted (a total alone has
        none, so it scores nothing)."""
        return self.match is not None and self.with_page and self.query.effective_sort == "relevance"

    def _stale(self, column="last_reviewed"):
        """1 for a listing not checked for over 12 months (or never), else 0."""
        from directory.models import STALE_AFTER

        cutoff = timezone.localdate() - STALE_AFTER
        return f"CASE WHEN {column} IS NULL OR {column} < %s THEN 1 ELSE 0 END", [cutoff.isoformat()]

    def _banded(self, scored, tail):
        """SQL over the common table `scored` (with rank and stale columns) adding the sort key: band, stale, tail.

        The bands are against the common table `best` (_best), worked out once: as a window over every row the
        best score cost a third of a common word's search (50 ms of 270 for 62,000 hits).
        """
        band = self.dialect.whole(f"(1.0 - rank / NULLIF((SELECT rank FROM best), 0)) * {BANDS}")
        key = f"(COALESCE({band}, 0) * 2 + stale) * {KEY_STEP} + {tail}"
        return f"SELECT {key} AS sort_key, r.* FROM {scored} r"

    def _band_in(self, key):
        """SQL reading back the band a sort key holds (_banded). The key's tail is a distance squared or a score,
        which is negative: read as key / (2 * KEY_STEP), a fresh service's score pulled it under its band (-1 for
        band 0 on PostgreSQL, whose FLOOR goes down; band 1 read as 0 on both). Half a step up keeps every tail
        inside its band and freshness."""
        return self.dialect.whole(f"({key} + {KEY_STEP // 2}) / {2 * KEY_STEP}")

    @property
    def _counted(self):
        """The vocabularies whose terms are counted (ServiceQuery.counts_facets_of)."""
        return {name: terms for name, terms in self.terms.items() if self.query.counts_facets_of(name)}

    def _near(self):
        place, radius = self.query.near, self.query.radius_miles
        min_lat, max_lat, min_lon, max_lon = bounding_box(place.latitude, place.longitude, radius)
        lon_miles = flat_miles_per_degree_longitude(place.latitude)
        # The equirectangular distance squared, as in the sort; exact geodesic miles come later, for the page only.
        distance = "((latitude - %s) * %s) * ((latitude - %s) * %s) + ((longitude - %s) * %s) * ((longitude - %s) * %s)"
        distance_params = [place.latitude, MILES_PER_DEGREE] * 2 + [place.longitude, lon_miles] * 2
        box = "latitude >= %s AND latitude <= %s AND longitude >= %s AND longitude <= %s"
        # The filters first, which cost an operation or two and may rule a row out; the distance (most
        # of the box is within the radius) after.
        in_box = (box, [min_lat, max_lat, min_lon, max_lon])
        where, params = _all_of([in_box, *self._row_conditions(), *self._near_text()])
        sort = self.query.effective_sort
        if (sort == "relevance" and self.match is None) or not self.with_page:
            sort = "distance"  # no words to rank, or a total alone (no order, so no scores): nearest first
        # Only a sort by name or last check reads the wide rows' name and date; relevance takes the
        # staleness with the words' hits, and leaves ties to service_id.
        extra = ", name, last_reviewed" if sort in ("name", "last_checked") else ""
        if sort == "relevance":
            extra = ", last_reviewed"  # the staleness, read here: the full-text table is only for the score
        # The inner query works the distance out once a row (flattened, SQLite would do it twice:
        # to test and to sort); the fence keeps it from being flattened.
        inner = f"SELECT service_id{extra}, {distance} AS distance FROM {ROWS} WHERE {where} {self.dialect.FENCE}"
        grouped_params = []
        if sort == "distance":
            picked = "MIN(distance) AS sort_number, '' AS sort_text"
        elif sort == "name":
            picked = "0 AS sort_number, MIN(name) AS sort_text"
        elif sort == "last_checked":
            picked = f"COALESCE(-{self.dialect.days('MAX(last_reviewed)')}, 0) AS sort_number, MIN(name) AS sort_text"
        else:  # relevance
            stale, grouped_params = self._stale()
            picked = f"MIN(distance) AS distance, MIN({stale}) AS stale, '' AS sort_text"
        grouped = (
            f"SELECT rows_in_box.service_id AS service_id, {picked} FROM ({inner}) rows_in_box "
            f"WHERE distance <= %s GROUP BY rows_in_box.service_id"
        )
        grouped_params = [*grouped_params, *distance_params, *params, radius * radius]
        if sort == "relevance":
            return [("boxed", grouped, grouped_params)], self._banded_set("boxed", "distance", NEAR), []
        if self._words_last:
            matching, matching_params = self._matching("boxed")
            sql = f"SELECT service_id, {NEAR} AS section, sort_number, sort_text FROM boxed WHERE {matching}"
            return [("boxed", grouped, grouped_params)], sql, matching_params
        sql = f"SELECT service_id, {NEAR} AS section, sort_number, sort_text FROM ({grouped}) grouped"
        return [], sql, grouped_params

    def _banded_set(self, name, tail, section):
        """The set's SQL over `{name}_scored`: the candidates `name` with their scores (see _scores), banded."""
        return (
            f"SELECT service_id, {section} AS section, sort_key AS sort_number, sort_text "
            f"FROM ({self._banded(f'{name}_scored', tail)}) banded"
        )

    def _scores(self, candidates):
        """The words' scores of the candidate services (boxed, and served), worked out in one pass: (CTEs, params).

        Only these services are scored, not every service the words match across the index: near a place that is
        a few dozen instead of thousands. One pass for both sets, because each pass runs the full-text query again
        and bm25 counts each phrase's hits across the index before its first score (half of a common word's cost).
        """
        ids = " UNION ALL ".join(f"SELECT service_id FROM {name}" for name in candidates)
        scores, params = self.dialect.scores(self.match, ids)
        parts = [("scores", scores, params)]
        for name in candidates:
            rows = f"SELECT f.*, s.rank AS rank FROM {name} f CROSS JOIN scores s WHERE s.service_id = f.service_id"
            parts.append((f"{name}_scored", rows, []))
        return parts

    def _serving(self):
        """Services serving the place's district with no building within the radius (one row each).

        (CTEs to put before the set, the set's SQL, params), as _near.
        """
        where, params = _all_of(
            [
                # Rows serving no district hold "|": the range skips them before the test for this district.
                # On PostgreSQL this condition is the partial index's (search 0016), so the rows are never read.
                ("first_of_service = %s AND served_districts > %s", [True, "|"]),
                (self.dialect.contains("served_districts"), [f"|{self.query.near.lad_code}|"]),
                *self._row_conditions(),
                *self._near_text(),
                # The services near: `boxed` when the words come last (every one they match is in it), else `near`.
                (f"service_id NOT IN (SELECT service_id FROM {'boxed' if self._words_last else 'near'})", []),
            ]
        )
        if self._by_relevance:
            stale, stale_params = self._stale()
            rows = f"SELECT service_id, name AS sort_text, {stale} AS stale FROM {ROWS} WHERE {where}"
            return [("served", rows, [*stale_params, *params])], self._banded_set("served", "rank", SERVING), []
        number = self._dated_number() if self.query.effective_sort == "last_checked" else "0"
        sql = f"SELECT service_id, {SERVING} AS section, {number} AS sort_number, name AS sort_text FROM {ROWS}"
        if self._words_last:
            matching, matching_params = self._matching("served")
            served = [("served", f"{sql} WHERE {where}", params)]
            return served, f"SELECT * FROM served WHERE {matching}", matching_params
        return [], f"{sql} WHERE {where}", params

    def _dated_number(self, column="last_reviewed"):
        """Most recently checked first, never checked last."""
        return f"COALESCE(-{self.dialect.days(column)}, 0)"

    def _ranked(self):
        """The words' hits with their relevance (lower sorts first), then one row for each service hit.

        The hits come first, whole: asked row by row, SQLite would run the full-text query once per row. Their
        ids are named apart: the filters name the rows' columns bare (service_id IN (...) for the sessions).
        """
        conditions = self._row_conditions()
        alone = self.dialect.WORDS_CARRY_CARD_KEYS and not conditions
        words, words_params = self.dialect.words_clause(self.match, self._materialized, card_keys=alone)
        hits_kept = self._materialized
        if alone:
            # Nothing to test on the rows: joining them read every service's first row (24 ms at 100,000), and
            # the hits are `words` as they are, not stored a second time.
            stale, stale_params = self._stale()
            rows, params = f"SELECT service_id, rank, {stale} AS stale, name AS sort_text FROM words", []
            hits_kept = self._inlined
        else:
            stale, stale_params = self._stale("r.last_reviewed")  # from the rows' index, beside the packs
            where, params = _all_of(conditions)
            rows = (
                f"SELECT r.service_id, h.rank AS rank, {stale} AS stale, r.name AS sort_text "
                f"FROM (SELECT service_id AS hit_id, rank FROM words) h JOIN {ROWS} r ON r.service_id = h.hit_id "
                f"WHERE r.first_of_service = %s AND {where}"
            )
            params = [True, *params]
        matched = (
            f"SELECT service_id, {NEAR} AS section, sort_key AS sort_number, sort_text "
            f"FROM ({self._banded('hits', 'rank')}) banded"
        )
        _name, best, best_params = self._best(["hits"])
        clause = (
            f"WITH {', '.join(words)}, hits AS {hits_kept}({rows}), best AS {self._materialized}({best}), "
            f"matched AS {self._inlined}({matched})"
        )
        return clause, [*words_params, *stale_params, *params, *best_params], ["matched"]

    def _by_name(self):
        where, params = _all_of([("first_of_service = %s", [True]), *self._row_conditions(), *self._text()])
        number = self._dated_number() if self.query.effective_sort == "last_checked" else "0"
        sql = f"SELECT service_id, {NEAR} AS section, {number} AS sort_number, name AS sort_text FROM {ROWS}"
        return f"{sql} WHERE {where}", params

    @property
    def _in_name_order(self):
        """Without a place or scores, by name: the page is read in the order of the rows' index by name, and stops
        at the page's end instead of sorting every service found (a search by filters alone at 100,000 services
        sorted 33,000 names for 20: 50 ms, 30 without). The set is then copied into its readers, not stored."""
        return self.query.near is None and not self._by_relevance and self.query.effective_sort == "name"

    @property
    def _materialized(self):
        return "MATERIALIZED " if self.dialect.can_materialize() else ""

    @property
    def _inlined(self):
        """For a set read twice but cheap to work out again: copied into each reader, the facet sums skip its
        sort key and nothing is stored (20 ms of 100 for the 27,855 hits of "youth club" at 100,000 services)."""
        return "NOT MATERIALIZED " if self.dialect.can_materialize() else ""

    def _matched(self):
        """The WITH clause, its parameters, and the names of the sets of services it defines.

        Each set has one row per service: service_id, section, sort_number and sort_text.
        Near a place there are two, `near` and `serving` (the services serving the place's district
        with no building near); otherwise one, `matched`.
        """
        if self.query.near is None and self._by_relevance:
            return self._ranked()
        parts, params = ([], []) if self._words_last else self._words_clause()
        if self.query.near is None:
            matched, matched_params = self._by_name()
            # With facet counts the set is read three times (the total, the sums, the page): stored, not worked out
            # again for each (every service's first row scanned each time).
            kept = self._inlined if self._in_name_order and not self._counted else self._materialized
            parts.append(f"matched AS {kept}({matched})")
            return "WITH " + ", ".join(parts), [*params, *matched_params], ["matched"]
        sets = ["near"]
        if (SERVED, self.query.near.lad_code) in self.lanes:  # else no service serves the district
            sets.append("serving")
        candidates, bodies = [], []
        for name in sets:
            before, sql, set_params = self._near() if name == "near" else self._serving()
            candidates += before
            bodies.append((name, sql, set_params))
        if self._by_relevance:  # ranked: the candidates, their scores, the best of them, then the banded sets
            scored = [name for name, _, _ in candidates]
            candidates += self._scores(scored)
            candidates.append(self._best([f"{name}_scored" for name in scored]))
        for name, sql, set_params in [*candidates, *bodies]:
            parts.append(f"{name} AS {self._materialized}({sql})")
            params += set_params
        if self._by_relevance and "serving" in sets:
            # The serving block's best band.
            band = self._band_in("sort_number")
            parts.append(f"serving_band AS {self._materialized}(SELECT MIN({band}) AS band FROM serving)")
        return "WITH " + ", ".join(parts), params, sets

    def _best(self, scored):
        """`best`: the best score among the services found, of the scored tables named, which the bands are worked
        out against (_banded)."""
        ranks = " UNION ALL ".join(f"SELECT rank FROM {name}" for name in scored)
        return "best", f"SELECT MIN(rank) AS rank FROM ({ranks}) shown", []

    def _facet_sums(self):
        """SUM expressions over a set of services for the counted facets, and where each term's count is read.

        A pack's sum counts its three terms at once, so terms sharing a pack share one SUM.
        """
        sums, params, positions, readers = [], [], {}, {}
        for name, terms in self._counted.items():
            for term, _label in terms:
                if not term.known:
                    readers[name, term.code] = None  # no service has it
                    continue
                if term.pack is None:  # no lane left for it: tested on its codes column
                    expression = f"CASE WHEN {self.dialect.contains(term.column)} THEN 1 ELSE 0 END"
                    expression_params = [f"|{term.code}|"]
                else:
                    expression, expression_params = term.column, []
                key = (expression, tuple(expression_params))
                if key not in positions:
                    positions[key] = len(sums)
                    # Cast: PostgreSQL sums a BIGINT as NUMERIC, which would make every row's ids decimals. Over at
                    # most FACETS_COUNTED_UP_TO services no lane of a pack overflows into the next, nor the 63 bits.
                    sums.append(f"CAST(SUM({expression}) AS BIGINT)")
                    params += expression_params
                readers[name, term.code] = (positions[key], term.place)
        return sums, params, readers

    def statement(self):
        """(SQL, parameters, where each facet term's count is read).

        With a page: a row with the total; with facets, a row of facet sums over the first rows of the services
        found, read only when the sets hold no more than FACETS_COUNTED_UP_TO between them; then the page's rows
        (service_id, section, position).
        Without: the total alone.
        """
        with_clause, params, sets = self._matched()
        totals = " UNION ALL ".join(f"SELECT COUNT(*) AS found FROM {name}" for name in sets)
        if not self.with_page:
            return f"{with_clause} SELECT SUM(found) FROM ({totals}) totals", params, {}
        sums, sum_params, readers = self._facet_sums() if self.with_facets else ([], [], {})
        width = max(len(sums) + 2, 4)
        with_clause += (
            f", found_total AS {self._materialized}(SELECT CAST(SUM(found) AS BIGINT) AS found FROM ({totals}) totals)"
        )
        rows = [f"SELECT {TOTAL}, found{NULL * (width - 2)} FROM found_total"]
        if sums:
            # Each service found's first row carries its packs; none are read when too many were found. CROSS JOIN
            # keeps SQLite from reading the rows first, every service's, to look each up among the few found.
            limit = contract.FACETS_COUNTED_UP_TO
            ids = " UNION ALL ".join(f"SELECT service_id FROM {name}" for name in sets)
            rows.append(
                f"SELECT {SUMS}, {', '.join(sums)}{NULL * (width - len(sums) - 1)} "
                f"FROM ({self.dialect.first_found(ids, '(SELECT found FROM found_total)', limit)}) few "
                f"CROSS JOIN {ROWS} WHERE service_id = found_id AND first_of_service = %s"
            )
            params += [*sum_params, True]
        columns = "service_id, section, sort_number, sort_text"
        found = " UNION ALL ".join(f"SELECT {columns} FROM {name}" for name in sets)
        # By name, section and sort_number are the same for every service: left out, the order is the index's.
        order = "sort_text, service_id" if self._in_name_order else "section, sort_number, sort_text, service_id"
        if self._by_relevance and "serving" in sets:
            band = self._band_in("sort_number")
            best_serving = "(SELECT band FROM serving_band)"
            # The near services in the serving block's best band or a better one, then the serving services in it,
            # then the other near ones, then the other serving ones.
            block = f"CASE WHEN {band} <= {best_serving} THEN 0 ELSE 2 END + section"
            order = f"{block}, {order}"
        sql = (
            f"{with_clause} {' UNION ALL '.join(rows)} "
            f"UNION ALL SELECT {PAGE}, service_id, section, ROW_NUMBER() OVER (ORDER BY {order}){NULL * (width - 4)} "
            f"FROM (SELECT {columns} FROM ({found}) found ORDER BY {order} LIMIT %s OFFSET %s) page"
        )
        start = (self.query.page - 1) * self.query.page_size
        return sql, [*params, self.query.page_size, start], readers

    def facets(self, total, sums, readers):
        """FacetValues per vocabulary, in the vocabulary's order, from the statement's sums.

        A vocabulary a filter was chosen in, and every one when too many services were found to count, has
        its terms without a count (None)."""
        counted = self._counted if total <= contract.FACETS_COUNTED_UP_TO else {}
        facets = {}
        for name, terms in self.terms.items():
            facets[name] = []
            for term, label in terms:
                count = None
                if name in counted:
                    reader = readers[name, term.code]
                    count = 0
                    if reader is not None:
                        whole = int(sums[reader[0]] or 0)
                        count = whole if reader[1] is None else (whole >> (LANE_BITS * reader[1])) & LANE_MASK
                facets[name].append(FacetValue(code=term.code, name=label, count=count))
        return facets


WEEKEND_BITS = DELIVERY_DAY_BITS[Weekday.SATURDAY.code] | DELIVERY_DAY_BITS[Weekday.SUNDAY.code]


def _when_conditions(query):
    """Weekends and evenings from the row's bits; a date (or now) from the opening rows valid that day."""
    conditions = []
    if query.weekends:
        conditions.append(("(delivery_day_bits & %s) <> 0", [WEEKEND_BITS]))
    moment = query.session_moment()
    if query.evenings and moment is None:
        conditions.append(("(delivery_day_bits & %s) <> 0", [DELIVERY_DAY_BITS["evening"]]))
    if moment is None:
        return conditions
    day, clock = moment
    if day is None:
        return [*conditions, ("1 = 0", [])]
    # Dated sessions are rows valid from and to their own date, so one condition finds both kinds.
    where = ["weekday = %s", "valid_from <= %s", "valid_to >= %s"]
    params = [day.weekday(), day.isoformat(), day.isoformat()]
    if clock is not None:
        where += ["opens <= %s", "closes > %s"]
        params += [clock.strftime("%H:%M:%S")] * 2
    if query.evenings:
        where.append("closes > %s")
        params.append(EVENING.strftime("%H:%M:%S"))
    conditions.append(_with_an_opening(where, params))
    return conditions


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
    return _with_an_opening(where, params)


def _with_an_opening(where, params):
    """(SQL, params): the services with an opening row meeting every condition of `where`.

    Tested on each service found, never driving the rows' index: see Plan._serving_all."""
    openings = ServiceOpening._meta.db_table
    return f"+service_id IN (SELECT service_id FROM {openings} WHERE {' AND '.join(where)})", params


def _any_condition(terms, dialect):
    parts = [term.condition(dialect) for term in terms]
    return "(" + " OR ".join(sql for sql, _ in parts) + ")", [param for _, params in parts for param in params]


def read_answer(answer):
    """(total, facet sums, page as (section, service_id) in order) from the statement's rows."""
    total, sums, page = 0, [], []
    for row in answer:
        if row[0] == TOTAL:
            total = row[1] or 0
        elif row[0] == SUMS:
            sums = [int(value or 0) for value in row[1:]]
        else:
            page.append((row[3], row[2], row[1]))
    page.sort()
    return int(total), sums, [(section, service_id) for _, section, service_id in page]
