"""Specifications for place aliases: what families type for a place, seeded per area and asked before the gazetteer."""

import pytest
from django.test import override_settings

from directory import geo
from directory.area_profiles import load_area, read_area
from directory.places import PlaceAlias, place_meant

pytestmark = pytest.mark.django_db

WEST_SUSSEX_DISTRICTS = ["E07000223", "E07000224", "E07000225", "E07000226", "E07000227", "E07000228", "E07000229"]
ARUN = "E07000224"
ADUR = "E07000223"
TENDRING = "E07000076"


def test_load_area_seeds_the_area_profiles_aliases():
    load_area("west-sussex")
    assert PlaceAlias.objects.get(area="west-sussex", alias="Bognor").place == "Bognor Regis"


def test_loading_an_area_twice_changes_no_alias():
    load_area("west-sussex")
    count = PlaceAlias.objects.count()
    assert load_area("west-sussex") == 0
    assert PlaceAlias.objects.count() == count


def test_bognor_resolves_to_bognor_regis():
    load_area("west-sussex")
    place = geo.resolve_place("Bognor", prefer_lads=WEST_SUSSEX_DISTRICTS)
    assert (place.label, place.lad_code, place.kind) == ("Bognor Regis", ARUN, "town")


def test_an_alias_wins_over_a_same_named_place_elsewhere():
    # There is a Shoreham in Kent; in West Sussex, Shoreham means Shoreham-by-Sea.
    load_area("west-sussex")
    place = geo.resolve_place("shoreham", prefer_lads=WEST_SUSSEX_DISTRICTS)
    assert (place.label, place.lad_code) == ("Shoreham-by-Sea", ADUR)


def test_an_alias_matches_as_the_gazetteer_does_ignoring_case_and_punctuation():
    load_area("lancashire")
    with override_settings(EARLYHELP_AREA="lancashire"):
        assert place_meant("saint annes") == "Lytham St Annes"
        assert place_meant("ST. ANNES") == "Lytham St Annes"


def test_an_alias_counts_only_in_its_own_area():
    load_area("essex")
    assert place_meant("Walton") is None  # the site serves West Sussex
    with override_settings(EARLYHELP_AREA="essex"):
        place = geo.resolve_place("Walton")
    assert (place.label, place.lad_code) == ("Walton-on-the-Naze", TENDRING)


def test_an_alias_to_a_place_the_gazetteer_lacks_falls_back_to_the_name_typed():
    PlaceAlias.objects.create(alias="Worthing", place="Nowhere On Sea", area="west-sussex")
    assert geo.resolve_place("Worthing").label == "Worthing"


def test_every_alias_in_every_area_profile_names_a_real_place_or_a_postcode_in_the_area():
    for area in ("west-sussex", "lancashire", "essex"):
        load_area(area)
    for alias in PlaceAlias.objects.all():
        if geo.POSTCODE_RE.match(alias.place):
            districts = [district["code"] for district in read_area(alias.area)["districts"]]
            assert geo.default_geocoder().lookup_postcode(alias.place).lad_code in districts, alias
        else:
            assert geo.default_geocoder().lookup_town(alias.place).label == alias.place, alias


@pytest.mark.parametrize("typed", ["Southwick", "southwick", "  SOUTHWICK "])
def test_a_village_the_gazetteer_lacks_is_found_through_its_alias_postcode(typed):
    # GeoNames has only the Southwick in Wiltshire; West Sussex's is beside Shoreham-by-Sea.
    load_area("west-sussex")
    for place in (
        geo.resolve_place(typed, prefer_lads=WEST_SUSSEX_DISTRICTS),
        geo.understand_place(typed, prefer_lads=WEST_SUSSEX_DISTRICTS).place,
    ):
        assert (place.label, place.lad_code, place.kind) == ("Southwick", ADUR, "town")
        assert place.latitude == pytest.approx(50.8334, abs=0.01)


def test_a_village_is_suggested_as_the_areas_own_and_its_namesake_elsewhere_is_not():
    load_area("west-sussex")
    suggestions = geo.suggest_places("Southw")
    assert suggestions[0] == {"label": "Southwick, West Sussex", "value": "Southwick"}
    assert [s["value"] for s in suggestions].count("Southwick") == 1


def test_a_misspelt_village_is_taken_as_meant_and_said_so():
    load_area("west-sussex")
    match = geo.understand_place("Southwik", prefer_lads=WEST_SUSSEX_DISTRICTS)
    assert (match.place.label, match.place.lad_code, match.corrected) == ("Southwick", ADUR, True)


@pytest.mark.parametrize(
    ("area", "typed", "district"),
    [("essex", "Loughton", "E07000072"), ("lancashire", "Fulwood", "E07000123")],
)
def test_each_areas_villages_win_over_their_namesakes_elsewhere(area, typed, district):
    # Loughton is also in Milton Keynes, Fulwood in Sheffield; GeoNames has only those.
    load_area(area)
    with override_settings(EARLYHELP_AREA=area):
        assert geo.resolve_place(typed).lad_code == district


def test_without_the_alias_the_village_is_the_one_elsewhere():
    place = geo.resolve_place("Southwick", prefer_lads=WEST_SUSSEX_DISTRICTS)
    assert place.lad_code not in WEST_SUSSEX_DISTRICTS


def test_aliases_are_a_snippet_the_directory_team_edits(admin_client):
    PlaceAlias.objects.create(alias="Haywards", place="Haywards Heath", area="west-sussex")
    response = admin_client.get("/admin/snippets/directory/placealias/")
    assert response.status_code == 200
    assert "Haywards Heath" in response.content.decode()


def alias_form_data(**fields):
    return {"alias": "Bognor", "place": "Bognor Regis", "area": "west-sussex", **fields}


def test_an_editor_adds_an_alias_in_the_admin(admin_client):
    response = admin_client.post("/admin/snippets/directory/placealias/add/", alias_form_data())
    assert response.status_code == 302
    assert place_meant("bognor") == "Bognor Regis"


def test_an_editor_adds_a_village_by_a_postcode_at_its_centre(admin_client):
    fields = alias_form_data(alias="Kingston Buci", place="BN42 4AD")
    response = admin_client.post("/admin/snippets/directory/placealias/add/", fields)
    assert response.status_code == 302
    place = geo.resolve_place("kingston buci", prefer_lads=WEST_SUSSEX_DISTRICTS)
    assert (place.label, place.lad_code) == ("Kingston Buci", ADUR)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"alias": "BOGNOR"}, "alias", "“Bognor” already means Bognor Regis in this area."),
        (
            {"alias": "Bog", "place": "Bognorville"},
            "place",
            "We could not find a town or village called 'Bognorville'.",
        ),
        ({"alias": "Bog", "area": "kent"}, "area", "Use one of the area profiles: essex, lancashire, west-sussex."),
        (
            {"alias": "Kingston Buci", "place": "BN42 9ZZ"},
            "place",
            "We could not find the postcode BN42 9ZZ. Check it and try again.",
        ),
    ],
)
def test_a_mistaken_alias_is_a_polite_form_error_not_a_crash(admin_client, fields, field, message):
    load_area("west-sussex")
    response = admin_client.post("/admin/snippets/directory/placealias/add/", alias_form_data(**fields))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
