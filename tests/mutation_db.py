"""For `make mutation` only (`-p tests.mutation_db`): each run starts from a copy of one migrated database.

mutmut runs the tests of every mutant in a fresh pytest session; creating the test database there means
running every migration (about 20 seconds here), far longer than the tests themselves. So the first
session migrates a SQLite file once (beside mutants/tests/, removed with mutants/) and every session after
copies it (milliseconds) and uses the copy as its test database: the same tables and migration-made rows,
private to that session, so a transactional test in one mutant's run cannot empty the next one's.
"""

import fcntl
import os
import shutil
import tempfile
import types
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parent.parent / "mutation-db-template.sqlite3"


def _build_template():
    """Migrate a new SQLite file once, the way Django creates a test database, and keep it as the template."""
    from django.db import connections

    with open(f"{TEMPLATE}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two first sessions at once: one builds, the other waits for it
        if TEMPLATE.exists():
            return
        building = f"{TEMPLATE}.building"
        connection = connections["default"]
        connection.settings_dict["TEST"]["NAME"] = building
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        connection.close()
        os.replace(building, TEMPLATE)


def template_database(django_test_environment, django_db_blocker):
    """pytest-django's django_db_setup, on a private copy of the migrated template."""
    from django.conf import settings
    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "sqlite":
        pytest.exit("tests.mutation_db copies a SQLite test database; unset DATABASE_URL for make mutation.")
    with django_db_blocker.unblock():
        if not TEMPLATE.exists():
            _build_template()
        handle, copy = tempfile.mkstemp(prefix="session-", suffix=".sqlite3", dir=TEMPLATE.parent)
        os.close(handle)
        shutil.copyfile(TEMPLATE, copy)
        connection.close()
        settings.DATABASES["default"]["NAME"] = copy
        connection.settings_dict["NAME"] = copy
    yield
    with django_db_blocker.unblock():
        connection.close()
    for suffix in ("", "-wal", "-shm"):
        Path(copy + suffix).unlink(missing_ok=True)


def pytest_configure(config):
    # Registered now, after pytest-django, so this django_db_setup is the one the tests get.
    # pytest reads fixtures from a module's namespace (not an instance's), hence a module of its own.
    holder = types.ModuleType("mutation_template_database")
    holder.django_db_setup = pytest.fixture(template_database, scope="session", name="django_db_setup")
    config.pluginmanager.register(holder, "mutation_template_database")
