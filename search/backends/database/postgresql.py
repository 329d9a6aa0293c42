"""The PostgreSQL dialect of the database backend: a stored tsvector (migration 0003), strpos() for codes."""

# Fixed fragments, table and column names; every value travels as a bound parameter.
# ruff: noqa: S608

from search.models import ServiceText

TEXTS = ServiceText._meta.db_table
FENCE = "OFFSET 0"


def contains(column):
    """SQL that is true when a "|code|code|" column holds the "|code|" bound to its placeholder."""
    return f"strpos({column}, %s) > 0"


def can_materialize():
    return True


def match(typed, alternatives):
    """(tsquery SQL, params): the typed words, or any alternative phrase."""
    parts = ["plainto_tsquery('english', %s)"] * (1 + len(alternatives))
    return " || ".join(parts), [" ".join(typed), *alternatives]


def words_clause(matched, materialized):
    return [], []  # the GIN index answers the condition directly


def text_condition(matched):
    sql, params = matched
    return f"service_id IN (SELECT service_id FROM {TEXTS} WHERE search_vector @@ ({sql}))", list(params)


def rank_of_row(matched):
    sql, params = matched
    rank = f"SELECT -ts_rank(t.search_vector, {sql}) FROM {TEXTS} t WHERE t.service_id = rows_in_box.service_id"
    return f"({rank})", list(params)


def hits(matched):
    sql, params = matched
    return (
        f"SELECT service_id, -ts_rank(search_vector, {sql}) AS rank FROM {TEXTS} WHERE search_vector @@ ({sql})",
        [*params, *params],
    )


def keep_columns(columns):
    """PostgreSQL wants an aggregate; the packs are the same on every row of a service."""
    return "".join(f", MIN({column}) AS {column}" for column in columns)
