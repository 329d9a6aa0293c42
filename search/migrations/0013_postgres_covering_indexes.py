"""PostgreSQL: the indexes that answer a search alone, as SQLite's (0003, 0012), with the read columns INCLUDEd.

Without them every search near a place read the wide rows that hold the whole card: a parallel scan of the
table for a 20-mile box, 45 ms before any word was tested; and a search by words alone read every hit's row.
An index-only scan reads the index entries (and the table only for pages changed since the last vacuum).
"""

from functools import partial

from django.db import migrations

PACK_COLUMNS = ", ".join(f"facet_pack_{number}" for number in range(16))
READ = f"last_reviewed, cost, self_referral, min_age, max_age, delivery_day_bits, languages, {PACK_COLUMNS}"
ROWS = "search_servicelocationrow"
FORWARD = [
    f"CREATE INDEX search_row_near_covering ON {ROWS} (latitude, longitude) INCLUDE (service_id, {READ})",
    f"CREATE INDEX search_row_first_covering ON {ROWS} (first_of_service, service_id) INCLUDE (name, {READ})",
]
BACKWARD = ["DROP INDEX search_row_first_covering", "DROP INDEX search_row_near_covering"]


def on_postgresql(statements, apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0012_staleness_in_the_row_indexes")]

    operations = [migrations.RunPython(partial(on_postgresql, FORWARD), partial(on_postgresql, BACKWARD))]
