"""The Elasticsearch backend without a cluster: its index, documents and queries, and its fallback."""

import datetime
import http.server
import importlib
import json
import logging
import math
import socket
import threading
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from directory.factories import DistrictTagFactory, OutcomeTagFactory, ServicePageFactory
from directory.geo import Place
from search import query as contract
from search.backends import elasticsearch as es
from search.backends.base import SearchUnavailable
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import (
    ElasticsearchSearchBackend,
    _facets,
    count_body,
    index_body,
    search_body,
    service_source,
)
from search.backends.fallback import FallbackBackend
from search.documents import service_document
from search.indexing import published_services
from search.query import ServiceQuery
from search.text import SYNONYMS_CACHE_KEY, elasticsearch_synonyms
from tests.places import WORTHING

VOCABULARIES = {
    "outcomes": ["safe", "healthy", "learning"],
    "need_levels": ["level-1", "level-2"],
    "age_bands": ["0-4"],
    "districts": ["E07000229", "E07000223"],
}


SEEDED_SYNONYMS = importlib.import_module("search.migrations.0006_synonym_groups").SEED


@pytest.fixture(scope="module", autouse=True)
def synonyms():
    """The groups the migration seeds, without a database: request bodies are built from them."""
    groups = [tuple(phrase.strip() for phrase in group.split(",")) for group in SEEDED_SYNONYMS]
    cache.set(SYNONYMS_CACHE_KEY, groups, None)
    yield
    cache.delete(SYNONYMS_CACHE_KEY)


def _with_fallback():
    """Elasticsearch with the database behind it, as settings make it when ELASTICSEARCH_URL is set."""
    return FallbackBackend(ElasticsearchSearchBackend(), DatabaseSearchBackend())


def _filters(body):
    return body["query"]["bool"].get("filter", [])


def _contains(structure, fragment):
    """Whether a dict/list structure holds the fragment anywhere (compared as JSON)."""
    wanted = json.dumps(fragment, sort_keys=True)
    if json.dumps(structure, sort_keys=True) == wanted:
        return True
    if isinstance(structure, dict):
        return any(_contains(value, fragment) for value in structure.values())
    if isinstance(structure, list):
        return any(_contains(value, fragment) for value in structure)
    return False


# --- the index ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def index():
    return index_body()


def test_the_synonym_filter_reads_an_updateable_synonyms_set(index):
    # Moved: the groups live in a synonyms set (replaced on save, reloaded by the cluster), not in the settings.
    synonyms = index["settings"]["analysis"]["filter"]["earlyhelp_synonyms"]
    assert synonyms == {"type": "synonym_graph", "synonyms_set": "earlyhelp-services-synonyms", "updateable": True}


def test_the_synonyms_set_holds_every_synonym_group():
    assert [rule["synonyms"] for rule in es.synonym_rules()] == elasticsearch_synonyms()


def test_the_synonyms_make_asd_mean_autism():
    groups = [rule["synonyms"] for rule in es.synonym_rules()]
    assert any({"asd", "autism"} <= {word.strip() for word in group.split(",")} for group in groups)


