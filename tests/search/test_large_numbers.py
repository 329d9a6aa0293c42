"""Counts over 999 are grouped as each language writes them (GOV.UK style: 1,234), on the page and in suggestions."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from search.query import ServiceQuery
from search.suggestions import make_suggestions


def _echo(total):
    results = SimpleNamespace(total=total, showing_first=None, corrected_text="", query=ServiceQuery())
    return render_to_string("search/includes/echo.html", {"results": results})


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "12,345 services found"), ("pl", "Znaleziono 12\xa0345 usług"), ("ro", "12.345 de servicii găsite")],
)
def test_the_number_found_is_grouped_as_the_language_writes_it(language, expected):
    with translation.override(language):
        assert expected in _echo(12345)


def test_a_small_number_found_is_written_as_it_is():
    with translation.override("en"):
        assert "999 services found" in _echo(999)


class _Counter:
    def count(self, query):
        return 12345


def test_suggestions_group_their_counts():
    with translation.override("en"):
        suggestions = make_suggestions(_Counter(), ServiceQuery(text="parenting", free_only=True))
    assert [suggestion.message for suggestion in suggestions] == [
        "12,345 services if you remove Free only",
        "12,345 services without the words “parenting”",
    ]
    assert {suggestion.count for suggestion in suggestions} == {12345}
