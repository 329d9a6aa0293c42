"""Specifications for checking each service before it counts: refused with its JSON path and reason, the rest go in."""

import json

import pytest

from directory.exchange import oruk_import
from directory.exchange.oruk_import import import_oruk_source
from directory.models import ServicePage
from tests.exchange.conftest import location_of, pages, service


def only_bad(record, feed_server=None):
    """Import a good service and `record` as one ORUK page; return the report."""
    data = {"total_items": 2, "total_pages": 1, "page_number": 1, "size": 2, "contents": [service(1), record]}
    return import_oruk_source(json.dumps(data).encode(), publish=True)


def with_location(**values):
    record = service(2)
    location_of(record).update(values)
    return record


def with_postcode(postcode, **values):
    record = with_location(**values)
    location_of(record)["addresses"][0]["postal_code"] = postcode
    return record


LOCATION = "$.contents[1].service_at_locations[0].location"
CASES = {
    "latitude 100": (
        with_location(latitude=100, longitude=101),
        [f"{LOCATION}.latitude: 100 is not a latitude"],
    ),
    "the profile's example place": (
        with_postcode("ABC 1234", latitude=100, longitude=101),
        [
            f"{LOCATION}.latitude: 100 is not a latitude",
            f"{LOCATION}.addresses[0].postal_code: 'ABC 1234' is not a UK postcode",
        ],
    ),
    "(0, 0) at ZZ99 9ZZ": (
        with_postcode("ZZ99 9ZZ", latitude=0, longitude=0),
        [
            f"{LOCATION}.latitude: (0, 0) is outside the UK",
            f"{LOCATION}.addresses[0].postal_code: 'ZZ99 9ZZ' is not a UK postcode",
        ],
    ),
    "coordinates far from their postcode": (
        with_location(latitude=51.5074, longitude=-0.1278),  # central London, at a Bognor Regis postcode
        [f"{LOCATION}.latitude: (51.5074, -0.1278) is 89 km from the postcode PO21 1DP (more than 5 km)"],
    ),
    "a longitude with no latitude": (
        with_location(longitude=-0.6785),
        [f"{LOCATION}.latitude: is missing while the longitude is given"],
    ),
    "no postcode and no coordinates": (
        with_postcode(""),
        [f"{LOCATION}: a place people go needs a postcode, or a latitude and longitude"],
    ),
    "age -5": (service(2, minimum_age=-5), ["$.contents[1].minimum_age: -5 is not an age (0 to 120)"]),
    "age 1e30": (service(2, maximum_age=1e30), ["$.contents[1].maximum_age: 1e+30 is not an age (0 to 120)"]),
    "ages the wrong way round": (
        service(2, minimum_age=16, maximum_age=5),
        ["$.contents[1].minimum_age: the minimum age 16 is above the maximum age 5"],
    ),
    "a web address that is not one": (
        service(2, url="javascript:alert(1)"),
        ["$.contents[1].url: 'javascript:alert(1)' is not a web address (http:// or https:// and a host)"],
    ),
    "an email that is not one": (
        service(2, email="nobody at example"),
        ["$.contents[1].email: 'nobody at example' is not a 'email'"],  # the schema's format check
    ),
    "a blank name": (service(2, name="   "), ["$.contents[1].name: is required and is empty"]),
    "an organisation email that is not one": (
        service(2, organization={**service(2)["organization"], "email": "x@"}),
        ["$.contents[1].organization.email: 'x@' is not an email address"],
    ),
    "a contact's email that is not one": (
        service(2, contacts=[{"id": service(9)["id"], "email": "a@b"}]),
        ["$.contents[1].contacts[0].email: 'a@b' is not an email address"],
    ),
    "an unknown postcode": (
        with_postcode("BN99 9ZZ"),
        [f"{LOCATION}.addresses[0].postal_code: 'BN99 9ZZ' is not a postcode we can place (Great Britain only)"],
    ),
    "a schema error": (
        service(2, status="open"),
        ["$.contents[1].status: 'open' is not one of ['active', 'inactive', 'defunct', 'temporarily closed']"],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_bad_service_is_refused_with_its_path_and_reason_and_the_good_one_imports(case, schemas, area):
    record, errors = CASES[case]
    report = only_bad(record)
    assert report.complete and report.refused == 1
    assert report.errors == errors
    assert [page.title for page in ServicePage.objects.all()] == ["Family service 1"]
    assert report.services_refused == {oruk_import._id(record["id"])}


def test_missing_optional_fields_are_fine(schemas, area):
    bare = {
        "id": service(3)["id"],
        "name": "Just a name",
        "status": "active",
        "organization": service(3)["organization"],
    }
    report = only_bad(bare)
    assert report.refused == 0 and report.errors == [] and ServicePage.objects.count() == 2


def test_good_coordinates_near_their_postcode_are_kept(schemas, area):
    report = only_bad(with_location(latitude=50.7861, longitude=-0.6785))
    assert report.refused == 0
    location = ServicePage.objects.get(title="Family service 2").locations.get()
    assert (location.latitude, location.longitude) == (50.7861, -0.6785)


def test_the_report_keeps_the_first_hundred_errors_and_counts_the_rest(feed_server, schemas, area):
    records = [service(n, minimum_age=-n - 1) for n in range(150)] + [service(999)]
    report = import_oruk_source(feed_server.serve_pages(pages(records, 50)))
    assert report.complete and report.refused == 150 and report.error_count == 150
    assert len(report.errors) == 100
    assert report.errors[0] == "page 1, $.contents[0].minimum_age: -1 is not an age (0 to 120)"
    assert report.errors[99] == "page 2, $.contents[49].minimum_age: -100 is not an age (0 to 120)"
    assert report.summary_lines()[-1] == "  ... and 50 more."
    assert [page.title for page in ServicePage.objects.all()] == ["Family service 999"]
    assert len(report.services_seen) == 151


def test_the_same_service_twice_in_a_feed_is_refused_the_second_time(schemas, area):
    report = only_bad(service(1, name="Copy"))
    assert report.errors == ["$.contents[1].id: the same service id is also at $.contents[0]."]
    assert ServicePage.objects.get().title == "Family service 1"


def test_a_refused_service_keeps_what_the_directory_had(schemas, area):
    only_bad(service(2))
    report = only_bad(service(2, name="Renamed", minimum_age=-5))
    assert report.refused == 1
    assert ServicePage.objects.get(oruk_id=service(2)["id"]).title == "Family service 2"
