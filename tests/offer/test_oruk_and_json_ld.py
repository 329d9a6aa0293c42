"""What other systems read: ORUK `accessibility` records per site, and schema.org amenityFeature per place."""

import json
import re

import pytest
from django.utils import translation

from directory.exchange.oruk import export_services
from directory.exchange.oruk_schema import errors_in
from directory.factories import ServicePageFactory
from tests.offer.conftest import publish, site
from tests.oruk.conftest import schemas  # noqa: F401  (skips locally without the schemas, fails in CI)

pytestmark = pytest.mark.django_db
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def service():
    return publish(
        ServicePageFactory(
            title="Worthing Family Hub",
            accessibility="Ring the bell at the side door.",
            locations=[
                site("Worthing Library", "BN11 1HS", "Worthing", ["step_free", "hearing_loop"]),
                site("Lancing Parish Hall", "BN15 8AJ", "Lancing"),
            ],
        )
    )


def _locations(record):
    return {link["location"]["name"]: link["location"] for link in record["service_at_locations"]}


def test_each_feature_is_an_accessibility_record_of_its_site(service):
    [record] = export_services()
    library, hall = _locations(record)["Worthing Library"], _locations(record)["Lancing Parish Hall"]
    named = [entry["accessibility"] for entry in library["accessibility"] if "accessibility" in entry]
    assert named == ["Step-free access", "Hearing loop"]
    assert all(entry["location_id"] == library["id"] for entry in library["accessibility"])
    assert len({entry["id"] for entry in library["accessibility"]}) == len(library["accessibility"])
    assert [entry for entry in hall["accessibility"] if "accessibility" in entry] == []
    # The notes stay the record the import reads back.
    assert {"description": "Ring the bell at the side door."}.items() <= library["accessibility"][0].items()


def test_the_records_are_stable_across_exports(service):
    assert export_services() == export_services()


def test_the_accessibility_records_validate_against_the_profile(service, schemas):  # noqa: F811
    validator = schemas.validator("service")
    [record] = export_services()
    problems = errors_in(record, validator)
    assert problems == []


def test_the_service_pages_json_ld_names_each_sites_features(client, service):
    with translation.override("en-gb"):
        html = client.get(service.url).content.decode()
    [data] = [json.loads(block) for block in JSON_LD.findall(html)]
    places = {channel["name"]: channel["serviceLocation"] for channel in data["availableChannel"]}
    assert places["Worthing Library"]["amenityFeature"] == [
        {"@type": "LocationFeatureSpecification", "name": "Step-free access", "value": True},
        {"@type": "LocationFeatureSpecification", "name": "Hearing loop", "value": True},
    ]
    assert "amenityFeature" not in places["Lancing Parish Hall"]
