"""The throwaway databases the search benchmark times on: SQLite files, or databases on a PostgreSQL server."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

AREA = "west-sussex"


def _point_django_at(name):
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = str(name)
    connections["default"].settings_dict["NAME"] = str(name)


def _migrate():
    from django.core.management import call_command
    from django.db import connections

    from directory.area_profiles import load_area

    call_command("migrate", verbosity=0, interactive=False)
    load_area(AREA)
    connections.close_all()


def _no_waiting_for_the_disk(sender, connection, **kwargs):
    # A throwaway database: no fsync and the rollback journal in memory make loading it minutes faster.
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA journal_mode = MEMORY")


def use_database(path):
    """Point Django's default connection at this SQLite file, loaded without waiting for the disk."""
    from django.db.backends.signals import connection_created

    connection_created.connect(_no_waiting_for_the_disk, dispatch_uid="bench-no-fsync")
    _point_django_at(path)


def migrated_template(workdir):
    """An empty SQLite database with every migration applied and the area loaded, to copy."""
    template = workdir / "template.sqlite3"
    use_database(template)
    _migrate()
    return template


class SqliteDatabases:
    """One empty database migrated once, copied for each size (migrating takes a while)."""

    label = "SQLite"

    def __init__(self, workdir):
        self.workdir = workdir
        self.template = migrated_template(workdir)

    def fresh(self, size):
        path = self.workdir / f"bench-{size}.sqlite3"
        shutil.copyfile(self.template, path)
        use_database(path)
        return str(path)

    def floor(self, name):
        from bench.floor import Floor

        return Floor(name)

    def drop(self, name):
        from django.db import connections

        connections.close_all()
        Path(name).unlink(missing_ok=True)


class PostgresDatabases:
    """A database per size on the server Django's settings name, created empty, migrated, and dropped after."""

    label = "PostgreSQL"

    def __init__(self):
        from django.conf import settings

        self.maintenance = settings.DATABASES["default"]["NAME"]

    def _admin(self, sql):
        import psycopg
        from django.db import connections

        connections.close_all()
        options = connections["default"].get_connection_params()
        options["dbname"] = self.maintenance
        with psycopg.connect(**options, autocommit=True) as conn:
            conn.execute(sql)

    def fresh(self, size):
        name = f"earlyhelp_bench_{size}"
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')
        self._admin(f'CREATE DATABASE "{name}"')
        _point_django_at(name)
        _migrate()
        return name

    def floor(self, name):
        return None  # the hand-written floor is SQLite's (FTS5 and its facet packs)

    def drop(self, name):
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')


def server_label(url):
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 5432}"
