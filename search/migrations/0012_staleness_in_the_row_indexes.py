"""SQLite: the date a listing was last checked joins the indexes that answer a search alone.

Ranking by words puts listings not checked for 12 months after fresh ones, so every hit's date is read. It was
read from the full-text table's stored columns (85 ms for 62,000 hits at 100,000 services) or, near a place,
from the wide rows; inside the covering indexes it costs an index entry already being read. PostgreSQL reads
its rows for the facet packs anyway: nothing changes there.
"""

from django.db import migrations

PACK_COLUMNS = ", ".join(f"facet_pack_{number}" for number in range(16))
FILTERED = "cost, self_referral, min_age, max_age, delivery_day_bits, languages"
ROWS = "search_servicelocationrow"
NEAR = "latitude, longitude, service_id"
FIRST = "first_of_service, service_id, name"
SERVED = "first_of_service, served_districts, service_id, name"


def indexes(dated):
    date = ", last_reviewed" if dated else ""
    return [
        "DROP INDEX search_row_near",
        "DROP INDEX search_row_first",
        "DROP INDEX search_row_served",
        f"CREATE INDEX search_row_near ON {ROWS} ({NEAR}{date}, {FILTERED}, {PACK_COLUMNS})",
        f"CREATE INDEX search_row_first ON {ROWS} ({FIRST}{date}, {FILTERED}, {PACK_COLUMNS})",
        f"CREATE INDEX search_row_served ON {ROWS} ({SERVED}{date}, {FILTERED}, {PACK_COLUMNS})",
    ]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0011_romanian_reader_synonyms")]

    operations = [migrations.RunPython(run(indexes(dated=True)), run(indexes(dated=False)))]
