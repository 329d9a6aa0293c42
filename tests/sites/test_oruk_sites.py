"""Specifications for sites in the Open Referral UK feed: every site kept, each with its own phone, a refuge
without its door, and all of it still valid against the profile's schemas."""

import pytest

from directory.exchange.oruk_schema import errors_in
from directory.models import Location
from tests.oruk.conftest import schemas  # noqa: F401  (the profile's schemas, or a skip)

pytestmark = pytest.mark.django_db

API = "/api/oruk"


@pytest.fixture
def refuge(make_service):
    return make_service(
        title="Haven Refuge",
        locations=[
            Location(name="Haven House", town="Crawley", postcode="RH10 1ED", confidential=True, phone="01293 1")
        ],
    )


def _problems(validator, instance):
    return [f"{where}: {message}" for where, message in errors_in(instance, validator)]


def test_the_feed_keeps_every_site_each_with_its_own_phone(client, clinic):
    service = client.get(f"{API}/services/{clinic.oruk_id}").json()

    locations = [record["location"] for record in service["service_at_locations"]]
    assert [location["name"] for location in locations] == [
        "Worthing Town Hall",
        "Storrington Village Hall",
        "Crawley Town Hall",
    ]
    assert [[phone["number"] for phone in location.get("phones", [])] for location in locations] == [
        ["01903 111111"],
        [],
        ["01293 222222"],
    ]


def test_a_refuge_leaves_without_point_street_or_postcode(client, refuge):
    service = client.get(f"{API}/services/{refuge.oruk_id}").json()

    location = service["service_at_locations"][0]["location"]
    assert "latitude" not in location
    assert "longitude" not in location
    assert location["addresses"][0]["postal_code"] == ""
    assert location["addresses"][0]["region"] == "Crawley"


def test_sites_and_refuges_still_validate(client, schemas, clinic, refuge):  # noqa: F811
    validator = schemas.response_validator("/services/{id}")
    for service in (clinic, refuge):
        assert _problems(validator, client.get(f"{API}/services/{service.oruk_id}").json()) == []
