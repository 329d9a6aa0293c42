"""Each record check, called directly: the exact JSON path and reason, and the limits just inside and outside.

tests/exchange/test_record_checks.py follows records through a whole import; these pin the words and the edges
a directory team reads in the feed report (mutation testing found them unpinned).
"""

import math

import pytest

from directory.exchange.oruk_check import (
    email_problem,
    organisation_problems,
    service_problems,
    web_address_problem,
)


def place(**location):
    """service_problems for a nameless-path service with one physical location."""
    return service_problems({"name": "Family Hub", "service_at_locations": [{"location": location}]}, "$")


def at(postcode, index=0, **coordinates):
    addresses = [{"address_type": "postal", "postal_code": "ZZ1 1ZZ"}] * index
    return place(addresses=[*addresses, {"address_type": "physical", "postal_code": postcode}], **coordinates)


LOCATION = "$.service_at_locations[0].location"


# --- web addresses and email addresses ----------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        None,
        42,
        "https://example.org/",
        "  http://example.org/x?y=1  ",
        "http://localhost:8000/",
        "https://a.b:443/",
    ],
)
def test_a_web_address_that_is_fine_or_not_given_has_no_problem(value):
    assert web_address_problem(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("ftp://example.org/", "'ftp://example.org/' is not a web address (http:// or https:// and a host)"),
        ("example.org", "'example.org' is not a web address (http:// or https:// and a host)"),
        ("https://exa mple.org/", "'https://exa mple.org/' is not a web address (http:// or https:// and a host)"),
        (
            "https://example.org:123456/",
            "'https://example.org:123456/' is not a web address (http:// or https:// and a host)",
        ),
        ("https://", "'https://' is not a web address (http:// or https:// and a host)"),
        ("https://:8080/", "'https://:8080/' is not a web address (http:// or https:// and a host)"),
        ("https://intranet/", "'https://intranet/' is not a web address (its host has no domain)"),
    ],
)
def test_a_web_address_that_is_not_one_says_why(value, reason):
    assert web_address_problem(value) == reason


def test_a_web_address_over_2000_characters_is_refused_and_shown_cut_short():
    value = "https://example.org/" + "a" * 2000
    assert web_address_problem(value) == f"{repr(value)[:57]}... is not a web address (http:// or https:// and a host)"


def test_a_web_address_of_2001_characters_is_refused():
    value = "https://example.org/" + "a" * (2001 - len("https://example.org/"))
    assert web_address_problem(value) == f"{repr(value)[:57]}... is not a web address (http:// or https:// and a host)"


def test_a_web_address_of_exactly_2000_characters_is_still_read():
    value = "https://example.org/" + "a" * (2000 - len("https://example.org/"))
    assert web_address_problem(value) is None


def test_a_shown_value_of_60_characters_is_whole_and_of_61_is_cut_to_60():
    sixty = "x" * 58  # with its quotes, 60
    assert email_problem(sixty) == f"'{sixty}' is not an email address"
    assert email_problem(sixty + "y") == f"'{sixty[:56]}... is not an email address"


@pytest.mark.parametrize(("value", "problem"), [("", None), (None, None), ("jo@example.org", None)])
def test_an_email_address_that_is_fine_or_not_given_has_no_problem(value, problem):
    assert email_problem(value) is problem


def test_an_email_address_that_is_not_one_says_so():
    assert email_problem(" jo at example.org ") == "' jo at example.org ' is not an email address"


# --- ages ------------------------------------------------------------------------------


@pytest.mark.parametrize(("minimum", "maximum"), [(0, 120), (5, 5), (0, 0), (120, 120), (2.5, 3)])
def test_ages_from_0_to_120_with_the_minimum_not_above_the_maximum_are_fine(minimum, maximum):
    assert service_problems({"name": "Club", "minimum_age": minimum, "maximum_age": maximum}, "$") == []


@pytest.mark.parametrize(
    ("value", "shown"), [(-1, "-1"), (121, "121"), (True, "True"), ("7", "'7'"), (math.nan, "nan"), (1e30, "1e+30")]
)
def test_an_age_that_is_not_one_names_itself_and_the_range(value, shown):
    assert service_problems({"name": "Club", "maximum_age": value}, "$") == [
        ("$.maximum_age", f"{shown} is not an age (0 to 120)")
    ]


def test_a_minimum_age_above_the_maximum_is_named_on_the_minimum():
    assert service_problems({"name": "Club", "minimum_age": 10, "maximum_age": 5}, "$") == [
        ("$.minimum_age", "the minimum age 10 is above the maximum age 5")
    ]


def test_a_bad_age_beside_a_good_one_is_the_only_problem():
    assert service_problems({"name": "Club", "minimum_age": 130, "maximum_age": 5}, "$") == [
        ("$.minimum_age", "130 is not an age (0 to 120)")
    ]


# --- coordinates -----------------------------------------------------------------------


@pytest.mark.parametrize(("latitude", "longitude"), [(49.8, -8.7), (61.0, 2.0), (50.8, -0.37)])
def test_coordinates_inside_the_uk_with_no_postcode_are_fine(latitude, longitude):
    assert place(latitude=latitude, longitude=longitude) == []


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(49.79, -1.0), (61.01, -1.0), (55.0, -8.71), (55.0, 2.01), (0, 0), (90, 180), (-90, -180)],
)
def test_coordinates_outside_the_uk_say_so(latitude, longitude):
    assert place(latitude=latitude, longitude=longitude) == [
        (f"{LOCATION}.latitude", f"({latitude:g}, {longitude:g}) is outside the UK")
    ]