def test_text_is_stemmed_as_english(index):
    assert index["settings"]["analysis"]["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}


def test_synonyms_are_added_when_searching_not_when_indexing(index):
    analysers = index["settings"]["analysis"]["analyzer"]
    name = index["mappings"]["properties"]["name"]
    assert "earlyhelp_synonyms" not in analysers[name["analyzer"]]["filter"]
    assert "earlyhelp_synonyms" in analysers[name["search_analyzer"]]["filter"]


def test_the_search_analyser_stems_after_the_synonyms(index):
    chain = index["settings"]["analysis"]["analyzer"]["earlyhelp_english_synonyms"]["filter"]
    assert chain.index("lowercase") < chain.index("earlyhelp_synonyms") < chain.index("english_stemmer")


@pytest.mark.parametrize("field", ["name", "summary", "organisation", "text", "topics"])
def test_text_fields_use_the_english_analysers(index, field):
    mapping = index["mappings"]["properties"][field]
    assert (mapping["analyzer"], mapping["search_analyzer"]) == ("earlyhelp_english", "earlyhelp_english_synonyms")


@pytest.mark.parametrize(
    "field",
    ["outcomes", "need_levels", "age_bands", "districts", "served_districts", "delivery", "languages", "days", "cost"],
)
def test_codes_are_keywords(index, field):
    assert index["mappings"]["properties"][field]["type"] == "keyword"


def test_names_have_a_folded_keyword_to_sort_by(index):
    assert index["mappings"]["properties"]["name"]["fields"]["raw"] == {
        "type": "keyword",
        "normalizer": "earlyhelp_folded",
    }
    normalizer = index["settings"]["analysis"]["normalizer"]["earlyhelp_folded"]
    assert normalizer["filter"] == ["lowercase", "asciifolding"]


def test_locations_are_kept_for_the_cards_but_not_indexed(index):
    # Moved: nothing queried the nested locations; the top-level geo_point is what is searched.
    assert index["mappings"]["properties"]["locations"] == {"type": "object", "enabled": False}


def test_every_location_is_also_a_top_level_geo_point(index):
    assert index["mappings"]["properties"]["location"] == {"type": "geo_point"}


def test_unknown_fields_are_not_mapped(index):
    assert index["mappings"]["dynamic"] is False


# --- the document ------------------------------------------------------------------


@pytest.fixture
def document():
    return {
        "id": 42,
        "name": "Goring Youth Counselling",
        "url": "/services/trust/goring/",
        "summary": "Talking therapy.",
        "organisation": "Sussex Family Trust",
        "text": "Goring Youth Counselling Talking therapy.",
        "topics": ["counselling"],
        "cost": "paid",
        "self_referral": False,
        "min_age": 11,
        "max_age": 18,
        "outcomes": ["safe"],
        "need_levels": ["level-2"],
        "age_bands": ["12-18"],
        "districts": ["E07000229", "E07000226"],
        "served_districts": ["E07000229"],
        "delivery": ["in_person", "online"],
        "languages": ["english", "arabic"],
        "days": ["wednesday"],
        "last_reviewed": "2026-01-05",
        "card": {"outcomes": ["Safe and secure"], "need_levels": ["Level 2"], "age_bands": ["12–18"]},
        "locations": [
            {
                "id": 1,
                "name": "Crawley Hub",
                "town": "Crawley",
                "postcode": "RH10 1AA",
                "latitude": 51.116858,
                "longitude": -0.188177,
                "district": "E07000226",
            },
            {
                "id": 2,
                "name": "Goring Hall",
                "town": "Worthing",
                "postcode": "BN12 4AA",
                "latitude": 50.813215,
                "longitude": -0.407896,
                "district": "E07000229",
            },
        ],
    }


def test_a_document_has_one_geo_point_per_location(document):
    source = service_source(document)
    assert source["location"] == [{"lat": 51.116858, "lon": -0.188177}, {"lat": 50.813215, "lon": -0.407896}]


def test_a_document_nests_each_location_with_its_postcode_and_district(document):
    nested = service_source(document)["locations"][1]
    assert nested == {
        "id": 2,
        "name": "Goring Hall",
        "town": "Worthing",
        "postcode": "BN12 4AA",
        "district": "E07000229",
        "location": {"lat": 50.813215, "lon": -0.407896},
    }


def test_a_document_keeps_the_codes_to_filter_by(document):
    source = service_source(document)
    assert (source["served_districts"], source["delivery"], source["days"]) == (
        ["E07000229"],
        ["in_person", "online"],
        ["wednesday"],
    )


def test_a_document_without_locations_has_no_geo_points(document):
    document["locations"] = []
    source = service_source(document)
    assert (source["location"], source["locations"]) == ([], [])


def test_every_document_field_is_mapped(document, index):
    assert set(service_source(document)) <= set(index["mappings"]["properties"])


@pytest.mark.django_db
def test_a_published_service_becomes_a_document_with_its_locations_and_tags():
    outcome = OutcomeTagFactory(code="safe")
    DistrictTagFactory(code="E07000229", name="Worthing")
    service = ServicePageFactory(title="Worthing Parenting Group", tags={"outcomes": [outcome]})
    source = service_source(service_document(published_services().get(pk=service.pk)))
    assert (source["service_id"], source["outcomes"], source["districts"]) == (service.pk, ["safe"], ["E07000229"])
    assert [location["postcode"] for location in source["locations"]] == ["BN11 1HS"]


# --- the queries -------------------------------------------------------------------


def test_a_place_filters_by_geo_distance_in_miles():
    body = search_body(ServiceQuery(near=WORTHING, radius_miles=7.5), part="near")
    assert {"geo_distance": {"distance": "7.5mi", "location": {"lat": 50.814049, "lon": -0.373189}}} in _filters(body)


def test_near_services_are_sorted_by_distance_to_their_nearest_location():
    body = search_body(ServiceQuery(near=WORTHING), part="near")
    assert body["sort"][0] == {
        "_geo_distance": {
            "location": {"lat": 50.814049, "lon": -0.373189},
            "order": "asc",
            "unit": "mi",
            "mode": "min",
            "distance_type": "arc",
        }
    }


def test_services_serving_the_area_are_those_serving_the_district_with_no_location_near():
    body = search_body(ServiceQuery(near=WORTHING, radius_miles=5), part="serving")
    near = {"geo_distance": {"distance": "5mi", "location": {"lat": 50.814049, "lon": -0.373189}}}
    assert {"bool": {"filter": [{"term": {"served_districts": "E07000229"}}], "must_not": [near]}} in _filters(body)


def test_services_serving_the_area_are_sorted_by_name_never_by_distance():
    body = search_body(ServiceQuery(near=WORTHING), part="serving")
    assert body["sort"] == [{"name.raw": "asc"}, {"service_id": "asc"}]
    by_distance = search_body(ServiceQuery(near=WORTHING, sort="distance"), part="serving")
    assert by_distance["sort"] == [{"name.raw": "asc"}, {"service_id": "asc"}]


def test_services_serving_the_area_with_words_rank_by_relevance_then_score_then_name():
    body = search_body(ServiceQuery(text="parenting", near=WORTHING), part="serving")
    assert [next(iter(key)) for key in body["sort"]] == ["_script", "_script", "_score", "name.raw", "service_id"]
    assert body["sort"][2] == {"_score": {"order": "desc"}}
    assert body["track_scores"] is True


def test_services_serving_the_area_sorted_by_last_check_are_most_recently_checked_first():
    body = search_body(ServiceQuery(near=WORTHING, sort="last_checked"), part="serving")
    assert body["sort"][0] == {"last_reviewed": {"order": "desc", "missing": "_last"}}


def test_a_place_without_a_district_has_no_services_serving_it():
    place = Place(label="At sea", latitude=50.5, longitude=-0.4, lad_code=None, kind="coordinates")
    body = search_body(ServiceQuery(near=place), part="serving")
    assert _contains(_filters(body), {"match_none": {}})


def test_the_whole_search_with_a_place_takes_near_or_serving_services():
    body = search_body(ServiceQuery(near=WORTHING, radius_miles=5), part="all")
    (scope,) = [clause for clause in _filters(body) if "should" in clause.get("bool", {})]
    assert scope["bool"]["minimum_should_match"] == 1
    assert scope["bool"]["should"][1] == {"term": {"served_districts": "E07000229"}}
    assert "geo_distance" in scope["bool"]["should"][0]


def test_without_a_place_there_is_no_geo_filter():
    assert not _contains(search_body(ServiceQuery(text="autism")), {"served_districts": "E07000229"})
    assert "geo_distance" not in json.dumps(search_body(ServiceQuery(text="autism")))


def test_words_are_matched_across_the_text_fields_with_the_name_counting_most():
    (text,) = search_body(ServiceQuery(text="parenting teenagers"))["query"]["bool"]["must"]
    words = text["bool"]["should"][0]["multi_match"]
    assert words["query"] == "parenting teenagers"
    # Any word finds a service (issue 18): how many match is for the ranking.
    assert (words["operator"], words["minimum_should_match"]) == ("or", "1")
    assert words["fields"] == ["name^3", "topics^3", "summary^2", "organisation", "text"]


def test_filler_words_are_not_required():
    (text,) = search_body(ServiceQuery(text="help with parenting"))["query"]["bool"]["must"]
    assert text["bool"]["should"][0]["multi_match"]["query"] == "parenting"


def test_a_kind_word_beside_a_subject_is_asked_only_in_its_phrase():
    (text,) = search_body(ServiceQuery(text="a toddler group"))["query"]["bool"]["must"]
    should = text["bool"]["should"]
    assert should[0]["multi_match"]["query"] == "toddler"
    phrases = [part["multi_match"]["query"] for part in should if part["multi_match"].get("type") == "phrase"]
    assert phrases[0] == "toddler group"


def test_only_filler_words_means_no_text_query():
    assert search_body(ServiceQuery(text="help and support"))["query"]["bool"].get("must", []) == []


def test_a_multi_word_synonym_is_searched_as_a_phrase():
    (text,) = search_body(ServiceQuery(text="speech and language"))["query"]["bool"]["must"]
    phrases = [clause["multi_match"] for clause in text["bool"]["should"] if clause["multi_match"].get("type")]
    assert "speech therapy" in [clause["query"] for clause in phrases if clause["type"] == "phrase"]


def test_chosen_vocabulary_values_filter_the_query_itself():
    # The facets count the services found (FACETS_COUNTED_UP_TO), so nothing is left for a post_filter to do.
    query = ServiceQuery(outcomes=("safe",), need_levels=("level-1", "level-2"), age_bands=("0-4",))
    body = search_body(query, vocabularies=VOCABULARIES)
    assert "post_filter" not in body
    for chosen in (
        {"terms": {"outcomes": ["safe"]}},
        {"terms": {"need_levels": ["level-1", "level-2"]}},
        {"terms": {"age_bands": ["0-4"]}},
    ):
        assert chosen in body["query"]["bool"]["filter"]


def test_a_count_takes_the_same_filters_as_the_search():
    query = ServiceQuery(outcomes=("safe",), districts=("E07000223",), free_only=True)
    assert count_body(query)["query"] == search_body(query)["query"]


def test_the_district_filter_filters_the_query():
    body = search_body(ServiceQuery(districts=("E07000223",)))
    assert {"terms": {"districts": ["E07000223"]}} in body["query"]["bool"]["filter"]


@pytest.mark.parametrize("facet", ["outcomes", "need_levels", "age_bands", "districts"])
def test_each_facet_asks_for_every_value_of_its_vocabulary(facet):
    terms = search_body(ServiceQuery(), vocabularies=VOCABULARIES)["aggs"][facet]["terms"]
    assert terms["field"] == facet
    assert terms["size"] >= len(VOCABULARIES[facet])
    assert terms["include"] == VOCABULARIES[facet]


def test_facets_count_the_services_found_and_skip_the_vocabularies_chosen_in():
    query = ServiceQuery(outcomes=("safe",), need_levels=("level-1",))
    aggs = search_body(query, vocabularies=VOCABULARIES)["aggs"]
    assert "outcomes" not in aggs and "need_levels" not in aggs
    assert set(aggs) == {"age_bands", "districts"} and aggs["districts"]["terms"]["field"] == "districts"


def test_facet_counts_read_from_the_answer_none_where_chosen_or_too_many_found(monkeypatch):
    query = ServiceQuery(outcomes=("safe",))
    answer = {"aggregations": {"need_levels": {"buckets": [{"key": "level-1", "doc_count": 3}]}}}
    vocabularies = {"outcomes": [("safe", "Safe")], "need_levels": [("level-1", "Universal"), ("level-2", "Early")]}
    facets = _facets(answer, vocabularies, query, total=5)
    assert [(value.code, value.count) for value in facets["need_levels"]] == [("level-1", 3), ("level-2", 0)]
    assert [value.count for value in facets["outcomes"]] == [None]
    monkeypatch.setattr(contract, "FACETS_COUNTED_UP_TO", 4)
    facets = _facets(answer, vocabularies, query, total=5)
    assert [value.count for value in facets["need_levels"]] == [None, None]


def test_facets_with_nothing_chosen_count_everything_found():
    aggs = search_body(ServiceQuery(), vocabularies=VOCABULARIES)["aggs"]
    assert set(aggs) == set(VOCABULARIES)
    assert all(set(aggregation) == {"terms"} for aggregation in aggs.values())  # over the query's hits, as they are


def test_an_empty_vocabulary_asks_for_no_facet():
    aggs = search_body(ServiceQuery(), vocabularies={**VOCABULARIES, "age_bands": []})["aggs"]
    assert "age_bands" not in aggs


def test_no_vocabularies_means_no_aggregations():
    assert "aggs" not in search_body(ServiceQuery())


def test_age_matches_services_whose_range_includes_it_or_has_no_limit():
    filters = _filters(search_body(ServiceQuery(age=7)))
    assert filters == [
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": [{"exists": {"field": "min_age"}}]}},
                    {"range": {"min_age": {"lte": 7}}},
                ],
                "minimum_should_match": 1,
            }
        },
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": [{"exists": {"field": "max_age"}}]}},
                    {"range": {"max_age": {"gte": 7}}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]


