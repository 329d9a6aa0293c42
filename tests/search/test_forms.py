"""Specifications for reading search parameters into a ServiceQuery (shared by /search/ and /api/search)."""

import pytest
from django.http import QueryDict

from directory.area_profiles import load_area
from search.forms import SearchForm, query_parameters, query_string
from search.query import ServiceQuery

WORTHING = "E07000229"
ARUN = "E07000224"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def west_sussex():
    load_area("west-sussex")


def parse(query_text):
    form = SearchForm(QueryDict(query_text))
    return form, (form.to_query() if form.is_valid() else None)


def error_for(query_text, parameter):
    form, query = parse(query_text)
    assert query is None, f"{query_text} should be refused"
    assert [error["parameter"] for error in form.parameter_errors()] == [parameter]
    return form.parameter_errors()[0]["message"]


def test_no_parameters_is_a_search_for_everything_with_the_defaults():
    _form, query = parse("")
    assert query == ServiceQuery()


def test_unknown_parameters_are_ignored():
    _form, query = parse("colour=blue&utm_source=leaflet")
    assert query == ServiceQuery()


def test_words_are_kept_with_spaces_tidied():
    _form, query = parse("q=%20autism%20%20support%20")
    assert query.text == "autism support"


def test_very_long_words_are_cut_not_refused():
    _form, query = parse("q=" + "a" * 500)
    assert len(query.text) == 200


def test_full_postcode_is_resolved_with_its_district_for_the_echo():
    form, query = parse("postcode=bn111hs")
    assert query.near.label == "BN11 1HS"
    assert query.near.lad_code == WORTHING
    assert form.place_label == "BN11 1HS, Worthing"


def test_outcode_is_resolved():
    form, query = parse("postcode=BN11")
    assert query.near.kind == "outcode"
    assert form.place_label == "BN11, Worthing"


def test_town_in_the_loaded_area_is_resolved_and_named_with_its_district():
    form, query = parse("postcode=Findon")
    assert query.near.kind == "town"
    assert query.near.lad_code == ARUN
    assert form.place_label == "Findon, Arun"


def test_town_that_is_its_own_district_is_not_named_twice():
    form, _query = parse("postcode=Worthing")
    assert form.place_label == "Worthing"


def test_latitude_and_longitude_are_a_place():
    _form, query = parse("postcode=50.8140,-0.3732")
    assert query.near.kind == "coordinates"
    assert query.near.lad_code == WORTHING


def test_place_outside_the_area_is_found_without_a_district_name():
    form, query = parse("postcode=SW1A 1AA")
    assert query.near is not None
    assert form.place_label == "SW1A 1AA"


def test_unknown_postcode_is_an_error_that_names_it():
    assert "BN11 4UU" in error_for("postcode=bn11 4uu", "postcode")


def test_malformed_postcode_is_an_error_that_shows_an_example():
    assert "BN11 1HS" in error_for("postcode=BN1 12345", "postcode")


def test_unknown_town_is_an_error_that_names_it():
    assert "Nowhereville" in error_for("postcode=Nowhereville", "postcode")


def test_over_long_place_text_is_refused():
    error_for("postcode=" + "x" * 101, "postcode")


def test_radius_defaults_to_five_miles():
    assert parse("postcode=BN11 1HS")[1].radius_miles == 5.0


@pytest.mark.parametrize("radius", ["0.5", "10", "50"])
def test_radius_up_to_fifty_miles_is_accepted(radius):
    assert parse(f"radius={radius}")[1].radius_miles == float(radius)


@pytest.mark.parametrize("radius", ["0", "-3", "50.1", "500", "ten", "nan", "inf"])
def test_radius_that_is_not_more_than_zero_and_at_most_fifty_is_refused(radius):
    error_for(f"radius={radius}", "radius")


@pytest.mark.parametrize(
    ("parameter", "field", "value", "expected"),
    [
        ("outcome", "outcomes", "ws-safe-secure", ("ws-safe-secure",)),
        ("need_level", "need_levels", "level-2", ("level-2",)),
        ("age_band", "age_bands", "0-2", ("0-2",)),
        ("district", "districts", WORTHING, (WORTHING,)),
    ],
)
def test_vocabulary_codes_are_accepted(parameter, field, value, expected):
    assert getattr(parse(f"{parameter}={value}")[1], field) == expected


def test_codes_are_matched_without_regard_to_case():
    assert parse("district=e07000229")[1].districts == (WORTHING,)


def test_a_repeated_parameter_gives_every_value():
    assert parse(f"district={WORTHING}&district={ARUN}")[1].districts == (WORTHING, ARUN)


