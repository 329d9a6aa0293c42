"""PostgreSQL: the services serving districts answered from an index alone, as on SQLite (0003, 0012).

A search near a place also lists services with no building near that serve the place's district. Their
rows were read from the table, every serving service's (11,000 at 100,000 services: 16 to 36 ms of a 50 ms
search). The index holds only first rows serving some district, so it stays a tenth of the others' size.
"""

from django.db import migrations

PACK_COLUMNS = ", ".join(f"facet_pack_{number}" for number in range(16))
# Fixed widths first, nullable and text last, as 0017 orders the other covering indexes.
READ = f"delivery_day_bits, self_referral, {PACK_COLUMNS}, min_age, max_age, last_reviewed, cost, languages"
ROWS = "search_servicelocationrow"
FORWARD = (
    f"CREATE INDEX search_row_served_covering ON {ROWS} (served_districts) INCLUDE (service_id, {READ}, name) "
    "WHERE first_of_service AND served_districts > '|'"
)
BACKWARD = "DROP INDEX search_row_served_covering"


def run(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0015_everyday_family_words")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
