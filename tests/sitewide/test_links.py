"""Specifications for the link helpers: a stored URL in the visitor's language, the search page with a query."""

import pytest
from django.utils import translation

from sitewide.links import in_active_language, search_path


@pytest.mark.parametrize(
    ("stored", "language", "link"),
    [
        ("/services/sunflower/little-steps/", "pl", "/pl/services/sunflower/little-steps/"),
        ("/services/sunflower/little-steps/", "ar", "/ar/services/sunflower/little-steps/"),
        ("/services/sunflower/little-steps/", "en-gb", "/services/sunflower/little-steps/"),
        # A page published while an editor worked in Polish was indexed with the Polish prefix.
        ("/pl/services/sunflower/little-steps/", "ar", "/ar/services/sunflower/little-steps/"),
        ("/pl/services/sunflower/little-steps/", "en-gb", "/services/sunflower/little-steps/"),
        ("http://localhost/services/sunflower/", "pl", "http://localhost/pl/services/sunflower/"),
    ],
)
def test_a_stored_page_url_is_given_in_the_active_language(stored, language, link):
    with translation.override(language):
        assert in_active_language(stored) == link


def test_a_url_nothing_here_serves_comes_back_unchanged():
    with translation.override("pl"):
        assert in_active_language("/api/search") == "/api/search"


def test_the_search_path_keeps_the_language_and_encodes_the_query():
    with translation.override("ar"):
        assert search_path(q="food bank", district="E07000229") == "/ar/search/?q=food+bank&district=E07000229"


def test_the_search_path_without_parameters_has_no_question_mark():
    with translation.override("en-gb"):
        assert search_path() == "/search/"
