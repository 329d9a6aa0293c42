"""Elasticsearch reads words as the database does: request shapes for issue 19 point 3 and issue 18."""

import datetime

import pytest

from search.backends import elasticsearch as es
from search.backends.elasticsearch import corrected_text, index_body, search_body
from search.query import ServiceQuery
from search.text import words
from tests.search import test_elasticsearch_queries as queries
from tests.search.test_elasticsearch_queries import WORTHING

synonyms = queries.synonyms  # the seeded synonym groups, without a database


def _should(text):
    (query,) = search_body(ServiceQuery(text=text))["query"]["bool"]["must"]
    return [clause["multi_match"] for clause in query["bool"]["should"]]


def _any_word(text):
    return _should(text)[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("children's wellbeing", "children wellbeing"),  # never the term "s", which nothing indexes
        ("Children’s Wellbeing", "children wellbeing"),
        ("O'Brien", "obrien"),
        ("speech-and-language", "speech language"),
        ("Year 6 transition", "year 6 transition"),
        ("crèche", "creche"),
    ],
)
def test_query_words_come_from_the_shared_tokeniser(typed, expected):
    assert _any_word(typed)["query"] == expected


def test_no_query_asks_for_a_lone_s():
    assert "s" not in _any_word("women's aid")["query"].split()


def test_misspellings_match_with_automatic_fuzziness():
    words = _any_word("brestfeeding")
    assert (words["fuzziness"], words["prefix_length"]) == ("AUTO", 1)


def test_common_english_words_match_as_typed_and_only_the_others_allow_misspelling():
    # "sons" is one edit from "songs": a fuzzy match would find the singing group (search.spelling).
    as_typed, misspelt = _should("my sons brestfeeding")[:2]
    assert (as_typed["query"], "fuzziness" in as_typed) == ("sons", False)
    assert (misspelt["query"], misspelt["fuzziness"]) == ("brestfeeding", "AUTO")


def test_no_correction_is_offered_for_a_common_english_word():
    answer = {
        "suggest": {
            "spelling": [
                {"text": "sons", "options": [{"text": "songs", "score": 0.8}]},
                {"text": "brestfeeding", "options": [{"text": "breastfeeding", "score": 0.9}]},
            ]
        }
    }
    assert corrected_text(answer, "sons brestfeeding") == "sons breastfeeding"
    answer["suggest"]["spelling"].pop()
    assert corrected_text(answer, "sons") == ""


def test_a_short_everyday_word_is_no_prefix():
    prefixes = [clause["query"] for clause in _should("sons caring autis") if clause.get("type") == "phrase_prefix"]
    assert prefixes == ["caring", "autis"]


def test_words_of_three_letters_or_more_also_match_as_prefixes():
    prefixes = [clause["query"] for clause in _should("autis adhd to go") if clause.get("type") == "phrase_prefix"]
    assert prefixes == ["autis", "adhd"]


def test_filler_words_are_never_required():
    # The filler list is search/text.py's; whatever is left, any one word is enough to find a service.
    typed = "we need help with money for my family"
    assert _any_word(typed)["query"] == " ".join(words(typed))
    assert "help" not in _any_word(typed)["query"].split()
    assert _any_word(typed)["minimum_should_match"] == "1"


def test_the_analysers_fold_accents_before_stemming():
    analysis = index_body()["settings"]["analysis"]["analyzer"]
    for name in ("earlyhelp_english", "earlyhelp_english_synonyms"):
        chain = analysis[name]["filter"]
        assert chain.index("asciifolding") < chain.index("english_stemmer")
    assert analysis["earlyhelp_spelling"]["filter"] == ["lowercase", "asciifolding"]


def test_synonyms_are_matched_after_folding():
    chain = index_body()["settings"]["analysis"]["analyzer"]["earlyhelp_english_synonyms"]["filter"]
    assert chain.index("asciifolding") < chain.index("earlyhelp_synonyms")


def test_relevance_with_a_place_and_no_words_is_distance_order():
    sort = search_body(ServiceQuery(near=WORTHING, sort="relevance"), part="near")["sort"]
    # No words: every score is equal, so the band ties; fresh first, then the nearest.
    assert sort[0] == es._band()
    assert sort[1] == es._stale()
    assert sort[2]["_geo_distance"]["location"] == {"lat": WORTHING.latitude, "lon": WORTHING.longitude}


