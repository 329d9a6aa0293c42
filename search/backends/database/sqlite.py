"""The SQLite dialect of the database backend: FTS5 for the words (bm25 with column weights), instr() for codes."""

# Fixed fragments, table and column names; every value travels as a bound parameter.
# ruff: noqa: S608

from django.db import connection

from search.models import ServiceText

FTS = "search_service_fts"  # the FTS5 table of migration 0007, rowid = service_id; columns name, topics, summary, text
TEXTS = ServiceText._meta.db_table
# Keeps a subquery from being flattened, so its computed columns are worked out once a row.
FENCE = "LIMIT -1 OFFSET 0"
# `words` holds the score alone: the date and name are read from the rows' index (words_clause).
WORDS_CARRY_CARD_KEYS = False
# bm25 weights of the FTS columns: a word in the name counts most, then the topics, the summary, the rest
# (which repeats them all, so a name word counts 10 + 1).
WEIGHTS = "10.0, 6.0, 3.0, 1.0"


def contains(column):
    """SQL that is true when a "|code|code|" column holds the "|code|" bound to its placeholder."""
    return f"instr({column}, %s) > 0"


def can_materialize():
    """WITH ... AS MATERIALIZED from SQLite 3.35; older ones materialize a CTE used twice anyway."""
    return connection.Database.sqlite_version_info >= (3, 35)


def match(typed, alternatives, whole=frozenset()):
    """One FTS5 query: any typed word (as a prefix, or whole if in `whole`), or any alternative phrase, quoted whole."""
    quoted = [f'"{word}"' if word in whole else f'"{word}"*' for word in typed]
    quoted += [f'"{alternative}"' for alternative in alternatives if alternative]
    return " OR ".join(quoted)


def words_clause(matched, materialized, card_keys=False):
    """The hits with their relevance (lower is better), once, as a common table expression `words`.

    card_keys is never asked for here (WORDS_CARRY_CARD_KEYS is False).

    Only the index and bm25's column sizes are read, never the FTS table's stored columns: reading a
    date there cost more than the score (85 ms for 62,000 hits); the staleness comes from the rows' index.
    """
    hits = f"SELECT rowid AS service_id, bm25({FTS}, {WEIGHTS}) AS rank FROM {FTS} WHERE {FTS} MATCH %s"
    return [f"words AS {materialized}({hits})"], [matched]


def hits_clause(matched, materialized):
    """The ids of the services the words match, as `words`: no score, no date, so only the index is read."""
    return [f"words AS {materialized}(SELECT rowid AS service_id FROM {FTS} WHERE {FTS} MATCH %s)"], [matched]


def _hits_among(columns, ids):
    """The words' hits among the services `ids` (a SELECT of service_id), for a query bound to its placeholder.

    The full-text query runs once, over the index alone. The unary + and the fence keep SQLite from asking FTS5
    row by row (joined, the query would be flattened into the join), which runs the full-text query once per
    service.
    """
    return f"SELECT {columns} FROM {FTS} WHERE {FTS} MATCH %s AND +rowid IN ({ids}) {FENCE}"


def scores(matched, ids):
    """(SQL, params): service_id and relevance (lower is better) of the services `ids` (a SELECT of service_id).

    bm25 (which reads each hit's column sizes) is worked out only for the hits among `ids`.
    """
    return _hits_among(f"rowid AS service_id, bm25({FTS}, {WEIGHTS}) AS rank", ids), [matched]


def text_condition(matched):
    # The unary + keeps SQLite from driving the search through the service_id index, one row
    # read per word hit: the place or the index entries narrow more cheaply, the hits are a set.
    return "+service_id IN (SELECT service_id FROM words)", []


def among(matched, ids):
    """(SQL, params): the ids of the services `ids` (a SELECT of service_id) the words match: one scan of
    the words' hits, each looked up among the few found."""
    return _hits_among("rowid", ids), [matched]


def days(column):
    """A date column as a number of days, for sorting."""
    return f"julianday({column})"


def whole(number):
    """The whole part of a positive number."""
    return f"CAST({number} AS INTEGER)"


def first_found(ids, total, limit):
    """The ids of `ids` (a SELECT of service_id) as found_id, none if `total` (SQL) is over `limit`.

    A LIMIT of 0 stops before the first row: a condition would be tested on each (SQLite does not test a
    subquery's once), and `ids` may be every hit of a common word, banded again."""
    cap = f"CASE WHEN {total} <= {limit} THEN {limit} ELSE 0 END"
    return f"SELECT service_id AS found_id FROM ({ids}) found LIMIT {cap}"