def test_age_zero_is_an_age():
    assert _contains(_filters(search_body(ServiceQuery(age=0))), {"range": {"min_age": {"lte": 0}}})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ServiceQuery(free_only=True), {"term": {"cost": "free"}}),
        (ServiceQuery(self_referral=True), {"term": {"self_referral": True}}),
        (ServiceQuery(delivery=("phone", "online")), {"terms": {"delivery": ["phone", "online"]}}),
        (ServiceQuery(languages=("Polish",)), {"terms": {"languages": ["polish"]}}),
        (ServiceQuery(day=0), {"term": {"days": "monday"}}),
        (ServiceQuery(day=6), {"term": {"days": "sunday"}}),
    ],
)
def test_plain_filters_narrow_the_query_itself(query, expected):
    body = search_body(query, vocabularies=VOCABULARIES)
    assert _filters(body) == [expected]
    assert "post_filter" not in body


def test_topics_match_any_of_their_slugs():
    body = search_body(ServiceQuery(topics=("Food bank", "autism", "food-bank")))
    assert _filters(body) == [{"terms": {"topic_slugs": ["autism", "food-bank"]}}]


def test_an_age_range_matches_services_whose_ages_overlap_it_or_have_no_limit():
    filters = _filters(search_body(ServiceQuery(age_range=(12, 15))))
    assert _contains(filters, {"range": {"min_age": {"lte": 15}}})
    assert _contains(filters, {"range": {"max_age": {"gte": 12}}})
    assert _contains(filters, {"bool": {"must_not": [{"exists": {"field": "min_age"}}]}})


