"""Specifications for where a confidential site is placed: its district's centroid, else its outcode's centre."""

import json
from types import SimpleNamespace

import pytest

from directory import sites
from directory.distance import distance_miles
from directory.geo import lookup_outcode, lookup_postcode
from directory.models import Location
from tests.sites.conftest import CRAWLEY, IN_CRAWLEY, MID_SUSSEX

pytestmark = pytest.mark.django_db


def rectangle(west, south, east, north, clockwise=False):
    """A closed GeoJSON ring of [lon, lat] points, counter-clockwise unless asked."""
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return ring[::-1] if clockwise else ring


@pytest.fixture
def drawn_areas(tmp_path, monkeypatch):
    """An areas folder of three districts: a rectangle with a hole, two squares apart, and a point."""
    features = [
        {
            "properties": {"code": "HOLED"},
            # 4 by 2 with its eastern half cut out, the hole drawn the same way round as the outside.
            "geometry": {"type": "Polygon", "coordinates": [rectangle(0, 0, 4, 2), rectangle(2, 0, 4, 2)]},
        },
        {
            "properties": {"code": "TWO"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[rectangle(10, 0, 11, 1)], [rectangle(12, 0, 13, 1, clockwise=True)]],
            },
        },
        {"properties": {"code": "DOT"}, "geometry": {"type": "Point", "coordinates": [5, 5]}},
    ]
    (tmp_path / "drawn.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    monkeypatch.setattr(sites, "AREAS_DIR", tmp_path)
    sites.district_centres.cache_clear()
    yield
    sites.district_centres.cache_clear()


def test_a_rings_centroid_and_signed_area_come_from_the_shoelace_formula():
    counter_clockwise = [tuple(point) for point in rectangle(0, 0, 4, 2)]
    assert sites._ring_centroid(counter_clockwise) == (8.0, 2.0, 1.0)
    assert sites._ring_centroid(counter_clockwise[::-1]) == (-8.0, 2.0, 1.0)
    # A triangle, unclosed: its centroid is the mean of its corners.
    assert sites._ring_centroid([(1, 3), (4, 3), (1, 7)]) == pytest.approx((6.0, 2.0, 13 / 3))


def test_a_ring_with_no_area_has_no_centroid():
    assert sites._ring_centroid([(0, 0), (1, 1), (2, 2)]) == (0.0, 0.0, 0.0)


def test_a_districts_centre_subtracts_its_holes_and_weighs_its_parts(drawn_areas):
    assert sites.district_centres() == {"HOLED": (1.0, 1.0), "TWO": (0.5, 11.5)}
    assert sites.district_centre("TWO") == (0.5, 11.5)
    assert sites.district_centre("DOT") is None
    assert sites.district_centre(None) is None


def test_a_confidential_site_is_placed_at_its_districts_centre(drawn_areas):
    refuge = SimpleNamespace(confidential=True, lad_code="HOLED", postcode="BN11 1HS", latitude=50.8, longitude=-0.4)
    assert sites.public_point(refuge) == (1.0, 1.0)


def test_a_confidential_site_in_an_undrawn_district_is_placed_at_its_outcodes_rounded_centre(drawn_areas):
    refuge = SimpleNamespace(confidential=True, lad_code="E07000229", postcode="bn11 1hs", latitude=5, longitude=0)
    outcode = lookup_outcode("BN11")
    assert sites.public_point(refuge) == (round(outcode.latitude, 2), round(outcode.longitude, 2))
    assert sites.public_point(refuge) != (round(outcode.latitude, 3), round(outcode.longitude, 3))


def test_a_five_character_postcode_still_gives_its_outcode(drawn_areas):
    refuge = SimpleNamespace(confidential=True, lad_code="", postcode="E1 6AN", latitude=5, longitude=0)
    outcode = lookup_outcode("E1")
    assert sites.public_point(refuge) == (round(outcode.latitude, 2), round(outcode.longitude, 2))


@pytest.mark.parametrize("postcode", ["", "BN11", "ZZ9 9ZZ", "not a postcode"])
def test_a_confidential_site_with_no_usable_outcode_has_no_point_at_all(drawn_areas, postcode):
    refuge = SimpleNamespace(confidential=True, lad_code="", postcode=postcode, latitude=50.8, longitude=-0.4)
    assert sites.public_point(refuge) is None


def test_an_ordinary_site_is_placed_at_its_own_point_or_nowhere():
    assert sites.public_point(SimpleNamespace(latitude=50.8, longitude=-0.4)) == (50.8, -0.4)
    assert sites.public_point(SimpleNamespace(latitude=None, longitude=-0.4)) is None
    assert sites.public_point(SimpleNamespace(latitude=50.8, longitude=None)) is None


def test_a_confidential_site_is_named_by_its_district_else_its_town():
    adur = SimpleNamespace(name="Adur")
    assert sites.area_name(SimpleNamespace(district=adur, town="Shoreham-by-Sea")) == "Adur"
    assert sites.area_name(SimpleNamespace(district=None, town="Shoreham-by-Sea")) == "Shoreham-by-Sea"
    assert sites.area_name(SimpleNamespace(town="Lancing")) == "Lancing"
    assert sites.area_name(SimpleNamespace(district=None, town=None)) == ""


def test_every_site_in_order_puts_the_chosen_one_first_and_keeps_the_editors_order(clinic):
    near_crawley = [site.name for site in sites.sites_in_order(clinic, lookup_postcode(IN_CRAWLEY))]
    assert near_crawley == ["Crawley Town Hall", "Worthing Town Hall", "Storrington Village Hall"]
    assert [site.name for site in sites.sites_in_order(clinic)] == [
        "Worthing Town Hall",
        "Storrington Village Hall",
        "Crawley Town Hall",
    ]
    assert sites.sites_in_order([]) == []
    for_crawley = [site.name for site in sites.sites_in_order(clinic, district=CRAWLEY)]
    assert for_crawley == ["Crawley Town Hall", "Worthing Town Hall", "Storrington Village Hall"]


# --- The nearest site, from a point given either way -------------------------------------------


def test_a_confidential_site_is_measured_from_its_districts_centre_never_its_door():
    door = lookup_postcode(IN_CRAWLEY)
    refuge = Location(
        name="Refuge", confidential=True, lad_code=MID_SUSSEX, latitude=door.latitude, longitude=door.longitude
    )
    site, miles = sites.nearest_site([refuge], door)
    centre = sites.district_centre(MID_SUSSEX)
    assert (site, miles) == (refuge, pytest.approx(distance_miles(door.latitude, door.longitude, *centre)))
    assert miles > 3


def test_a_point_may_be_a_pair_and_a_site_half_located_is_passed_over():
    east = SimpleNamespace(name="east", latitude=50.8, longitude=-0.3)
    north = SimpleNamespace(name="north", latitude=50.866, longitude=-0.4)
    # Near the equator below the point: nearest to (longitude, longitude), never to the point itself.
    south = SimpleNamespace(name="south", latitude=10.0, longitude=-0.4)
    half = SimpleNamespace(name="half", latitude=None, longitude=-0.4)
    for point in [(50.8, -0.4), [50.8, -0.4], ("50.8", "-0.4")]:
        site, miles = sites.nearest_site([half, south, north, east], point)
        assert (site.name, round(miles, 1)) == ("east", round(distance_miles(50.8, -0.4, 50.8, -0.3), 1))
    mirrored = [SimpleNamespace(name=s.name, latitude=s.latitude, longitude=0.4) for s in (north, south)]
    assert sites.nearest_site(mirrored, (50.8, 0.4))[0].name == "north"
