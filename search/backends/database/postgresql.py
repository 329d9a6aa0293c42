"""The PostgreSQL dialect of the database backend: a weighted stored tsvector (migration 0007), strpos() for codes."""

# Fixed fragments, table and column names; every value travels as a bound parameter.
# ruff: noqa: S608

from search.models import ServiceText

TEXTS = ServiceText._meta.db_table
FENCE = "OFFSET 0"
# `words` can hold each hit's last_reviewed and name (words_clause).
WORDS_CARRY_CARD_KEYS = True


def contains(column):
    """SQL that is true when a "|code|code|" column holds the "|code|" bound to its placeholder."""
    return f"strpos({column}, %s) > 0"


def can_materialize():
    return True


def match(typed, alternatives, whole=frozenset()):
    """(tsquery SQL, params): any typed word (as a prefix, or whole if in `whole`), or any alternative phrase.

    A typed word is letters and digits only (search.text.words), so "word:*" cannot carry an operator.
    """
    parts = ["to_tsquery('english', %s)"] * len(typed) + ["phraseto_tsquery('english', %s)"] * len(alternatives)
    return " || ".join(parts), [word if word in whole else f"{word}:*" for word in typed] + list(alternatives)


def words_clause(matched, materialized, card_keys=False):
    """The hits with their relevance (lower is better), once, as a common table expression `words`.

    With card_keys, each hit's date and name come with it, read with its vector: without filters the hits need no
    other row (WORDS_CARRY_CARD_KEYS). Only then: stored for every hit of a common word, they cost a search with
    filters 8 ms of 290.

    ts_rank weighs the name A, the topics B, the summary C, the rest D. Not ts_rank_cd: cover density walks
    every position of every alternative and cost five times as much per matched service (287 ms against 53 ms
    for a common word over 20,000 services), for no better ranking on the relevance set.
    """
    sql, params = matched
    keys = ", last_reviewed, name" if card_keys else ""
    hits = (
        f"SELECT service_id, -ts_rank(search_vector, q) AS rank{keys} "
        f"FROM {TEXTS}, (SELECT {sql} AS q) typed WHERE search_vector @@ q"
    )
    return [f"words AS {materialized}({hits})"], list(params)


def _hits(matched):
    sql, params = matched
    return f"SELECT service_id FROM {TEXTS}, (SELECT {sql} AS q) typed WHERE search_vector @@ q", list(params)


def hits_clause(matched, materialized):
    """No `words` set: the hits are asked where they are needed (text_condition)."""
    return [], []


def _matched_among(columns, matched, ids):
    """The services `ids` (a SELECT of service_id) whose vector the words match, each found by its id.

    The ids as an array, worked out once: the index then reads them in its own order, one pass down the primary
    key, where `IN` looked each up in a hash's order (3,800 services near BN17: 11 ms against 20)."""
    sql, params = matched
    return (
        f"SELECT {columns} FROM {TEXTS}, (SELECT {sql} AS q) typed "
        f"WHERE service_id = ANY(ARRAY({ids})) AND search_vector @@ q"
    ), list(params)


def scores(matched, ids):
    """(SQL, params): service_id and relevance (lower is better) of the services `ids` (a SELECT of service_id)."""
    return _matched_among("service_id, -ts_rank(search_vector, q) AS rank", matched, ids)


def text_condition(matched):
    """The hits as a subquery in place, not a materialized `words` set: the planner knows how many services a
    word matches only from the table's statistics (a set's distinct ids it guesses at 200). With the guess it
    looked up every one of 36,804 hits for "debt advice" near Bristol (970 ms); in place it reads the few
    rows in the box and checks their words (15 ms)."""
    sql, params = _hits(matched)
    return f"service_id IN ({sql})", params


def among(matched, ids):
    """(SQL, params): the ids of the services `ids` (a SELECT of service_id) the words match."""
    return _matched_among("service_id", matched, ids)


def days(column):
    """A date column as a number of days, for sorting."""
    return f"({column} - DATE '2000-01-01')"


def whole(number):
    """The whole part of a positive number (CAST would round)."""
    return f"FLOOR({number})"


def first_found(ids, total, limit):
    """The ids of `ids` (a SELECT of service_id) as found_id, none if `total` (SQL) is over `limit`.

    The condition is tested once, before `ids` is read; a LIMIT worked out by the statement the planner would
    guess at a tenth of `ids` and read every service's row to join them (30 ms at 100,000 services)."""
    return f"SELECT service_id AS found_id FROM ({ids}) found WHERE {total} <= {limit} LIMIT {limit}"
