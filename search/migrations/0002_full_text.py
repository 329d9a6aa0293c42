"""Full-text search for ServiceText: an FTS5 table kept by triggers on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_service_fts USING fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')",
    """CREATE TRIGGER search_servicetext_ai AFTER INSERT ON search_servicetext BEGIN
         INSERT INTO search_service_fts(rowid, text) VALUES (new.service_id, new.text);
       END""",
    """CREATE TRIGGER search_servicetext_ad AFTER DELETE ON search_servicetext BEGIN
         DELETE FROM search_service_fts WHERE rowid = old.service_id;
       END""",
    """CREATE TRIGGER search_servicetext_au AFTER UPDATE ON search_servicetext BEGIN
         DELETE FROM search_service_fts WHERE rowid = old.service_id;
         INSERT INTO search_service_fts(rowid, text) VALUES (new.service_id, new.text);
       END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER search_servicetext_au",
    "DROP TRIGGER search_servicetext_ad",
    "DROP TRIGGER search_servicetext_ai",
    "DROP TABLE search_service_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX search_servicetext_fts ON search_servicetext USING GIN (to_tsvector('english', text))",
]
POSTGRES_BACKWARD = ["DROP INDEX search_servicetext_fts"]


def forward(apps, schema_editor):
    statements = SQLITE_FORWARD if schema_editor.connection.vendor == "sqlite" else POSTGRES_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = SQLITE_BACKWARD if schema_editor.connection.vendor == "sqlite" else POSTGRES_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
