"""Language names typed in the reader's own language find the services that speak it."""

import pytest
from django.http import QueryDict

from search.forms import SearchForm
from search.language_names import english_name


@pytest.mark.parametrize(
    "typed, english",
    [
        ("Polish", "Polish"),
        ("polski", "Polish"),  # Polish, in Polish
        ("Poloneză", "Polish"),  # in Romanian
        ("poloneza", "Polish"),  # without the accent
        ("البولندية", "Polish"),  # in Arabic
        ("عربي", "Arabic"),  # how an Arabic reader says it, no article, no ending
        ("العربيّة", "Arabic"),  # Django's spelling, with a shadda
        ("عربی", "Arabic"),  # in Urdu, with Farsi yeh
        ("اردو", "Urdu"),
        ("rumuński", "Romanian"),
        ("Română", "Romanian"),
        ("limba română", "Romanian"),  # "the Romanian language", as a Romanian reader may type it
        ("arabski", "Arabic"),
    ],
)
def test_a_language_named_in_any_readers_language_is_the_name_services_use(typed, english):
    assert english_name(typed) == english


def test_names_nobody_translates_are_kept_as_typed():
    assert english_name("British Sign Language") == "British Sign Language"
    assert english_name("Makaton") == "Makaton"


@pytest.mark.django_db
def test_the_language_filter_reads_names_in_the_readers_language():
    form = SearchForm(QueryDict("language=polski&language=%D8%B9%D8%B1%D8%A8%D9%8A&language=Polish"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["language"] == ("Polish", "Arabic")


@pytest.mark.django_db
def test_a_name_that_is_not_a_language_name_is_still_refused_politely():
    form = SearchForm(QueryDict("language=%3Cscript%3E"))
    assert not form.is_valid()
    assert form.errors["language"] == ["Enter a language by its name, like Polish."]
