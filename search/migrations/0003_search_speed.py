"""Speed for the database backend: a row standing for each service, facet packs, and indexes that answer alone.

On SQLite the indexes cover every column a search filters, counts or sorts on, so a search reads index
entries only, never the wide rows that hold the whole card (measured by `make bench`).
Rows indexed before this migration get their first-row mark, lanes and packs here.
"""

from django.db import migrations, models

FACETS = ("outcomes", "need_levels", "age_bands", "districts")
PACKS, LANES_PER_PACK, LANE_BITS = 16, 3, 21
PACK_COLUMNS = ", ".join(f"facet_pack_{number}" for number in range(PACKS))
FILTERED = "cost, self_referral, min_age, max_age, delivery_day_bits, languages"
# search.query's DELIVERY_MODES then WEEKDAYS, one bit each, as at the time of this migration.
DELIVERY_DAY_CODES = ["in_person", "home_visits", "online", "phone"]
DELIVERY_DAY_CODES += ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SQLITE_FORWARD = [
    # Searches near a place: a latitude range, then everything else from the index entry.
    f"CREATE INDEX search_row_near ON search_servicelocationrow "
    f"(latitude, longitude, service_id, {FILTERED}, {PACK_COLUMNS})",
    # Searches without a place: one entry per service, found by service_id or read in full.
    f"CREATE INDEX search_row_first ON search_servicelocationrow "
    f"(first_of_service, service_id, name, {FILTERED}, {PACK_COLUMNS})",
    # Services serving a district: those serving none ("|") sort first and are skipped by a range.
    f"CREATE INDEX search_row_served ON search_servicelocationrow "
    f"(first_of_service, served_districts, service_id, name, {FILTERED}, {PACK_COLUMNS})",
]
SQLITE_BACKWARD = ["DROP INDEX search_row_served", "DROP INDEX search_row_first", "DROP INDEX search_row_near"]
POSTGRES_FORWARD = [
    "CREATE INDEX search_row_first ON search_servicelocationrow (first_of_service, service_id)",
    "CREATE INDEX search_row_served ON search_servicelocationrow (first_of_service, served_districts)",
    # The words' vector stored once: computing to_tsvector on every hit, to check it and to rank it,
    # cost about 25 microseconds a hit (120 ms for 5,000 hits).
    "ALTER TABLE search_servicetext ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX search_servicetext_vector ON search_servicetext USING GIN (search_vector)",
    "DROP INDEX search_servicetext_fts",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX search_servicetext_fts ON search_servicetext USING GIN (to_tsvector('english', text))",
    "DROP INDEX search_servicetext_vector",
    "ALTER TABLE search_servicetext DROP COLUMN search_vector",
    "DROP INDEX search_row_served",
    "DROP INDEX search_row_first",
]
MARK_FIRST_ROWS = """
    UPDATE search_servicelocationrow SET first_of_service = (
        id IN (SELECT MIN(id) FROM search_servicelocationrow GROUP BY service_id)
    )
"""



def fill_packs(apps, schema_editor):
    """Give each code already in the index a lane and set its bit in the packs of the rows that have it."""
    row_model = apps.get_model("search", "ServiceLocationRow")
    lane_model = apps.get_model("search", "FacetLane")
    contains = "strpos" if schema_editor.connection.vendor == "postgresql" else "instr"
    lane = 0
    for facet in FACETS:
        codes = set()
        for text in row_model.objects.values_list(facet, flat=True).distinct():
            codes.update(code for code in text.split("|") if code)
        for code in sorted(codes):
            room = lane < PACKS * LANES_PER_PACK
            lane_model.objects.create(vocabulary=facet, code=code, lane=lane if room else None)
            if room:
                pack, place = divmod(lane, LANES_PER_PACK)
                schema_editor.execute(
                    f"UPDATE search_servicelocationrow SET facet_pack_{pack} = facet_pack_{pack} + %s "
                    f"WHERE {contains}({facet}, %s) > 0",
                    [1 << (LANE_BITS * place), f"|{code}|"],
                )
                lane += 1
    served = set()
    for text in row_model.objects.values_list("served_districts", flat=True).distinct():
        served.update(code for code in text.split("|") if code)
    for code in sorted(served):
        lane_model.objects.create(vocabulary="served_districts", code=code, lane=None)


def fill_delivery_day_bits(schema_editor):
    contains = "strpos" if schema_editor.connection.vendor == "postgresql" else "instr"
    for bit, code in enumerate(DELIVERY_DAY_CODES):
        column = "delivery" if bit < 4 else "days"
        schema_editor.execute(
            f"UPDATE search_servicelocationrow SET delivery_day_bits = delivery_day_bits + %s "
            f"WHERE {contains}({column}, %s) > 0",
            [1 << bit, f"|{code}|"],
        )


def forward(apps, schema_editor):
    schema_editor.execute(MARK_FIRST_ROWS)
    fill_delivery_day_bits(schema_editor)
    fill_packs(apps, schema_editor)
    statements = SQLITE_FORWARD if schema_editor.connection.vendor == "sqlite" else POSTGRES_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = SQLITE_BACKWARD if schema_editor.connection.vendor == "sqlite" else POSTGRES_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)



class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_full_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_0',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_1',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_10',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_11',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_12',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_13',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_14',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_15',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_2',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_3',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_4',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_5',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_6',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_7',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_8',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='facet_pack_9',
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='first_of_service',
            field=models.BooleanField(default=False),
        ),
        migrations.CreateModel(
            name='FacetLane',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('vocabulary', models.CharField(max_length=20)),
                ('code', models.CharField(max_length=40)),
                ('lane', models.PositiveSmallIntegerField(null=True, unique=True)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('vocabulary', 'code'), name='facet_lane_term')],
            },
        ),
        # A service open four days or more did not fit in 30 characters (PostgreSQL refused it).
        migrations.AlterField(
            model_name='servicelocationrow',
            name='days',
            field=models.CharField(default='|', max_length=80),
        ),
        migrations.AddField(
            model_name='servicelocationrow',
            name='delivery_day_bits',
            field=models.IntegerField(default=0),
        ),
        migrations.RunPython(forward, backward),
    ]