def test_a_latitude_and_longitude_out_of_range_are_each_named():
    assert place(latitude=90.5, longitude=-180.5) == [
        (f"{LOCATION}.latitude", "90.5 is not a latitude"),
        (f"{LOCATION}.longitude", "-180.5 is not a longitude"),
    ]


@pytest.mark.parametrize(("value", "shown"), [(True, "True"), ("51", "'51'"), (math.inf, "inf"), (math.nan, "nan")])
def test_a_coordinate_that_is_not_a_number_is_not_a_latitude(value, shown):
    assert place(latitude=value, longitude=-0.37) == [(f"{LOCATION}.latitude", f"{shown} is not a latitude")]


def test_half_a_pair_of_coordinates_names_the_missing_half():
    assert place(latitude=50.8) == [(f"{LOCATION}.longitude", "is missing while the latitude is given")]
    assert place(longitude=-0.37) == [(f"{LOCATION}.latitude", "is missing while the longitude is given")]


# --- postcodes and where they are ----------------------------------------------------------


def test_a_place_with_neither_postcode_nor_coordinates_is_refused_on_the_location():
    assert place(name="Somewhere") == [(LOCATION, "a place people go needs a postcode, or a latitude and longitude")]


def test_a_postcode_that_is_not_one_is_named_on_the_physical_address():
    assert at("ABC 1234", index=1) == [(f"{LOCATION}.addresses[1].postal_code", "'ABC 1234' is not a UK postcode")]


def test_without_a_physical_address_the_first_address_is_checked():
    assert place(addresses=[{"address_type": "postal", "postal_code": "ABC 1234"}]) == [
        (f"{LOCATION}.addresses[0].postal_code", "'ABC 1234' is not a UK postcode")
    ]


def test_a_postcode_nobody_can_place_says_so():
    assert at("BN99 9ZZ") == [
        (f"{LOCATION}.addresses[0].postal_code", "'BN99 9ZZ' is not a postcode we can place (Great Britain only)")
    ]


# Where the postcode file puts BN11 1HS.
WORTHING = (50.814049, -0.373189)


def test_a_postcode_and_coordinates_that_agree_are_fine():
    assert at("BN11 1HS", latitude=WORTHING[0], longitude=WORTHING[1]) == []


def test_coordinates_far_from_their_postcode_say_how_far_and_the_limit():
    [(path, reason)] = at("BN11 1HS", latitude=51.1137, longitude=-0.1828)  # Crawley
    assert path == f"{LOCATION}.latitude"
    assert reason.startswith("(51.1137, -0.1828) is 36 km from the postcode BN11 1HS")
    assert reason.endswith(" (more than 5 km)")


def test_the_distance_allowed_from_the_postcode_is_a_setting(settings):
    settings.ORUK_POSTCODE_TOLERANCE_KM = 40
    assert at("BN11 1HS", latitude=51.1137, longitude=-0.1828) == []
    settings.ORUK_POSTCODE_TOLERANCE_KM = 30
    assert at("BN11 1HS", latitude=51.1137, longitude=-0.1828)[0][1].endswith(" (more than 30 km)")


def test_a_point_just_over_5_km_from_its_postcode_is_refused_and_just_under_is_not():
    # A degree of latitude is about 111 km.
    assert at("BN11 1HS", latitude=WORTHING[0] + 4.8 / 111.2, longitude=WORTHING[1]) == []
    assert len(at("BN11 1HS", latitude=WORTHING[0] + 5.3 / 111.2, longitude=WORTHING[1])) == 1


# --- the whole service -----------------------------------------------------------------------


def test_every_problem_of_a_service_is_named_with_its_path():
    record = {
        "name": " ",
        "url": "ftp://x.org",
        "email": "nobody",
        "contacts": [{"email": "jo@example.org"}, {"email": "not-an-email"}, "not a contact"],
        "organization": {"name": "", "website": "https://intranet/", "email": "x"},
        "service_at_locations": [
            "not a link",
            {"location": {"location_type": "virtual"}},
            {"location": {"name": "No type given, so a place people go"}},
        ],
    }
    assert service_problems(record, "$.contents[3]") == [
        ("$.contents[3].name", "is required and is empty"),
        ("$.contents[3].url", "'ftp://x.org' is not a web address (http:// or https:// and a host)"),
        ("$.contents[3].email", "'nobody' is not an email address"),
        ("$.contents[3].contacts[1].email", "'not-an-email' is not an email address"),
        ("$.contents[3].organization.name", "is required and is empty"),
        ("$.contents[3].organization.website", "'https://intranet/' is not a web address (its host has no domain)"),
        ("$.contents[3].organization.email", "'x' is not an email address"),
        (
            "$.contents[3].service_at_locations[2].location",
            "a place people go needs a postcode, or a latitude and longitude",
        ),
    ]


def test_an_organisation_with_a_name_and_nothing_else_is_fine():
    assert organisation_problems({"name": "Seaside Families"}, "$.organization") == []


def test_a_postcode_with_no_location_says_it_does_not_geocode_and_why():
    assert at("GY1 1AA") == [
        (
            f"{LOCATION}.addresses[0].postal_code",
            "'GY1 1AA' does not geocode: We have no locations for Channel Islands or Isle of Man postcodes such as "
            "GY1 1AA. Enter a postcode or town in England, Scotland or Wales.",
        )
    ]