def test_stale_listings_sort_after_fresh_ones_checked_within_a_year():
    stale = es._stale(today=datetime.date(2026, 12, 6))
    assert stale["_script"]["order"] == "asc"
    cutoff = datetime.datetime.fromtimestamp(stale["_script"]["script"]["params"]["cutoff"] / 1000, tz=datetime.UTC)
    assert cutoff.date() == datetime.date(2025, 12, 6)


def test_sort_by_last_checked_puts_the_most_recently_checked_first():
    sort = search_body(ServiceQuery(sort="last_checked"))["sort"]
    assert sort[0] == {"last_reviewed": {"order": "desc", "missing": "_last"}}


def test_the_serving_block_ranks_by_relevance_then_name_as_the_database_backend_does():
    sort = search_body(ServiceQuery(near=WORTHING, text="autism"), part="serving")["sort"]
    assert sort[2:] == [{"_score": {"order": "desc"}}, {"name.raw": "asc"}, {"service_id": "asc"}]
    assert "Math.log1p(_score)" in sort[0]["_script"]["script"]["source"]


# --- spelling ------------------------------------------------------------------------


def test_the_overview_asks_the_term_suggester_about_the_typed_words():
    body = search_body(ServiceQuery(text="help with brestfeeding"), vocabularies={"outcomes": ["safe"]})
    assert body["suggest"]["text"] == "brestfeeding"
    assert body["suggest"]["spelling"]["term"]["field"] == "spelling"
    assert body["suggest"]["spelling"]["term"]["suggest_mode"] == "missing"


def test_pages_without_facets_ask_for_no_spelling():
    assert "suggest" not in search_body(ServiceQuery(text="brestfeeding"), part="near")


def test_a_correction_replaces_only_the_misspelt_words():
    answer = {
        "suggest": {
            "spelling": [
                {"text": "brestfeeding", "options": [{"text": "breastfeeding", "score": 0.9}]},
                {"text": "group", "options": []},
            ]
        }
    }
    assert corrected_text(answer, "brestfeeding group") == "breastfeeding group"


def test_no_options_means_no_correction():
    assert corrected_text({"suggest": {"spelling": [{"text": "autism", "options": []}]}}, "autism") == ""
    assert corrected_text({}, "autism") == ""


# --- deep pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [(500, (9980, 20)), (501, (10000, 0)), (10_000, (10000, 0))],
)
def test_pages_never_ask_past_the_result_window(page, expected):
    body = search_body(ServiceQuery(page=page, page_size=20))
    assert (body["from"], body["size"]) == expected
    assert body["from"] + body["size"] <= es.MAX_RESULT_WINDOW


def test_a_page_straddling_the_window_is_cut_short():
    assert es.page_window(9990, 20) == (9990, 10)


# --- the analysis fingerprint --------------------------------------------------------


def test_the_analysis_hash_is_recorded_in_the_index_metadata():
    body = index_body()
    assert body["mappings"]["_meta"]["analysis_hash"] == es.analysis_hash(body)


def test_replicas_and_shards_do_not_change_the_analysis_hash():
    one, other = index_body(replicas=0), index_body(replicas=2, shards=3)
    assert one["mappings"]["_meta"] == other["mappings"]["_meta"]
    assert (other["settings"]["number_of_replicas"], other["settings"]["number_of_shards"]) == (2, 3)


def test_a_changed_analyser_changes_the_hash():
    body = index_body()
    before = es.analysis_hash(body)
    body["settings"]["analysis"]["analyzer"]["earlyhelp_english"]["filter"].remove("asciifolding")
    assert es.analysis_hash(body) != before


def test_one_node_indexes_have_no_replicas_by_default():
    assert index_body()["settings"]["number_of_replicas"] == 0


def test_a_correction_keeps_the_filler_words_typed():
    answer = {"suggest": {"spelling": [{"text": "brestfeeding", "options": [{"text": "breastfeeding"}]}]}}
    assert corrected_text(answer, "help with brestfeeding") == "help with breastfeeding"
