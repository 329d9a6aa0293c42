"""Fixtures for feeds: an ORUK feed served from a web server inside the test process, the area, the team."""

import pytest

from directory.area_profiles import load_area
from directory.feeds.models import Feed
from tests.exchange.conftest import location_of, service
from tests.oruk.conftest import schemas  # noqa: F401  (a fixture)
from tests.people import make_user


def feed_service(number: int, name: str | None = None, postcode: str = "PO21 1DP", **changes) -> dict:
    """A small valid ORUK service, numbered so each has its own ids."""
    record = service(number, name=name or f"Seaside service {number}", **changes)
    location_of(record)["addresses"][0]["postal_code"] = postcode
    return record


@pytest.fixture
def area(db, schemas):  # noqa: F811  (the fixture imported above)
    load_area("west-sussex")


@pytest.fixture
def feed(area, feed_server):
    return Feed.objects.create(
        name="Seaside",
        url=f"{feed_server.url}/services",
        publisher="Seaside Council",
        publisher_url="https://seaside.example.org/",
        publishing=Feed.Publishing.PUBLISH,
    )


@pytest.fixture
def team_member(team):
    user = make_user("dora", first_name="Dora")
    user.groups.add(team)
    return user
