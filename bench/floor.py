"""The raw SQL floor: the same search as one hand-written query through sqlite3, no Django, no facets.

It reads the same tables and indexes as the backend (the rows, the FTS5 table, the facet packs), so
the gap between the two is what the backend adds: facets, the cards, Django and Python.
"""

import datetime as dt
import math
import sqlite3

from directory.distance import MILES_PER_DEGREE, bounding_box
from search.backends.database import sqlite
from search.query import DELIVERY_MODES, WEEKDAYS
from search.spelling import whole_words
from search.text import expand, phrase, words

LANES_PER_PACK, LANE_BITS = 3, 21
WEIGHTS = "10.0, 6.0, 3.0, 1.0"  # bm25 weights of name, topics, summary, the rest, as the backend's
VOCABULARIES = ("outcomes", "need_levels", "age_bands", "districts")
BITS = {code: 1 << bit for bit, code in enumerate(DELIVERY_MODES + WEEKDAYS)}  # ServiceLocationRow.delivery_day_bits
# SQLite before 3.35 has no AS MATERIALIZED, and materializes a common table expression used twice anyway.
MATERIALIZED = "MATERIALIZED " if sqlite3.sqlite_version_info >= (3, 35) else ""
INLINED = "NOT MATERIALIZED " if MATERIALIZED else ""


class Floor:
    """A read-only sqlite3 connection to the benchmark database, and the lanes of its facet packs."""

    def __init__(self, path):
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.lanes = {
            (v, c): lane for v, c, lane in self.conn.execute("SELECT vocabulary, code, lane FROM search_facetlane")
        }

    def close(self):
        self.conn.close()

    def search(self, query):
        """(total, page of service ids) for a ServiceQuery, in one statement."""
        sql, params = self._statement(query)
        total, ids = self.conn.execute(sql, params).fetchone()
        return total or 0, [int(i) for i in ids.split(",")] if ids else []

    def _vocabulary(self, name, codes):
        tests, params = [], []
        for code in codes:
            lane = self.lanes.get((name, code), -1)
            if lane is None:
                tests.append(f"{name} LIKE ?")
                params.append(f"%|{code}|%")
            elif lane >= 0:
                pack, place = divmod(lane, LANES_PER_PACK)
                tests.append(f"(facet_pack_{pack} & ?) <> 0")
                params.append(1 << (LANE_BITS * place))
        return "(" + (" OR ".join(tests) or "0") + ")", params

    def _filters(self, query):
        conditions, params = [], []
        if query.age is not None:
            conditions.append("(min_age IS NULL OR min_age <= ?) AND (max_age IS NULL OR max_age >= ?)")
            params += [query.age, query.age]
        if query.free_only:
            conditions.append("cost = 'free'")
        if query.self_referral:
            conditions.append("self_referral = 1")
        if query.day is not None:
            conditions.append("(delivery_day_bits & ?) <> 0")
            params.append(BITS[WEEKDAYS[query.day]])
        if query.delivery:
            conditions.append("(delivery_day_bits & ?) <> 0")
            params.append(sum(BITS.get(mode, 0) for mode in set(query.delivery)))
        if query.languages:
            conditions.append("(" + " OR ".join("instr(languages, ?) > 0" for _ in query.languages) + ")")
            params += [f"|{language.lower()}|" for language in query.languages]
        for name in VOCABULARIES:
            if getattr(query, name):
                sql, more = self._vocabulary(name, getattr(query, name))
                conditions.append(sql)
                params += more
        return " AND ".join(conditions) or "1", params

    def _statement(self, query):
        where, params = self._filters(query)
        match = _match(query.text) if query.text else None
        ranked = match is not None and query.effective_sort == "relevance"
        stale, stale_params = _stale()
        ctes, cte_params = [], []
        words = ""
        place = query.near
        if match and not (place is not None and ranked):
            ctes.append(
                f"words AS {MATERIALIZED}(SELECT rowid AS service_id FROM search_service_fts "
                "WHERE search_service_fts MATCH ?)"
            )
            cte_params.append(match)
            words = " AND +service_id IN (SELECT service_id FROM words)"
        if place is not None:
            # Ranked near a place the words come last, as the backend's: scoring the services found tests
            # them, instead of every row in the box being looked up among the hits. Nearest first, first.
            min_lat, max_lat, min_lon, max_lon = bounding_box(place.latitude, place.longitude, query.radius_miles)
            shrink = MILES_PER_DEGREE * math.cos(math.radians(place.latitude))
            d2 = "((latitude - ?) * ?) * ((latitude - ?) * ?) + ((longitude - ?) * ?) * ((longitude - ?) * ?)"
            d2_params = [place.latitude, MILES_PER_DEGREE] * 2 + [place.longitude, shrink] * 2
            ctes.append(
                f"near AS {MATERIALIZED}(SELECT service_id, MIN({d2}) AS key, MIN({stale}) AS stale "
                "FROM search_servicelocationrow "
                f"WHERE latitude >= ? AND latitude <= ? AND longitude >= ? AND longitude <= ? AND {d2} <= ? "
                f"AND {where}{words} GROUP BY service_id)"
            )
            cte_params += [*d2_params, *stale_params, min_lat, max_lat, min_lon, max_lon, *d2_params]
            cte_params += [query.radius_miles**2, *params]
            ctes.append(
                f"serving AS {MATERIALIZED}(SELECT service_id, name, {stale} AS stale FROM search_servicelocationrow "
                f"WHERE first_of_service = 1 AND served_districts > '|' AND instr(served_districts, ?) > 0 "
                f"AND {where}{words} AND service_id NOT IN (SELECT service_id FROM near))"
            )
            cte_params += [*stale_params, f"|{place.lad_code or '-'}|", *params]
            order = "section, band, stale, key, name, service_id"
            if ranked:
                # Relevance bands against the best score of both sets, then freshness, then distance (near) or
                # score (serving); the serving services in their best band straight after the near ones in that
                # band or a better one, the rest after every near one: the backend's rule.
                ctes.append(f"near_scored AS {MATERIALIZED}({_scored('near')})")
                ctes.append(f"serving_scored AS {MATERIALIZED}({_scored('serving')})")
                cte_params += [match, match]
                ctes.append(
                    f"best AS {MATERIALIZED}(SELECT MIN(rank) AS rank FROM "
                    "(SELECT rank FROM near_scored UNION ALL SELECT rank FROM serving_scored))"
                )
                band = _band("rank", "(SELECT rank FROM best)")
                ctes.append(
                    f"found AS {MATERIALIZED}(SELECT service_id, 0 AS section, {band} AS band, stale, key, '' AS name "
                    f"FROM near_scored UNION ALL SELECT service_id, 1, {band}, stale, rank, name FROM serving_scored)"
                )
                block = "CASE WHEN band <= (SELECT MIN(band) FROM found WHERE section = 1) THEN 0 ELSE 2 END + section"
                order = f"{block}, {order}"
            else:
                ctes.append(
                    f"found AS {MATERIALIZED}(SELECT service_id, 0 AS section, 0 AS band, 0 AS stale, key, "
                    "'' AS name FROM near UNION ALL SELECT service_id, 1, 0, 0, 0, name FROM serving)"
                )
        elif ranked:
            ctes.append(
                f"hits AS {MATERIALIZED}(SELECT rowid AS service_id, bm25(search_service_fts, {WEIGHTS}) AS rank "
                "FROM search_service_fts WHERE search_service_fts MATCH ?)"
            )
            cte_params.append(match)
            ctes.append(
                f"matched AS {MATERIALIZED}(SELECT r.service_id, h.rank AS rank, r.name AS name, {stale} AS stale "
                f"FROM hits h JOIN search_servicelocationrow r ON r.service_id = h.service_id "
                f"WHERE r.first_of_service = 1 AND {where})"
            )
            cte_params += [*stale_params, *params]
            ctes.append(f"found AS {MATERIALIZED}(SELECT *, {_band('rank', 'MIN(rank) OVER ()')} AS band FROM matched)")
            order = "band, stale, rank, name, service_id"
        else:
            # Copied into its two readers, as the backend's (Plan._in_name_order): the page in the index's order.
            ctes.append(
                f"found AS {INLINED}(SELECT service_id, name FROM search_servicelocationrow "
                f"WHERE first_of_service = 1 AND {where}{words})"
            )
            cte_params += params
            order = "name, service_id"
        sql = (
            "WITH " + ", ".join(ctes) + " SELECT (SELECT COUNT(*) FROM found), (SELECT group_concat(service_id) FROM "
            f"(SELECT service_id FROM found ORDER BY {order} LIMIT ? OFFSET ?))"
        )
        return sql, [*cte_params, query.page_size, (query.page - 1) * query.page_size]


