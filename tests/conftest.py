"""Shared pytest fixtures."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

from directory.geo import Geocoder

# Hypothesis: in CI many examples from a fresh random seed each run, the seed printed on a failure so it
# can be replayed (@reproduce_failure); locally the same examples every run, so a failure stays put.
# Tests set only what they must (deadline, health checks), never max_examples or derandomize.
settings.register_profile("ci", max_examples=200, derandomize=False, print_blob=True, deadline=None)
settings.register_profile("dev", max_examples=60, derandomize=True, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


def pytest_sessionstart(session):
    """EARLYHELP_REQUIRE=postgres promises PostgreSQL: a run on anything else stops here, not passes quietly."""
    from django.conf import settings as django_settings
    from django.db import connection

    if "postgres" in django_settings.EARLYHELP_REQUIRE and connection.vendor != "postgresql":
        pytest.exit(
            f"EARLYHELP_REQUIRE includes postgres but the tests are on {connection.vendor} (set DATABASE_URL).",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


REPO_GEODATA = Path(__file__).resolve().parent.parent / "var" / "geo.sqlite3"


@pytest.fixture(scope="session")
def geocoder(tmp_path_factory):
    """A Geocoder on var/geo.sqlite3 if it was built, else on a database built once for the session."""
    path = REPO_GEODATA if REPO_GEODATA.exists() else tmp_path_factory.mktemp("geodata") / "geo.sqlite3"
    return Geocoder(path)