def test_opening_times_ask_one_nested_opening_on_the_day_for_both_times():
    query = ServiceQuery(day=2, opens_after=datetime.time(9, 30), closes_before=datetime.time(17))
    (day, opening) = _filters(search_body(query))
    assert day == {"term": {"days": "wednesday"}}
    assert opening == {
        "nested": {
            "path": "openings",
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"openings.day": 2}},
                        {"range": {"openings.opens": {"gte": "09:30:00"}}},
                        {"range": {"openings.closes": {"lte": "17:00:00"}}},
                    ]
                }
            },
        }
    }


def test_opening_times_without_a_day_take_an_opening_on_any_day():
    (opening,) = _filters(search_body(ServiceQuery(closes_before=datetime.time(12))))
    assert opening["nested"]["query"] == {"bool": {"filter": [{"range": {"openings.closes": {"lte": "12:00:00"}}}]}}


def test_the_new_filters_also_narrow_a_count():
    query = ServiceQuery(topics=("autism",), age_range=(0, 4), opens_after=datetime.time(9))
    body = json.dumps(count_body(query))
    assert "topic_slugs" in body and "openings.opens" in body and "max_age" in body


def test_unset_filters_add_nothing():
    body = search_body(ServiceQuery())
    assert body["query"] == {"bool": {}}


# The relevance sort is built when the test runs, not when it is collected: its freshness cutoff is today's
# date, and a run that crosses midnight must not compare yesterday's cutoff with today's.
@pytest.mark.parametrize(
    ("query", "sort"),
    [
        (ServiceQuery(sort="name"), lambda: [{"name.raw": "asc"}, {"service_id": "asc"}]),
        (ServiceQuery(), lambda: [{"name.raw": "asc"}, {"service_id": "asc"}]),
        (ServiceQuery(text="autism"), lambda: [es._band(), es._stale(), {"name.raw": "asc"}, {"service_id": "asc"}]),
        (ServiceQuery(text="autism", sort="name"), lambda: [{"name.raw": "asc"}, {"service_id": "asc"}]),
        (ServiceQuery(sort="distance"), lambda: [{"name.raw": "asc"}, {"service_id": "asc"}]),
    ],
)
def test_sorting_without_a_place(query, sort):
    assert search_body(query)["sort"] == sort()


def test_relevance_with_a_place_orders_the_near_ones_by_score_band_then_freshness_then_distance():
    body = search_body(ServiceQuery(text="autism", near=WORTHING, sort="relevance"), part="near")
    assert body["sort"][:2] == [es._band(), es._stale()]
    assert "_geo_distance" in body["sort"][2]


@pytest.mark.parametrize(("page", "expected"), [(1, 0), (2, 20), (5, 80)])
def test_pages_start_where_the_page_does(page, expected):
    body = search_body(ServiceQuery(page=page, page_size=20))
    assert (body["from"], body["size"]) == (expected, 20)


