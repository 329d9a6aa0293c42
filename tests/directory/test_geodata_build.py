"""The postcode and place database built from small files in the packages' own formats, not the 2.6-million-row one."""

import math
import sqlite3

import brotli
import msgpack
import pytest

from directory import geodata

NAN = math.nan
# (postcode as ONS writes it, district code, easting, northing): real rows of the package's files.
POSTCODES_B = [
    ("BN111HS", "E07000229", 514705.0, 102872.0),  # Worthing: a full-length postcode, no space
    ("BN11 1HA", "E07000229", 514900.0, 102700.0),  # nearby, so the outcode is an average of two
    ("BT1 1AA", "N09000003", 334316.0, 374675.0),  # Northern Ireland: another licence, left out
]
POSTCODES_R = [
    ("RH101FP", "E07000226", 527124.0, 136479.0),  # Crawley
    ("RH10 9ZZ", NAN, NAN, NAN),  # terminated: no grid reference and no district
]
POSTCODES_G = [("GY1 1AA", "L99999999", NAN, NAN)]  # Channel Islands: a pseudo-district, no grid reference
CITIES = [
    (1, "Worthing", "United Kingdom", 50.81795, -0.37538),
    (2, "Crawley", "United Kingdom", 51.11303, -0.18312),
    (3, "Crawley", "Australia", -31.98418, 115.81603),
    (4, "Belfast", "United Kingdom", 54.59682, -5.92541),  # no GB postcode within 10 km
    (5, "Saint Peter Port", "Guernsey", 49.45981, -2.53527),
]


def _write_postcodes(folder, letter, rows):
    pcd, laua, east, north = (list(column) for column in zip(*rows, strict=True))
    payload = {
        "columns": ["pcd", "laua", "oseast1m", "osnrth1m"],
        "data": {"pcd": pcd, "laua": laua, "oseast1m": east, "osnrth1m": north},
    }
    (folder / f"postcodes_{letter}.msgpack.br").write_bytes(brotli.compress(msgpack.packb(payload)))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sources = tmp_path_factory.mktemp("sources")
    for letter, rows in (("B", POSTCODES_B), ("R", POSTCODES_R), ("G", POSTCODES_G)):
        _write_postcodes(sources, letter, rows)
    places = sources / "worldcities.db"
    with sqlite3.connect(places) as conn:
        conn.execute("CREATE TABLE cities (id INTEGER PRIMARY KEY, city TEXT, country TEXT, lat REAL, lon REAL)")
        conn.executemany("INSERT INTO cities VALUES (?, ?, ?, ?, ?)", CITIES)
    conn.close()
    target = tmp_path_factory.mktemp("built") / "geo.sqlite3"
    summary = geodata.build(target, postcode_dir=sources, places_db=places)
    db = sqlite3.connect(target)
    yield summary, db
    db.close()


def _row(db, sql, *args):
    return db.execute(sql, args).fetchone()


def test_grid_references_become_wgs84_latitude_and_longitude(built):
    _, db = built
    # The same points the full build gives (var/geo.sqlite3): easting is x, northing is y.
    assert _row(db, "SELECT lat, lon, lad FROM postcode WHERE pc = 'bn111hs'") == pytest.approx(
        (50.814049, -0.373189, "E07000229")
    )
    assert _row(db, "SELECT lat, lon, lad FROM postcode WHERE pc = 'rh101fp'") == pytest.approx(
        (51.113512, -0.185265, "E07000226")
    )


def test_postcodes_are_normalised_and_northern_ireland_is_left_out(built):
    summary, db = built
    codes = {pc for (pc,) in db.execute("SELECT pc FROM postcode")}
    assert codes == {"bn111hs", "bn111ha", "rh101fp", "rh109zz", "gy11aa"}
    assert summary["postcodes"] == 5
    assert summary["located"] == 3


def test_a_terminated_postcode_is_kept_without_a_place_or_district(built):
    _, db = built
    assert _row(db, "SELECT lat, lon, lad FROM postcode WHERE pc = 'rh109zz'") == (None, None, None)


def test_a_channel_islands_postcode_keeps_its_pseudo_district_and_no_coordinates(built):
    _, db = built
    assert _row(db, "SELECT lat, lon, lad FROM postcode WHERE pc = 'gy11aa'") == (None, None, "L99999999")


def test_an_outcode_is_the_centre_of_its_located_postcodes_and_their_commonest_district(built):
    _, db = built
    bn111hs = _row(db, "SELECT lat, lon FROM postcode WHERE pc = 'bn111hs'")
    bn111ha = _row(db, "SELECT lat, lon FROM postcode WHERE pc = 'bn111ha'")
    lat, lon, lad = _row(db, "SELECT lat, lon, lad FROM outcode WHERE oc = 'bn11'")
    assert (lat, lon) == pytest.approx(((bn111hs[0] + bn111ha[0]) / 2, (bn111hs[1] + bn111ha[1]) / 2), abs=1e-6)
    assert lad == "E07000229"
    # RH10's only located postcode sets its centre; the terminated one adds nothing.
    assert _row(db, "SELECT lat, lon, lad FROM outcode WHERE oc = 'rh10'") == pytest.approx(
        (51.113512, -0.185265, "E07000226")
    )


def test_places_are_british_towns_near_a_postcode_with_their_district(built):
    summary, db = built
    places = db.execute("SELECT name, name_key, lad, postcodes_nearby FROM place ORDER BY name").fetchall()
    # Crawley in Australia, Belfast (no GB postcode near) and Guernsey are not places here.
    assert places == [("Crawley", "crawley", "E07000226", 1), ("Worthing", "worthing", "E07000229", 2)]
    assert summary["places"] == 2


def test_the_file_says_what_it_was_built_from(built):
    _, db = built
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["schema_version"] == geodata.SCHEMA_VERSION
    assert meta["count_postcodes"] == "5"
    assert meta[geodata.POSTCODE_PACKAGE]


def test_a_failed_build_leaves_no_file_behind(tmp_path):
    empty = tmp_path / "no-postcodes"
    empty.mkdir()
    target = tmp_path / "out" / "geo.sqlite3"
    with pytest.raises(geodata.GeodataUnavailable, match="No postcode files"):
        geodata.build(target, postcode_dir=empty, places_db=tmp_path / "none.db")
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_name_keys_fold_spelling_differences():
    assert (
        geodata.name_key("St. Mary's") == geodata.name_key("saint marys") == geodata.name_key("St Marys") == "st marys"
    )
    assert geodata.name_key("Bognor Régis") == "bognor regis"
