"""Specifications for spelling corrections: a misspelt word searched as the index's nearest word, and said so."""

import pytest

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.models import Location
from search.models import SearchLogEntry, SearchTerm, SynonymGroup
from search.spelling import common_english_words, correct

pytestmark = pytest.mark.django_db


def words(*found):
    SearchTerm.objects.bulk_create(SearchTerm(word=word, initial=word[0], length=len(word)) for word in found)


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("brestfeeding", "breastfeeding"),
        ("counciling", "counselling"),
        ("autisim", "autism"),
        ("help with brestfeeding", "help with breastfeeding"),
    ],
)
def test_a_misspelt_word_becomes_the_nearest_word_of_the_index(typed, corrected):
    words("breastfeeding", "counselling", "council", "autism", "autistic")
    assert correct(typed) == corrected


@pytest.mark.parametrize("typed", ["autism", "counselling", "help", "the", "xylophone", "ab", "BN11 1HS", ""])
def test_known_words_filler_short_and_far_words_are_left_alone(typed):
    words("autism", "counselling", "xylograph")
    assert correct(typed) is None


def test_a_word_known_in_another_form_is_left_alone():
    words("parents", "parenting")
    assert correct("parent") is None


def test_a_word_starting_another_word_of_the_index_is_left_alone():
    words("breastfeeding")
    assert correct("breastfeed") is None


def test_a_word_starting_a_longer_word_of_the_index_is_left_alone():
    # "teen" is one edit from "then", and "teenagers" is too long to be a candidate: it is still a prefix of it.
    words("then", "teenagers")
    assert correct("teen club") is None


def test_a_word_of_a_synonym_group_is_left_alone():
    # No service says "portage" (home learning for children with SEND), and "postage" is one edit away: the
    # directory team's group says it is a word.
    words("postage", "learning")
    assert correct("portage learning") == "postage learning"
    SynonymGroup.objects.create(phrases="portage, home learning visits")
    assert correct("portage learning") is None


@pytest.mark.parametrize(("typed", "neighbour"), [("sons", "songs"), ("wont", "want"), ("kids", "kits")])
def test_a_common_english_word_is_what_the_family_meant(typed, neighbour):
    words(neighbour, "anger")
    assert correct(f"my {typed} anger") is None


def test_the_common_words_are_everyday_english_and_no_misspelling():
    common = common_english_words()
    assert {"sons", "teen", "husband", "bullied"} <= common
    assert not {"brestfeeding", "counciling", "autisim", "chichster"} & common


def test_indexing_a_service_adds_its_words():
    load_area("west-sussex")
    page = ServicePageFactory(title="Breastfeeding Circle", locations=[Location(postcode="BN11 1HS", town="Worthing")])
    page.save_revision().publish()
    assert SearchTerm.objects.filter(word="breastfeeding").exists()
    assert correct("brestfeeding") == "breastfeeding"


@pytest.fixture
def circle():
    load_area("west-sussex")
    page = ServicePageFactory(title="Breastfeeding Circle", locations=[Location(postcode="BN11 1HS", town="Worthing")])
    page.save_revision().publish()
    return page


def test_the_api_reports_the_correction(client, circle):
    payload = client.get("/api/search", {"q": "brestfeeding"}).json()
    assert (payload["corrected_text"], payload["original_text"]) == ("breastfeeding", "brestfeeding")
    assert [item["name"] for item in payload["results"]] == ["Breastfeeding Circle"]


def test_the_api_reports_no_correction_as_null(client, circle):
    payload = client.get("/api/search", {"q": "breastfeeding"}).json()
    assert (payload["corrected_text"], payload["original_text"]) == (None, None)


def test_exact_searches_the_words_as_typed(client, circle):
    payload = client.get("/api/search", {"q": "brestfeeding", "exact": "1"}).json()
    assert (payload["corrected_text"], payload["total"]) == (None, 0)


def test_the_page_says_what_it_searched_and_offers_the_words_as_typed(client, circle):
    page = client.get("/search/", {"q": "brestfeeding"}).content.decode()
    assert "Showing results for <em>breastfeeding</em>." in page
    assert "Search instead for brestfeeding" in page
    assert "?q=brestfeeding&amp;exact=1" in page
    assert "Breastfeeding Circle" in page
    # The echo names what was searched, not the misspelling the correction offers back.
    assert "Showing services for “<bdi>breastfeeding</bdi>”" in page
    assert "<bdi>brestfeeding</bdi>" not in page


def test_the_page_says_nothing_of_spelling_without_a_correction(client, circle):
    assert "Search instead for" not in client.get("/search/", {"q": "breastfeeding"}).content.decode()


def test_the_log_keeps_the_corrected_words_scrubbed(client, circle):
    client.get("/search/", {"q": "brestfeeding bn11 1hs"})
    entry = SearchLogEntry.objects.get()
    assert (entry.text, entry.corrected_text) == ("brestfeeding [postcode]", "breastfeeding [postcode]")


def test_the_log_keeps_nothing_corrected_for_a_correct_search(client, circle):
    client.get("/api/search", {"q": "breastfeeding"})
    assert SearchLogEntry.objects.get().corrected_text == ""
