"""Shared pytest fixtures."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

from directory.geo import Geocoder

# Stand-ins for other people's web servers (a feed, GOV.UK Notify), as fixtures for any test.
pytest_plugins = ["tests.stand_ins"]

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


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A request to /pl/ leaves Polish active in the thread (LocaleMiddleware activates, nothing deactivates):
    each test starts in the site's default language, whatever the one before asked for."""
    from django.utils import translation

    yield
    translation.deactivate()


REPO_GEODATA = Path(__file__).resolve().parent.parent / "var" / "geo.sqlite3"


@pytest.fixture(scope="session")
def geocoder(tmp_path_factory):
    """A Geocoder on var/geo.sqlite3 if it was built, else on a database built once for the session."""
    path = REPO_GEODATA if REPO_GEODATA.exists() else tmp_path_factory.mktemp("geodata") / "geo.sqlite3"
    return Geocoder(path)


# --- The fixtures most folders share: the area, a tidy cache, the directory team, two organisations ---------


@pytest.fixture
def empty_cache():
    """The rate limits count in the cache: a test asking for this starts with none spent."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def area(db):
    from directory.area_profiles import load_area

    load_area("west-sussex")


@pytest.fixture
def team(db):
    from directory.providers.access import ensure_directory_team

    return ensure_directory_team()


@pytest.fixture
def org_a(area):
    from directory.factories import OrganisationPageFactory

    return OrganisationPageFactory(title="Acorn Family Trust", slug="acorn")


@pytest.fixture
def org_b(area):
    from directory.factories import OrganisationPageFactory

    return OrganisationPageFactory(title="Beacon Youth Project", slug="beacon")


@pytest.fixture
def service_a(org_a):
    from directory.factories import ServicePageFactory

    return ServicePageFactory(parent=org_a, title="Acorn parenting group", slug="acorn-parenting")


@pytest.fixture
def service_b(org_b):
    from directory.factories import ServicePageFactory

    return ServicePageFactory(parent=org_b, title="Beacon youth club", slug="beacon-youth-club")


def _provider(username, first_name, organisation):
    from directory.providers.access import give_provider_access
    from tests.people import make_user

    user = make_user(username, first_name=first_name)
    give_provider_access(user, organisation)
    return user


@pytest.fixture
def provider_a(org_a, team):
    return _provider("alice", "Alice", org_a)


@pytest.fixture
def provider_b(org_b, team):
    return _provider("bob", "Bob", org_b)


@pytest.fixture
def moderator(team):
    from tests.people import make_user

    user = make_user("mo", first_name="Mo")
    user.groups.add(team)
    return user


@pytest.fixture
def client_a(client, provider_a, provider_b):
    """Provider A logged in, with provider B's group there too: "only their own" means something only then."""
    client.force_login(provider_a)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def organisation(area):
    from directory.factories import OrganisationPageFactory

    return OrganisationPageFactory(title="Sunflower Family Trust")


@pytest.fixture
def make_service(organisation):
    """Build a published service with contact details; indexed, so search (and the topic poster) finds it."""
    from directory.factories import ServicePageFactory
    from search import indexing

    def make(**kwargs):
        kwargs.setdefault("parent", organisation)
        kwargs.setdefault("phone", "01903 123456")
        kwargs.setdefault("website", "https://example.org/help")
        service = ServicePageFactory(**kwargs)
        indexing.update_service(service)
        return service

    return make