def test_a_comma_separated_parameter_gives_every_value():
    assert parse(f"district={WORTHING},{ARUN}")[1].districts == (WORTHING, ARUN)


def test_a_value_given_twice_counts_once():
    assert parse("need_level=level-2&need_level=level-2,LEVEL-2")[1].need_levels == ("level-2",)


@pytest.mark.parametrize("parameter", ["outcome", "need_level", "age_band", "district", "delivery"])
def test_an_unknown_code_is_an_error_naming_the_parameter_and_the_code(parameter):
    assert "“nonsense”" in error_for(f"{parameter}=nonsense", parameter)


def test_an_unknown_code_among_good_ones_is_still_an_error():
    error_for(f"district={WORTHING},E09000001", "district")


@pytest.mark.parametrize("age", ["0", "7", "25"])
def test_age_from_0_to_25_is_accepted(age):
    assert parse(f"age={age}")[1].age == int(age)


@pytest.mark.parametrize("age", ["-1", "26", "seven", "7.5"])
def test_age_outside_0_to_25_or_not_whole_is_refused(age):
    error_for(f"age={age}", "age")


@pytest.mark.parametrize("word", ["true", "1", "on", "yes", "TRUE"])
def test_free_accepts_the_usual_words_for_yes(word):
    assert parse(f"free={word}")[1].free_only is True


@pytest.mark.parametrize("word", ["false", "0", "off", ""])
def test_free_accepts_the_usual_words_for_no(word):
    assert parse(f"free={word}")[1].free_only is False


def test_free_that_is_neither_yes_nor_no_is_refused():
    error_for("free=maybe", "free")


def test_self_referral_is_a_flag():
    assert parse("self_referral=on")[1].self_referral is True
    error_for("self_referral=perhaps", "self_referral")


def test_delivery_modes_are_accepted_repeated_or_comma_separated():
    assert parse("delivery=online,phone&delivery=home_visits")[1].delivery == ("online", "phone", "home_visits")


def test_languages_are_accepted_as_typed():
    assert parse("language=Polish,British Sign Language")[1].languages == ("Polish", "British Sign Language")


@pytest.mark.parametrize("language", ["<script>", "12", "x" * 41])
def test_a_language_that_is_not_a_name_is_refused(language):
    error_for(f"language={language}", "language")


@pytest.mark.parametrize(("day", "index"), [("monday", 0), ("Sunday", 6), ("WEDNESDAY", 2)])
def test_day_is_a_weekday_name(day, index):
    assert parse(f"day={day}")[1].day == index


def test_a_day_that_is_not_a_weekday_is_refused():
    error_for("day=someday", "day")


@pytest.mark.parametrize("sort", ["distance", "relevance", "name"])
def test_sort_orders_are_accepted(sort):
    assert parse(f"sort={sort}")[1].sort == sort


def test_an_unknown_sort_is_refused():
    error_for("sort=random", "sort")


def test_page_defaults_to_one_and_must_be_one_or_more():
    assert parse("")[1].page == 1
    assert parse("page=3")[1].page == 3
    error_for("page=0", "page")
    error_for("page=two", "page")
    error_for("page=10001", "page")


@pytest.mark.parametrize(("size", "ok"), [("1", True), ("200", True), ("0", False), ("201", False), ("x", False)])
def test_page_size_is_from_1_to_200(size, ok):
    form, query = parse(f"page_size={size}")
    if ok:
        assert query.page_size == int(size)
    else:
        assert form.parameter_errors()[0]["parameter"] == "page_size"


def test_page_size_defaults_to_20():
    assert parse("")[1].page_size == 20


def test_every_bad_parameter_is_reported_once_in_form_order():
    form, _query = parse("page=0&radius=99&age=30&outcome=nope")
    assert [error["parameter"] for error in form.parameter_errors()] == ["radius", "outcome", "age", "page"]


def test_parameters_read_back_give_the_same_query():
    text = (
        f"q=autism&postcode=BN11 1HS&radius=10&outcome=ws-safe-secure&need_level=level-2&age=7&age_band=5-11"
        f"&district={WORTHING}&free=true&delivery=online&self_referral=true&language=Polish&day=monday"
        f"&sort=name&page=2&page_size=50"
    )
    _form, query = parse(text)
    again = SearchForm(QueryDict(query_string(query, "BN11 1HS")[1:]))
    assert again.is_valid()
    assert again.to_query() == query


def test_default_values_are_left_out_of_the_parameters():
    assert query_parameters(ServiceQuery()) == []
    assert query_string(ServiceQuery()) == ""