def test_a_part_can_start_and_stop_anywhere():
    body = search_body(ServiceQuery(near=WORTHING), part="serving", start=3, size=7)
    assert (body["from"], body["size"]) == (3, 7)


def test_totals_are_counted_exactly():
    assert search_body(ServiceQuery())["track_total_hits"] is True


def test_the_words_and_geo_points_are_not_fetched_back():
    assert search_body(ServiceQuery())["_source"] == {"excludes": ["text", "location"]}


def test_a_count_applies_the_chosen_values_as_filters():
    body = count_body(ServiceQuery(outcomes=("safe",), near=WORTHING))
    assert {"terms": {"outcomes": ["safe"]}} in body["query"]["bool"]["filter"]
    assert _contains(body, {"term": {"served_districts": "E07000229"}})
    assert set(body) == {"query"}


# --- reading the answers (a stand-in client) ---------------------------------------


class ScriptedClient:
    """Answers msearch from a script, and records what it was asked."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.bodies = []

    def msearch(self, searches):
        bodies = searches[1::2]
        self.bodies.append(bodies)
        return {"responses": [self.answers.pop(0) for _ in bodies]}


def _hit(service_id, name, *postcodes_and_points):
    locations = [
        {"id": n, "name": postcode, "town": "", "postcode": postcode, "district": "", "location": point}
        for n, (postcode, point) in enumerate(postcodes_and_points)
    ]
    source = {
        "service_id": service_id,
        "name": name,
        "url": f"/services/{service_id}/",
        "summary": "",
        "organisation": "Trust",
        "cost": "free",
        "self_referral": False,
        "card": {"outcomes": ["Safe and secure"]},
        "last_reviewed": "2026-01-05",
        "locations": locations,
    }
    return {"_source": source}


def _answer(total, *hits, aggregations=None):
    answer = {"hits": {"total": {"value": total, "relation": "eq"}, "hits": list(hits)}}
    if aggregations is not None:
        answer["aggregations"] = aggregations
    return answer


@pytest.fixture
def scripted(monkeypatch):
    def install(*answers):
        client = ScriptedClient(*answers)
        monkeypatch.setattr(ElasticsearchSearchBackend, "client", property(lambda self: client))
        monkeypatch.setattr(
            es, "_vocabularies", lambda: {"outcomes": [("safe", "Safe and secure"), ("healthy", "Healthy")]}
        )
        return client

    return install


GORING = ("BN12 4AA", {"lat": 50.813215, "lon": -0.407896})
CRAWLEY = ("RH10 1AA", {"lat": 51.116858, "lon": -0.188177})


def test_the_distance_is_measured_to_the_nearest_location_of_a_hit(scripted):
    scripted(_answer(1), _answer(1, _hit(7, "Goring Youth Counselling", CRAWLEY, GORING)))
    (item,) = ElasticsearchSearchBackend().search(ServiceQuery(near=WORTHING)).items
    assert (item.distance_miles, item.nearest_location.postcode, item.serves_your_area) == (1.5, "BN12 4AA", False)


def test_a_short_page_of_near_services_is_filled_with_those_serving_the_area(scripted):
    client = scripted(
        _answer(5),
        _answer(3, _hit(1, "Near", GORING)),
        _answer(2, _hit(2, "Phone line")),
    )
    results = ElasticsearchSearchBackend().search(ServiceQuery(near=WORTHING, page=2, page_size=2))
    assert [(item.name, item.serves_your_area, item.distance_miles) for item in results.items] == [
        ("Near", False, 1.5),
        ("Phone line", True, None),
    ]
    (serving,) = client.bodies[1]
    assert (serving["from"], serving["size"]) == (0, 1)
    assert results.total == 5


def test_a_page_past_the_near_services_starts_the_serving_ones_at_the_right_offset(scripted):
    client = scripted(_answer(9), _answer(3), _answer(6, _hit(2, "Phone line")))
    ElasticsearchSearchBackend().search(ServiceQuery(near=WORTHING, page=3, page_size=2))
    (serving,) = client.bodies[1]
    assert (serving["from"], serving["size"]) == (1, 2)


# The best service serving the area, as Elasticsearch answers it sorted by relevance: band 5 first.
BEST_SERVING = {**_hit(9, "Attendance Support"), "sort": [5, 0, 3.2, "attendance support", 9]}


def test_ranked_by_words_the_serving_block_comes_before_near_services_matching_worse_than_its_best(scripted):
    # The database's rule (tests/contract: the block after the near services in its best band, before the rest).
    client = scripted(
        _answer(5),
        _answer(3, _hit(1, "School Nurse", GORING), _hit(2, "Nursery", GORING), _hit(3, "Library", GORING)),
        _answer(2, BEST_SERVING),
        _answer(1),  # one near service reaches band 5
        _answer(2),  # and both serving ones
        _answer(2, _hit(9, "Attendance Support"), _hit(8, "Phone line")),
    )
    query = ServiceQuery(near=WORTHING, text="school refusal", page_size=4)
    results = ElasticsearchSearchBackend().search(query)
    assert [(item.name, item.serves_your_area) for item in results.items] == [
        ("School Nurse", False),
        ("Attendance Support", True),
        ("Phone line", True),
        ("Nursery", False),
    ]
    near_reaching, serving_reaching = client.bodies[2]
    assert (near_reaching["size"], near_reaching["min_score"]) == (0, pytest.approx(math.expm1(5 / 4)))
    assert serving_reaching["min_score"] == near_reaching["min_score"]
    (serving,) = client.bodies[3]
    assert (serving["from"], serving["size"]) == (0, 2)


def test_the_next_page_takes_the_near_services_ranked_after_the_block(scripted):
    client = scripted(
        _answer(5),
        _answer(3),
        _answer(2, BEST_SERVING),
        _answer(1),
        _answer(2),
        _answer(3, _hit(3, "Library", GORING)),
    )
    results = ElasticsearchSearchBackend().search(
        ServiceQuery(near=WORTHING, text="school refusal", page=2, page_size=4)
    )
    assert [item.name for item in results.items] == ["Library"]
    (near,) = client.bodies[3]
    assert (near["from"], near["size"]) == (2, 1)


def test_serving_services_matching_worse_than_their_best_come_after_every_near_one(scripted):
    scripted(
        _answer(5),
        _answer(2, _hit(1, "School Nurse", GORING), _hit(2, "Nursery", GORING)),
        _answer(3, BEST_SERVING),
        _answer(1),
        _answer(1),  # the other two serving services match worse than the best
        _answer(3, _hit(9, "Attendance Support"), _hit(8, "Phone line"), _hit(7, "Outreach")),
    )
    results = ElasticsearchSearchBackend().search(ServiceQuery(near=WORTHING, text="school refusal", page_size=5))
    assert [(item.name, item.serves_your_area) for item in results.items] == [
        ("School Nurse", False),
        ("Attendance Support", True),
        ("Nursery", False),
        ("Phone line", True),
        ("Outreach", True),
    ]


def test_a_full_page_of_near_services_asks_for_no_serving_ones(scripted):
    client = scripted(_answer(9), _answer(3, _hit(1, "A", GORING), _hit(2, "B", GORING)))
    ElasticsearchSearchBackend().search(ServiceQuery(near=WORTHING, page_size=2))
    assert len(client.bodies) == 1


def test_facet_counts_are_read_with_zero_for_values_without_services(scripted):
    aggregations = {"outcomes": {"buckets": [{"key": "safe", "doc_count": 3}]}}
    scripted(_answer(3, _hit(1, "A"), aggregations=aggregations))
    facets = ElasticsearchSearchBackend().search(ServiceQuery()).facets
    assert [(value.code, value.name, value.count) for value in facets["outcomes"]] == [
        ("safe", "Safe and secure", 3),
        ("healthy", "Healthy", 0),
    ]


def test_a_search_without_facets_asks_for_no_aggregations_but_still_for_spelling(scripted):
    client = scripted(_answer(1, _hit(1, "A")))
    results = ElasticsearchSearchBackend().search(ServiceQuery(text="brestfeeding", facets=False))
    ((body,),) = client.bodies
    assert "aggs" not in body and body["suggest"]["text"] == "brestfeeding"
    assert (results.facets, results.total) == ({}, 1)


def test_a_search_with_facets_asks_for_them(scripted):
    client = scripted(_answer(1, _hit(1, "A")))
    ElasticsearchSearchBackend().search(ServiceQuery(text="autism"))
    ((body,),) = client.bodies
    assert list(body["aggs"]) == ["outcomes"]


def test_results_say_they_came_from_elasticsearch(scripted):
    scripted(_answer(1, _hit(1, "A")))
    assert ElasticsearchSearchBackend().search(ServiceQuery()).backend == "elasticsearch"


def test_an_error_inside_a_multi_search_counts_as_unavailable(scripted):
    scripted({"error": {"type": "index_not_found_exception"}, "status": 404})
    with pytest.raises(SearchUnavailable):
        ElasticsearchSearchBackend().search(ServiceQuery())


# --- when the cluster cannot answer ------------------------------------------------


@pytest.fixture
def silent_server_url():
    """A server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.1)
    stop = threading.Event()
    held = []

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


