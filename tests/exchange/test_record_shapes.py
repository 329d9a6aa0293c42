"""Property: no ORUK record shape, however odd, ends in a traceback; each is imported or refused with reasons."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.exchange.oruk_import import import_oruk_source
from tests.exchange.conftest import location_of, service

scalars = st.one_of(
    st.none(),
    st.booleans(),
    # Beyond 64 bits the parser refuses the feed (the last test); it reads the magnitude first, so -2**63 is beyond.
    st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", "PO21 1DP", "ZZ99 9ZZ", "http://", "https://x.org", "a@b.co", "09:00", "2024-02-30"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
SERVICE_KEYS = [
    "id", "name", "status", "minimum_age", "maximum_age", "url", "email", "organization", "organization_id",
    "service_at_locations", "schedules", "attributes", "cost_options", "languages", "contacts", "phones",
    "service_areas", "description", "assured_date", "fees_description", "x-earlyhelp",
]  # fmt: skip
LOCATION_KEYS = ["latitude", "longitude", "addresses", "location_type", "name", "id", "accessibility"]


@st.composite
def records(draw):
    record = service(draw(st.integers(0, 3)))
    for key in draw(st.lists(st.sampled_from(SERVICE_KEYS), max_size=3, unique=True)):
        record[key] = draw(values)
    places = record.get("service_at_locations")
    if isinstance(places, list) and places and isinstance(places[0], dict):
        location = places[0].get("location")
        if isinstance(location, dict):
            for key in draw(st.lists(st.sampled_from(LOCATION_KEYS), max_size=3, unique=True)):
                location[key] = draw(values)
    return record


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], deadline=None)
@given(feed=st.lists(records(), min_size=1, max_size=3))
def test_any_record_shape_is_imported_or_refused_with_reasons_never_a_traceback(feed, schemas, area):
    report = import_oruk_source(json.dumps(feed).encode(), publish=True)
    assert report.complete, report.failure
    # "could not be read/saved" is the safety net for what the checks missed: it must never be needed.
    assert not [line for line in report.errors if "could not be read" in line or "could not be saved" in line]
    assert report.refused == 0 or report.errors
    written = sum((report.created + report.updated + report.unchanged).values())
    assert written or report.refused


def test_the_worst_numbers_are_refused_not_crashed_on(schemas, area):
    record = service(0)
    location_of(record).update(latitude=2**63 - 1, longitude=-1e308)
    report = import_oruk_source(
        json.dumps([record, service(1, minimum_age=1e308), service(2, maximum_age=-1e-300)]).encode()
    )
    assert report.complete and report.refused == 3


def test_a_number_too_large_to_read_fails_the_feed_with_one_line(db):
    report = import_oruk_source(json.dumps([service(0, minimum_age=10**40)]).encode())
    assert report.failure == "the file: this is not JSON (parse error: integer overflow)."


def test_a_number_beyond_floating_point_fails_the_feed_with_one_line(db):
    text = json.dumps([service(0, minimum_age=1)]).replace('"minimum_age": 1', '"minimum_age": 1e400')
    report = import_oruk_source(text.encode())
    assert report.failure == "the file: this is not JSON (parse error: numeric (floating point) overflow)."
