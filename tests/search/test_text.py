"""Shared text handling: words, filler words, and synonyms the directory team keeps as a snippet."""

import pytest

from directory.factories import ServicePageFactory
from search.backends.database import DatabaseSearchBackend
from search.indexing import published_services
from search.models import SynonymGroup
from search.query import ServiceQuery
from search.text import expand, kind_phrases, phrase, synonym_groups, words


def test_a_possessive_is_one_word():
    assert words("children's wellbeing") == ["children", "wellbeing"]
    assert words("Children’s Wellbeing") == ["children", "wellbeing"]


def test_a_kind_word_beside_a_subject_is_searched_only_in_its_phrase():
    assert words("a toddler group near us") == ["toddler"]
    assert kind_phrases("a toddler group near us") == ["toddler group"]
    assert words("mother and toddler group") == ["mother", "toddler"]
    assert kind_phrases("mother and toddler group") == ["toddler group"]


def test_kind_words_alone_are_the_search():
    assert words("drop in") == ["drop"]
    assert words("support groups") == ["groups"]
    assert kind_phrases("drop in") == kind_phrases("group club") == []


def test_hyphens_split_words_and_digits_are_words():
    assert words("home-start 0-19") == ["home", "start", "0", "19"]


def test_accents_are_folded_and_other_scripts_kept():
    assert words("Café Łódź مساعدة") == ["cafe", "łodz", "مساعدة"]


def test_filler_words_are_dropped_from_words_but_kept_in_a_phrase():
    assert words("help with speech and language") == ["speech", "language"]
    assert phrase("Speech and Language") == "speech and language"


@pytest.mark.django_db
def test_the_seeded_groups_include_the_family_phrasings():
    assert ("no food", "food bank", "food parcel", "pantry") in synonym_groups()
    assert "kinship care" in expand("grandparents raising grandchildren")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("playgroup", "stay and play"),
        ("my partner hurts me", "domestic abuse"),
        ("nowhere to live", "homeless"),
        ("ehcp", "special educational needs"),
        ("tantrums", "behaviour"),
    ],
)
def test_the_seeded_groups_include_everyday_family_words(typed, finds):
    assert finds in expand(typed)


@pytest.mark.django_db
def test_potty_training_is_not_job_training():
    assert "toilet training" in expand("potty training")
    assert "apprenticeships" not in expand("potty training")
    assert "apprenticeships" in expand("job training")


@pytest.mark.django_db
def test_expanding_keeps_the_filler_words_of_a_phrase():
    assert "speech and language" in expand("salt")


@pytest.mark.django_db
def test_a_saved_group_is_read_at_once():
    assert "kestrel" not in expand("falcon")
    group = SynonymGroup.objects.create(phrases="falcon, kestrel")
    assert "kestrel" in expand("falcon")
    group.delete()
    assert "kestrel" not in expand("falcon")


@pytest.mark.django_db
def test_salt_finds_speech_and_language():
    service = ServicePageFactory(title="Talking Tots", summary="Speech and language groups for toddlers.")
    DatabaseSearchBackend().rebuild(published_services())
    found = DatabaseSearchBackend().search(ServiceQuery(text="salt")).items
    assert [item.service_id for item in found] == [service.pk]