@pytest.fixture
def published_service(db):
    service = ServicePageFactory(title="Worthing Parenting Group")
    DatabaseSearchBackend().rebuild(published_services())
    return service


@pytest.mark.django_db
def test_an_unreachable_cluster_answers_from_the_database(closed_port_url, published_service):
    with override_settings(ELASTICSEARCH_URL=closed_port_url):
        results = _with_fallback().search(ServiceQuery(text="parenting"))
    assert (results.backend, [item.name for item in results.items]) == ("database", ["Worthing Parenting Group"])


@pytest.mark.django_db
def test_an_unreachable_cluster_is_logged_as_an_error(closed_port_url, published_service, search_log):
    with override_settings(ELASTICSEARCH_URL=closed_port_url):
        _with_fallback().search(ServiceQuery(text="parenting"))
    (record,) = [record for record in search_log.records if record.name == "earlyhelp.search"]
    assert record.levelno == logging.ERROR
    assert "elasticsearch could not answer a search" in record.getMessage()
    assert "answering from database" in record.getMessage()


@pytest.mark.django_db
def test_the_warning_never_holds_the_place_searched(closed_port_url, published_service, search_log):
    with override_settings(ELASTICSEARCH_URL=closed_port_url):
        _with_fallback().search(ServiceQuery(text="parenting", near=WORTHING))
    assert "BN11" not in search_log.text
    assert "parenting" not in search_log.text


@pytest.mark.django_db
def test_a_cluster_that_never_answers_is_given_up_on_within_the_timeout(silent_server_url, published_service):
    started = time.monotonic()
    with override_settings(ELASTICSEARCH_URL=silent_server_url, ELASTICSEARCH_TIMEOUT=0.5):
        results = _with_fallback().search(ServiceQuery(text="parenting"))
    assert results.backend == "database"
    assert time.monotonic() - started < 3