def _match(text):
    """The FTS5 expression the backend uses (its SQLite dialect's): what is timed here is the SQL around it."""
    typed = words(text)
    if not typed:
        return None
    return sqlite.match(typed, [phrase(alternative) for alternative in expand(text)], whole=whole_words(typed))


def _stale():
    """1 for a listing not checked within STALE_AFTER (or never), on the rows' last_reviewed."""
    from directory.models import STALE_AFTER

    cutoff = (dt.date.today() - STALE_AFTER).isoformat()
    return "CASE WHEN last_reviewed IS NULL OR last_reviewed < ? THEN 1 ELSE 0 END", [cutoff]


def _band(rank, best):
    """0 (over 2/3 of the best score), 1 (over 1/3) or 2, as the backend's relevance bands."""
    return f"COALESCE(CAST((1.0 - {rank} / NULLIF({best}, 0)) * 3 AS INTEGER), 0)"


def _scored(found):
    """The services of `found` with their bm25 score (only theirs scored; the fence keeps the full-text query
    from being flattened into the join and run once per service)."""
    scored = (
        f"SELECT rowid AS service_id, bm25(search_service_fts, {WEIGHTS}) AS rank FROM search_service_fts "
        f"WHERE search_service_fts MATCH ? AND +rowid IN (SELECT service_id FROM {found}) LIMIT -1 OFFSET 0"
    )
    return f"SELECT f.*, s.rank AS rank FROM {found} f JOIN ({scored}) s USING (service_id)"
