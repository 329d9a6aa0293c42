"""The feed validates against the Open Referral UK profile's own schemas (jsonschema 2020-12, formats checked)."""

import pytest

from directory.exchange.oruk_schema import errors_in
from directory.factories import ServicePageFactory
from directory.models import Location
from tests.oruk.conftest import full_service

API = "/api/oruk"


def assert_valid(schema_validator, instance, what):
    problems = [f"{where}: {message}" for where, message in errors_in(instance, schema_validator)]
    assert not problems, f"{what} breaks the profile:\n" + "\n".join(problems)


def test_every_page_of_services_validates(client, schemas, many_services):
    full_service()  # one with every field, among the plain ones
    validator = schemas.response_validator("/services")
    pages = client.get(f"{API}/services", {"per_page": 10}).json()["total_pages"]
    assert pages == 3
    for page in range(1, pages + 1):
        body = client.get(f"{API}/services", {"per_page": 10, "page": page}).json()
        assert body["size"] == len(body["contents"]) > 0
        assert_valid(validator, body, f"/services page {page}")


def test_every_service_validates_in_full(client, schemas, many_services):
    full_service()
    validator = schemas.response_validator("/services/{id}")
    ids = [item["id"] for item in client.get(f"{API}/services", {"per_page": 200}).json()["contents"]]
    assert len(ids) == 26
    for oruk_id in ids:
        assert_valid(validator, client.get(f"{API}/services/{oruk_id}").json(), f"/services/{oruk_id}")


def test_services_at_locations_validate_listed_and_in_full(client, schemas, area):
    full_service()
    ServicePageFactory(locations=[Location(name="Chichester", postcode="PO19 1RQ")])
    body = client.get(f"{API}/service_at_locations", {"postcode": "BN11 1HS", "proximity": 50000}).json()
    assert body["total_items"] == 2  # each service once, at its nearest location
    assert_valid(schemas.response_validator("/service_at_locations"), body, "/service_at_locations")
    # The profile's OpenAPI points /service_at_locations/{id} at service.json, which no service-at-location
    # can meet (it needs a name and status); its service_at_location.json is the record's own schema.
    validator = schemas.validator("service_at_location")
    for item in body["contents"]:
        detail = client.get(f"{API}/service_at_locations/{item['id']}").json()
        assert_valid(validator, detail, f"/service_at_locations/{item['id']}")


def test_taxonomies_and_terms_validate(client, schemas, hub):
    taxonomies = client.get(f"{API}/taxonomies").json()
    assert_valid(schemas.response_validator("/taxonomies"), taxonomies, "/taxonomies")
    for taxonomy in taxonomies["contents"]:
        detail = client.get(f"{API}/taxonomies/{taxonomy['id']}").json()
        assert_valid(schemas.response_validator("/taxonomies/{id}"), detail, "/taxonomies/{id}")
    terms = client.get(f"{API}/taxonomy_terms", {"per_page": 200}).json()
    assert_valid(schemas.response_validator("/taxonomy_terms"), terms, "/taxonomy_terms")
    for term in terms["contents"][:5]:
        detail = client.get(f"{API}/taxonomy_terms/{term['id']}").json()
        assert_valid(schemas.response_validator("/taxonomy_terms/{id}"), detail, "/taxonomy_terms/{id}")


def test_root_validates(client, schemas, db):
    assert_valid(schemas.response_validator("/"), client.get(f"{API}/").json(), "/")


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", "not-a-uuid"), ("status", "open"), ("url", "not a url"), ("last_modified", "yesterday")],
)
def test_the_validation_can_fail(client, schemas, hub, field, value):
    """The check is real: formats (uuid, uri, date-time) and enums are enforced, so a broken record is caught."""
    record = client.get(f"{API}/services/{hub.oruk_id}").json()
    record[field] = value
    assert errors_in(record, schemas.response_validator("/services/{id}"))