@pytest.mark.django_db
def test_a_cluster_that_never_answers_is_logged(silent_server_url, published_service, search_log):
    with override_settings(ELASTICSEARCH_URL=silent_server_url, ELASTICSEARCH_TIMEOUT=0.5):
        _with_fallback().search(ServiceQuery())
    assert "ConnectionTimeout" in search_log.text


@pytest.mark.django_db
def test_no_cluster_configured_answers_from_the_database(published_service):
    with override_settings(ELASTICSEARCH_URL=""):
        assert _with_fallback().search(ServiceQuery()).backend == "database"


@pytest.mark.django_db
def test_counting_for_suggestions_falls_back_to_the_database(closed_port_url, published_service):
    with override_settings(ELASTICSEARCH_URL=closed_port_url):
        assert _with_fallback().count(ServiceQuery(text="parenting")) == 1


@pytest.mark.django_db
def test_indexing_into_an_unreachable_cluster_is_logged_not_raised(closed_port_url, published_service, search_log):
    with override_settings(ELASTICSEARCH_URL=closed_port_url):
        ElasticsearchSearchBackend().index(published_services().get(pk=published_service.pk))
    assert f"Could not index service {published_service.pk}" in search_log.text


def test_removing_from_an_unreachable_cluster_is_logged_not_raised(closed_port_url, search_log):
    with override_settings(ELASTICSEARCH_URL=closed_port_url):
        ElasticsearchSearchBackend().remove(42)
    assert "Could not remove service 42" in search_log.text


def test_removing_from_a_silent_cluster_gives_up_within_the_timeout(silent_server_url, search_log):
    started = time.monotonic()
    with override_settings(ELASTICSEARCH_URL=silent_server_url, ELASTICSEARCH_TIMEOUT=0.5):
        ElasticsearchSearchBackend().remove(42)
    assert time.monotonic() - started < 3
    assert "Could not remove service 42" in search_log.text


@pytest.mark.django_db
def test_a_rebuild_without_a_cluster_fails_loudly(closed_port_url):
    # rebuild_search_index is run by a person or a deploy, who must hear that it did not happen.
    with override_settings(ELASTICSEARCH_URL=closed_port_url), pytest.raises(es.UNAVAILABLE):
        ElasticsearchSearchBackend().rebuild(published_services())


# --- the conversation, with a stand-in server ----------------------------------------


class StandInHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.server.requests.append((self.command, self.path, body))
        status, payload = self.server.answer(self.command, self.path)
        data = b"" if self.command == "HEAD" else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in():
    """An HTTP server that answers like Elasticsearch from a list of (method, path start, status, body)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInHandler)
    server.requests = []
    # No rebuild is filling an index unless a test says so.
    server.script = [("GET", f"/_alias/{ALIAS}-building", 404, {})]

    def answer(method, path):
        for expected_method, start, status, payload in server.script:
            if method == expected_method and path.startswith(start):
                return status, payload
        return 200, {"acknowledged": True}

    server.answer = answer
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{server.server_address[1]}"):
        yield server
    server.shutdown()
    server.server_close()


ALIAS = "test_earlyhelp-services"


def _requests(server, method):
    return [(path, body) for requested, path, body in server.requests if requested == method]


@pytest.fixture
def bulk_ok(stand_in):
    for method in ("PUT", "POST"):
        stand_in.script.append((method, "/_bulk", 200, {"errors": False, "items": [{"index": {"status": 201}}]}))
    return stand_in


@pytest.mark.django_db
def test_a_rebuild_makes_a_new_index_with_the_mapping(bulk_ok):
    ServicePageFactory()
    ElasticsearchSearchBackend().rebuild(published_services())
    ((path, body),) = [(path, body) for path, body in _requests(bulk_ok, "PUT") if path.startswith(f"/{ALIAS}-")]
    # Made under the building alias, so publishes during the rebuild reach it too.
    assert json.loads(body) == {**index_body(ALIAS), "aliases": {f"{ALIAS}-building": {}}}


@pytest.mark.django_db
def test_a_rebuild_loads_every_published_service_in_bulk(bulk_ok):
    service = ServicePageFactory()
    assert ElasticsearchSearchBackend().rebuild(published_services()) == 1
    ((_, body),) = [(path, body) for _, path, body in bulk_ok.requests if path.startswith("/_bulk")]
    action, source = (json.loads(line) for line in body.strip().splitlines())
    # Create, never overwrite: a publish during the rebuild may already have put a newer document there.
    assert action["create"]["_id"] == str(service.pk)
    assert action["create"]["_index"].startswith(f"{ALIAS}-")
    assert source["name"] == service.title


@pytest.mark.django_db
def test_a_rebuild_moves_the_alias_in_one_step_then_deletes_the_old_index(bulk_ok):
    bulk_ok.script.insert(0, ("GET", f"/_alias/{ALIAS}", 200, {f"{ALIAS}-old": {"aliases": {ALIAS: {}}}}))
    ElasticsearchSearchBackend().rebuild(published_services())
    ((_, body),) = [r for r in _requests(bulk_ok, "POST") if r[0].startswith("/_aliases")]
    remove, add, unbuilding = json.loads(body)["actions"]
    assert remove == {"remove": {"index": f"{ALIAS}-old", "alias": ALIAS}}
    assert (add["add"]["alias"], add["add"]["is_write_index"]) == (ALIAS, True)
    assert add["add"]["index"].startswith(f"{ALIAS}-")
    assert unbuilding == {"remove": {"index": add["add"]["index"], "alias": f"{ALIAS}-building"}}
    assert [path for path, _ in _requests(bulk_ok, "DELETE")] == [f"/{ALIAS}-old"]


@pytest.mark.django_db
def test_a_rebuild_replaces_an_index_squatting_on_the_alias_name(bulk_ok):
    bulk_ok.script.insert(0, ("HEAD", f"/_alias/{ALIAS}", 404, {}))
    ElasticsearchSearchBackend().rebuild(published_services())
    ((_, body),) = [r for r in _requests(bulk_ok, "POST") if r[0].startswith("/_aliases")]
    assert json.loads(body)["actions"][0] == {"remove_index": {"index": ALIAS}}


@pytest.mark.django_db
def test_a_failed_rebuild_deletes_its_new_index_and_leaves_the_alias(stand_in):
    stand_in.script.append(("PUT", "/_bulk", 500, {"error": "boom"}))
    stand_in.script.append(("POST", "/_bulk", 500, {"error": "boom"}))
    ServicePageFactory()
    with pytest.raises(es.UNAVAILABLE):
        ElasticsearchSearchBackend().rebuild(published_services())
    assert not [r for r in _requests(stand_in, "POST") if r[0].startswith("/_aliases")]
    assert [path.split("?")[0] for path, _ in _requests(stand_in, "DELETE")][0].startswith(f"/{ALIAS}-")


@pytest.mark.django_db
def test_a_search_is_one_multi_search_on_the_alias(stand_in):
    stand_in.script.append(("POST", "/_msearch", 200, {"responses": [_answer(1, _hit(1, "A"))]}))
    results = ElasticsearchSearchBackend().search(ServiceQuery(text="parenting", page_size=5))
    ((_, body),) = _requests(stand_in, "POST")[:1]
    header, search = (json.loads(line) for line in body.strip().splitlines())
    assert header == {"index": ALIAS}
    assert search == search_body(ServiceQuery(text="parenting", page_size=5), vocabularies=es_vocabularies())
    assert results.backend == "elasticsearch"


@pytest.mark.django_db
def test_a_search_with_a_place_asks_for_the_overview_and_the_near_page_together(stand_in):
    stand_in.script.append(("POST", "/_msearch", 200, {"responses": [_answer(1), _answer(1, _hit(1, "A"))]}))
    ElasticsearchSearchBackend().search(ServiceQuery(near=WORTHING, text="parenting"))
    (path, body) = _requests(stand_in, "POST")[0]
    assert path.startswith("/_msearch")
    assert len(body.strip().splitlines()) == 4


@pytest.mark.django_db
def test_suggestions_are_counted_on_the_alias(stand_in):
    stand_in.script.append(("POST", "/_msearch", 200, {"responses": [_answer(0)]}))
    stand_in.script.append(("POST", f"/{ALIAS}/_count", 200, {"count": 3}))
    results = ElasticsearchSearchBackend().search(ServiceQuery(text="parenting", free_only=True))
    assert [suggestion.count for suggestion in results.suggestions] == [3, 3]


@pytest.mark.django_db
def test_publishing_makes_the_index_if_there_is_none_then_indexes_the_service(stand_in):
    stand_in.script.append(("HEAD", f"/{ALIAS}", 404, {}))
    service = ServicePageFactory()
    ElasticsearchSearchBackend().index(published_services().get(pk=service.pk))
    synonyms, created, indexed = _requests(stand_in, "PUT")
    assert synonyms[0] == f"/_synonyms/{ALIAS}-synonyms"
    # The alias is made with the index, in one request: two first starts cannot attach two indexes.
    assert created[0] == f"/{ALIAS}-first"
    assert json.loads(created[1]) == {**index_body(ALIAS), "aliases": {ALIAS: {"is_write_index": True}}}
    assert indexed[0] == f"/{ALIAS}/_doc/{service.pk}?refresh=true"
    assert json.loads(indexed[1])["service_id"] == service.pk


@pytest.mark.django_db
def test_publishing_into_an_existing_index_only_indexes_the_service(stand_in):
    service = ServicePageFactory()
    ElasticsearchSearchBackend().index(published_services().get(pk=service.pk))
    assert [path for path, _ in _requests(stand_in, "PUT")] == [f"/{ALIAS}/_doc/{service.pk}?refresh=true"]


def test_removing_a_service_the_index_does_not_have_is_quiet(stand_in, search_log):
    stand_in.script.append(("DELETE", f"/{ALIAS}/_doc/42", 404, {"result": "not_found"}))
    ElasticsearchSearchBackend().remove(42)
    assert [path for path, _ in _requests(stand_in, "DELETE")] == [f"/{ALIAS}/_doc/42?refresh=true"]
    assert "Could not remove" not in search_log.text


def test_a_missing_index_when_searching_falls_back(stand_in, monkeypatch):
    stand_in.script.append(("POST", "/_msearch", 404, {"error": {"type": "index_not_found_exception"}, "status": 404}))
    monkeypatch.setattr(es, "_vocabularies", lambda: {})
    monkeypatch.setattr(DatabaseSearchBackend, "search", lambda self, query: "from the database")
    assert _with_fallback().search(ServiceQuery()) == "from the database"


def es_vocabularies():
    return {name: [code for code, _ in terms] for name, terms in es._vocabularies().items()}
