"""The SQLite dialect of the database backend: FTS5 for the words, instr() for codes."""

# Fixed fragments, table and column names; every value travels as a bound parameter.
# ruff: noqa: S608

from django.db import connection

from search.models import ServiceText

FTS = "search_service_fts"  # the FTS5 table of migration 0002, rowid = service_id
TEXTS = ServiceText._meta.db_table
# Keeps a subquery from being flattened, so its computed columns are worked out once a row.
FENCE = "LIMIT -1 OFFSET 0"


def contains(column):
    """SQL that is true when a "|code|code|" column holds the "|code|" bound to its placeholder."""
    return f"instr({column}, %s) > 0"


def can_materialize():
    """WITH ... AS MATERIALIZED from SQLite 3.35; older ones materialize a CTE used twice anyway."""
    return connection.Database.sqlite_version_info >= (3, 35)


def match(typed, alternatives):
    """One FTS5 query: every typed word (as a prefix), or any alternative phrase, quoted whole."""
    every_word = " AND ".join(f'"{word}"*' for word in typed)
    quoted = [f'"{alternative}"' for alternative in alternatives if alternative]
    return " OR ".join([f"({every_word})", *quoted])


def words_clause(matched, materialized):
    """The hits, once, as a common table expression `words` (SQLite would otherwise ask per row)."""
    return [f"words AS {materialized}(SELECT rowid AS service_id FROM {FTS} WHERE {FTS} MATCH %s)"], [matched]


def text_condition(matched):
    # The unary + keeps SQLite from driving the search through the service_id index, one row
    # read per word hit: the place or the index entries narrow more cheaply, the hits are a set.
    return "+service_id IN (SELECT service_id FROM words)", []


def rank_of_row(matched):
    """The relevance of the row `rows_in_box` (lower sorts first)."""
    return f"(SELECT bm25({FTS}) FROM {FTS} WHERE {FTS} MATCH %s AND rowid = rows_in_box.service_id)", [matched]


def hits(matched):
    """Every service the words find, with its relevance (lower sorts first)."""
    return f"SELECT rowid AS service_id, bm25({FTS}) AS rank FROM {FTS} WHERE {FTS} MATCH %s", [matched]


def keep_columns(columns):
    """The pack columns of a service's nearest row: SQLite takes bare columns from the MIN row."""
    return "".join(f", {column}" for column in columns)
