"""The rows' index by name, with the columns a search reads: a search without a place or words is sorted by name.

Its page was every service the filters found, sorted for the first 20 (33,000 names for a search by two filters
at 100,000 services); read in this index's order it stops at the page's end. SQLite holds the read columns in
the key, as its other covering indexes (0003, 0012); PostgreSQL INCLUDEs them, as 0013.
"""

from functools import partial

from django.db import migrations

PACK_COLUMNS = ", ".join(f"facet_pack_{number}" for number in range(16))
READ = f"last_reviewed, cost, self_referral, min_age, max_age, delivery_day_bits, languages, {PACK_COLUMNS}"
ROWS = "search_servicelocationrow"
FORWARD = {
    "sqlite": [f"CREATE INDEX search_row_by_name ON {ROWS} (first_of_service, name, service_id, {READ})"],
    "postgresql": [
        f"CREATE INDEX search_row_by_name_covering ON {ROWS} (first_of_service, name, service_id) INCLUDE ({READ})"
    ],
}
BACKWARD = {"sqlite": ["DROP INDEX search_row_by_name"], "postgresql": ["DROP INDEX search_row_by_name_covering"]}


def run(statements, apps, schema_editor):
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0013_postgres_covering_indexes")]

    operations = [migrations.RunPython(partial(run, FORWARD), partial(run, BACKWARD))]
