"""Specifications for the ORUK read API: what it lists, how it filters and pages, and how it refuses bad input."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from directory.exchange import oruk
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import Location
from directory.schedules import weekly
from directory.vocabularies import BY_KEY, DistrictTag, NeedLevelTag
from search import indexing
from tests.oruk.conftest import full_service

API = "/api/oruk"


def get(client, path, **params):
    return client.get(f"{API}{path}", params)


def names(response):
    return [item["name"] for item in response.json()["contents"]]


def test_root_says_which_version_and_profile_and_where_the_openapi_is(client, db):
    body = get(client, "/").json()
    assert body["version"] == "HSDS-UK-3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://testserver/api/oruk/openapi.json"
    assert client.get(body["openapi_url"]).json()["paths"]["/services"]


@pytest.mark.parametrize(
    "path",
    ["/", "/services", "/services?page=0", "/services/not-an-id", "/taxonomies", "/nowhere", "/openapi.json"],
)
def test_every_response_allows_any_origin(client, db, path):
    assert client.get(f"{API}{path}")["Access-Control-Allow-Origin"] == "*"


def test_services_list_only_published_services(client, area):
    organisation = OrganisationPageFactory()
    ServicePageFactory(parent=organisation, title="Published")
    draft = ServicePageFactory(parent=organisation, title="Never published", live=False)
    gone = ServicePageFactory(parent=organisation, title="Unpublished")
    gone.unpublish()
    assert names(get(client, "/services")) == ["Published"]
    assert get(client, f"/services/{draft.oruk_id}").status_code == 404
    assert get(client, f"/services/{gone.oruk_id}").status_code == 404


def test_a_draft_edit_of_a_live_service_is_not_shown(client, area):
    service = ServicePageFactory(title="Live title", summary="Live summary")
    service.title, service.summary = "Draft title", "Draft summary"
    service.save_revision()
    detail = get(client, f"/services/{service.oruk_id}").json()
    assert (detail["name"], detail["x-earlyhelp"]["summary"]) == ("Live title", "Live summary")
    assert names(get(client, "/services")) == ["Live title"]


def test_pages_count_and_cut_the_list(client, many_services):
    last = get(client, "/services", page=3, per_page=10).json()
    assert {key: last[key] for key in ("total_items", "total_pages", "page_number", "size")} == {
        "total_items": 25,
        "total_pages": 3,
        "page_number": 3,
        "size": 5,
    }
    assert (last["first_page"], last["last_page"], last["empty"]) == (False, True, False)
    assert names(get(client, "/services", page=1, per_page=10))[0] == "Service 00"


def test_a_page_past_the_end_is_empty_not_an_error(client, many_services):
    body = get(client, "/services", page=9, per_page=10).json()
    assert (body["empty"], body["size"], body["contents"], body["last_page"]) == (True, 0, [], True)


def test_list_ids_fetch_the_same_service(client, many_services):
    for item in get(client, "/services", per_page=5).json()["contents"]:
        detail = get(client, f"/services/{item['id']}").json()
        assert (detail["id"], detail["name"], detail["organization"]["id"]) == (
            item["id"],
            item["name"],
            item["organization"]["id"],
        )


def test_listing_a_page_costs_the_same_queries_for_few_or_many_services(client, area):
    def queries_for_list():
        indexing.rebuild_all()
        with CaptureQueriesContext(connection) as captured:
            assert client.get_as_is(f"{API}/services", {"per_page": 50}).status_code == 200
        return len(captured.captured_queries)

    ServicePageFactory()
    queries_for_list()  # warms the site-root cache, which is not what is measured
    few = queries_for_list()
    for _ in range(8):
        ServicePageFactory()
    assert queries_for_list() == few


def test_listing_services_at_locations_costs_the_same_queries_for_few_or_many(client, area):
    def queries_for_list():
        indexing.rebuild_all()
        with CaptureQueriesContext(connection) as captured:
            near = {"postcode": "BN11 1HS", "proximity": 50000}
            assert client.get_as_is(f"{API}/service_at_locations", near).status_code == 200
        return len(captured.captured_queries)

    ServicePageFactory()
    queries_for_list()  # warms the site-root cache, which is not what is measured
    few = queries_for_list()
    for _ in range(4):
        ServicePageFactory(locations=[Location(name="A", postcode="BN11 1HS"), Location(name="B", postcode="RH10 6HG")])
    assert queries_for_list() == few


def test_a_full_service_costs_the_same_queries_however_much_it_holds(client, area):
    def queries_for(service):
        with CaptureQueriesContext(connection) as captured:
            assert get(client, f"/services/{service.oruk_id}").status_code == 200
        return len(captured.captured_queries)

    small = full_service(locations=[Location(name="Worthing Library", postcode="BN11 1HS")])
    many_places = [Location(name=f"Place {n}", postcode=code) for n, code in enumerate(["BN11 1HS", "RH10 6HG"] * 3)]
    big = full_service(locations=many_places)
    queries_for(small)  # warms the site-root cache, which is not what is measured
    assert queries_for(big) == queries_for(small)


def test_search_finds_services_matching_any_word_as_api_search_does(client, area):
    ServicePageFactory(title="Baby clinic", summary="Weighing and advice.")
    ServicePageFactory(title="Youth club", summary="Games and advice.").topics.add("autism")
    ServicePageFactory(title="Food bank", summary="Parcels.")
    assert names(get(client, "/services", search="advice")) == ["Baby clinic", "Youth club"]
    assert sorted(names(get(client, "/services", search="ADVICE weighing"))) == ["Baby clinic", "Youth club"]
    assert names(get(client, "/services", search="xylophone")) == []


def test_search_finds_topics(client, area):
    service = ServicePageFactory(title="Youth club")
    service.topics.add("autism")
    service.save_revision().publish()
    ServicePageFactory(title="Baby clinic")
    assert names(get(client, "/services", search="autism")) == ["Youth club"]


def test_taxonomy_term_filter_finds_services_with_that_term(client, area):
    level_2 = NeedLevelTag.objects.get(level=2)
    ServicePageFactory(title="Targeted", tags={"need_levels": [level_2]})
    ServicePageFactory(title="Universal", tags={"need_levels": [NeedLevelTag.objects.get(level=1)]})
    term = oruk.term_id("need_level", level_2.code)
    assert names(get(client, "/services", taxonomy_term_id=str(term))) == ["Targeted"]


def test_taxonomy_filter_finds_services_with_any_term_of_it(client, area):
    ServicePageFactory(title="Tagged", tags={"need_levels": [NeedLevelTag.objects.get(level=3)]})
    ServicePageFactory(title="Untagged")
    vocabulary = BY_KEY["need_level"]
    assert names(get(client, "/services", taxonomy_id=str(vocabulary.oruk_id))) == ["Tagged"]


def test_ages_find_services_for_someone_of_those_ages_as_the_search_does(client, area):
    ServicePageFactory(title="Babies", min_age=0, max_age=2)
    ServicePageFactory(title="Teenagers", min_age=13, max_age=19)
    ServicePageFactory(title="Any age")
    assert names(get(client, "/services", minimum_age=10)) == ["Any age", "Teenagers"]
    assert names(get(client, "/services", maximum_age=5)) == ["Any age", "Babies"]
    assert names(get(client, "/services", minimum_age=3, maximum_age=12)) == ["Any age"]


def test_day_and_times_must_meet_in_one_opening(client, area):
    morning = ServicePageFactory(title="Monday mornings")
    morning.schedules = [weekly(0, datetime.time(9), datetime.time(12))]
    morning.save()
    evening = ServicePageFactory(title="Tuesday evenings")
    evening.schedules = [weekly(1, datetime.time(18), datetime.time(20))]
    evening.save()
    assert names(get(client, "/services", day="MO")) == ["Monday mornings"]
    assert names(get(client, "/services", day="tuesday", start_time="17:00")) == ["Tuesday evenings"]
    assert names(get(client, "/services", day="MO", start_time="17:00")) == []
    assert names(get(client, "/services", end_time="12:00")) == ["Monday mornings"]


def test_service_at_locations_within_proximity_come_nearest_first(client, area):
    ServicePageFactory(
        title="Two places",
        locations=[
            Location(name="Crawley Library", postcode="RH10 6HG"),
            Location(name="Worthing Library", postcode="BN11 1HS"),
        ],
    )
    ServicePageFactory(title="Chichester", locations=[Location(name="Chichester", postcode="PO19 1RQ")])
    ServicePageFactory(title="Crawley only", locations=[Location(name="Crawley Hub", postcode="RH10 6HG")])
    near = get(client, "/service_at_locations", postcode="BN11 1HS", proximity=32000).json()
    assert [item["location"]["name"] for item in near["contents"]] == ["Worthing Library", "Chichester"]
    # Each service found once, as on /api/search, at its location nearest the place.
    far = get(client, "/service_at_locations", postcode="BN11 1HS", proximity=80000).json()
    assert [item["location"]["name"] for item in far["contents"]] == ["Worthing Library", "Chichester", "Crawley Hub"]
    assert far["total_items"] == 3


def test_a_postcode_alone_finds_services_whose_area_holds_it(client, area):
    ServicePageFactory(title="In Crawley", locations=[Location(name="Crawley Library", postcode="RH10 6HG")])
    serving = ServicePageFactory(title="Serves Crawley", locations=[Location(name="Worthing", postcode="BN11 1HS")])
    serving.districts_served.set([DistrictTag.objects.get(code="E07000226")])
    serving.save_revision().publish()
    ServicePageFactory(title="Worthing only")
    body = get(client, "/service_at_locations", postcode="RH10 6HG").json()
    assert sorted(item["service"]["name"] for item in body["contents"]) == ["In Crawley", "Serves Crawley"]
    assert body["contents"][0]["location"]["name"] == "Crawley Library"  # nearest first


def test_service_at_location_ids_fetch_the_same_pair(client, area):
    service = ServicePageFactory(
        locations=[Location(name="Crawley", postcode="RH10 6HG"), Location(name="Worthing", postcode="BN11 1HS")]
    )
    for item in get(client, "/service_at_locations").json()["contents"]:
        detail = get(client, f"/service_at_locations/{item['id']}").json()
        assert (detail["id"], detail["location"]["id"], detail["service"]["id"]) == (
            item["id"],
            item["location_id"],
            str(service.oruk_id),
        )


def test_taxonomies_are_our_vocabularies_with_ids_that_never_change(client, area):
    body = get(client, "/taxonomies").json()
    expected = ["Outcomes", "Need levels", "Age bands", "Districts", "Topics"]
    assert [item["name"] for item in body["contents"]] == expected
    # Derived with uuid5 from a fixed namespace: the same on every site and every run, and the same
    # ids as before the registry (directory.vocabularies) held the namespace.
    assert [item["id"] for item in body["contents"]] == [
        "eb39b2ee-bd3c-5a0f-ac80-45e2269c8c6d",
        "d6dad240-1801-58ee-b33e-c0a2a457d3b3",
        "29582640-9fce-59cb-8e2f-f5be06f0e7a2",
        "3692caae-1956-554f-89cb-540a7bd6b937",
        "0a3e07de-b221-5831-ae57-a1b7399e1f06",
    ]
    assert oruk.term_id("district", "E07000229") == uuid.UUID("8773e0f2-ada6-526e-a659-c60019aee16e")
    assert oruk.service_at_location_id(1, 2) == uuid.UUID("e57109de-efda-5d69-8df8-859bcdbce2d6")


def test_a_taxonomy_comes_with_its_terms(client, area):
    districts = BY_KEY["district"]
    body = get(client, f"/taxonomies/{districts.oruk_id}").json()
    assert [term["term"] for term in body["taxonomy_terms"]][:2] == ["E07000223", "E07000224"]
    assert all(term["taxonomy_id"] == str(districts.oruk_id) for term in body["taxonomy_terms"])


def test_taxonomy_terms_list_and_fetch_by_id(client, area):
    body = get(client, "/taxonomy_terms", per_page=200).json()
    assert body["total_items"] == body["size"] > 20
    worthing = next(term for term in body["contents"] if term["term"] == "E07000229")
    assert get(client, f"/taxonomy_terms/{worthing['id']}").json() == worthing


def test_topics_of_drafts_and_private_pages_are_not_published_as_terms(client, area):
    ServicePageFactory(live=False).topics.add("secret project", "parenting")
    private = ServicePageFactory(tags={"topics": ["staff only"]})
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ServicePageFactory(tags={"topics": ["parenting"]})
    topics = BY_KEY["topic"]
    body = get(client, "/taxonomy_terms", taxonomy_id=str(topics.oruk_id)).json()
    assert [term["name"] for term in body["contents"]] == ["parenting"]
    for hidden in ("secret project", "staff only"):
        hidden_id = str(oruk.term_id("topic", hidden))
        assert get(client, f"/taxonomy_terms/{hidden_id}").status_code == 404
        refused = get(client, "/service_at_locations", taxonomy_term_id=hidden_id)
        assert refused.status_code == 400
        assert "No taxonomy term has the id" in refused.json()["message"]
    parenting = str(oruk.term_id("topic", "parenting"))
    assert get(client, "/services", taxonomy_term_id=parenting).json()["total_items"] == 1


def test_a_services_tags_are_its_attributes(client, hub):
    detail = get(client, f"/services/{hub.oruk_id}").json()
    pairs = {(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["term"]) for a in detail["attributes"]}
    assert {("Outcomes", "ws-best-start"), ("Need levels", "level-2"), ("Topics", "parenting")} <= pairs
    # Districts: where its buildings are (Worthing, Crawley) and what it serves (Adur).
    assert {code for taxonomy, code in pairs if taxonomy == "Districts"} == {"E07000223", "E07000226", "E07000229"}


def test_a_full_service_carries_locations_schedules_costs_and_contacts(client, hub):
    detail = get(client, f"/services/{hub.oruk_id}").json()
    location = detail["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == pytest.approx((50.814, -0.373), abs=0.001)
    assert location["addresses"][0]["postal_code"] == "BN11 1HS"
    weekly = [s for s in detail["schedules"] if s.get("freq") == "WEEKLY"]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in weekly] == [
        ("MO,WE", "09:30", "12:00"),
        ("FR", "13:00", "15:30"),
    ]
    assert detail["cost_options"][0]["option"] == "Low cost"
    assert detail["phones"][0]["number"] == "01903 123456"
    assert [language["name"] for language in detail["languages"]] == ["English", "Polish", "Arabic"]
    assert detail["service_areas"][0]["name"] == "Adur"
    assert (detail["assured_date"], detail["minimum_age"], detail["maximum_age"]) == ("2025-03-01", 0, 5)


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/services?page=0", "page"),
        ("/services?page=-1", "page"),
        ("/services?per_page=abc", "per_page"),
        ("/services?per_page=1000", "per_page"),
        ("/services?minimum_age=old", "minimum_age"),
        ("/services?maximum_age=nan", "maximum_age"),
        ("/services?day=funday", "day"),
        ("/services?start_time=25:00", "start_time"),
        ("/services?start_time=12:00&end_time=09:00", "end_time"),
        ("/services?taxonomy_id=not-a-uuid", "taxonomy_id"),
        ("/services?taxonomy_id=00000000-0000-0000-0000-000000000000", "taxonomy_id"),
        ("/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000", "taxonomy_term_id"),
        ("/service_at_locations?postcode=BN11%201HS&proximity=-1", "proximity"),
        ("/service_at_locations?postcode=BN11%201HS&proximity=far", "proximity"),
        ("/service_at_locations?proximity=1000", "proximity"),
        ("/service_at_locations?postcode=BN11%201HS&proximity=80468", "proximity"),
        ("/service_at_locations?postcode=ZZ99%209ZZ", "postcode"),
        ("/taxonomies?page=x", "page"),
        ("/taxonomy_terms?taxonomy_id=00000000-0000-0000-0000-000000000000", "taxonomy_id"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(client, area, path, parameter):
    response = client.get(f"{API}{path}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert response.json()["message"]


def test_proximity_is_capped_at_the_widest_search_and_the_message_says_so(client, area):
    assert get(client, "/service_at_locations", postcode="BN11 1HS", proximity=80467.2).status_code == 200
    body = get(client, "/service_at_locations", postcode="BN11 1HS", proximity=80468).json()
    assert body["message"] == (
        "proximity must be a number more than 0 and at most 80467.2. That is 50 miles, the widest search."
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/services?page=0", "page must be a whole number from 1 to 100000."),
        ("/services?per_page=1000", "per_page must be a whole number from 1 to 200."),
        ("/services?minimum_age=old", "minimum_age must be a number from 0 to 120."),
        ("/services?day=funday", "day must be a day of the week, like MO or Monday."),
        ("/services?start_time=25:00", "start_time must be a time like 09:30 (24-hour clock)."),
        ("/services?start_time=12:00&end_time=09:00", "end_time must be after start_time."),
        ("/services?taxonomy_id=x", "taxonomy_id must be an id like 6c8a1e0e-3f4b-5a8e-9d7c-2b1a0f9e8d7c."),
        (
            "/services?taxonomy_id=00000000-0000-0000-0000-000000000000",
            "No taxonomy has the id 00000000-0000-0000-0000-000000000000: see /taxonomies for ours.",
        ),
        ("/service_at_locations?proximity=1000", "proximity needs a postcode to measure from."),
    ],
)
def test_bad_parameters_keep_their_messages(client, area, path, message):
    assert client.get(f"{API}{path}").json()["message"] == message


@pytest.mark.parametrize(
    "path",
    [
        "/services/not-a-uuid",
        "/services/5b0c9a52-8d1e-4c7a-9a5e-1f2d3c4b5a69",  # well formed, never issued
        "/service_at_locations/123",
        "/taxonomies/nope",
        "/taxonomy_terms/00000000-0000-0000-0000-000000000000",
        "/organizations",
    ],
)
def test_an_unknown_or_malformed_id_is_a_json_404(client, db, path):
    response = client.get(f"{API}{path}")
    assert response.status_code == 404
    assert response.json()["message"]
