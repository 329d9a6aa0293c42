"""Shared pytest fixtures."""

from pathlib import Path

import pytest

from directory.geo import Geocoder

REPO_GEODATA = Path(__file__).resolve().parent.parent / "var" / "geo.sqlite3"


@pytest.fixture(scope="session")
def geocoder(tmp_path_factory):
    """A Geocoder on var/geo.sqlite3 if it was built, else on a database built once for the session."""
    path = REPO_GEODATA if REPO_GEODATA.exists() else tmp_path_factory.mktemp("geodata") / "geo.sqlite3"
    return Geocoder(path)
