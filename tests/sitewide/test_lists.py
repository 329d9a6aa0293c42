"""Lists in running text take the reader's own comma: Arabic and Urdu write "،"."""

import pytest
from django.utils import translation

from sitewide.lists import joined
from sitewide.templatetags.editable_text import translated_each
from sitewide.templatetags.schedule_words import _day_names


@pytest.mark.parametrize(
    ("language", "expected"), [("en-gb", "a, b, c"), ("pl", "a, b, c"), ("ar", "a، b، c"), ("ur", "a، b، c")]
)
def test_items_are_joined_with_the_languages_comma(language, expected):
    with translation.override(language):
        assert joined(["a", "b", "c"]) == expected


def test_weekdays_and_vocabulary_names_in_arabic_are_listed_with_the_arabic_comma():
    with translation.override("ar"):
        assert _day_names("MO,WE", False) == "الاثنين، الأربعاء"
        assert "، " in translated_each(["Universal", "Specialist"])
        assert ", " not in translated_each(["Universal", "Specialist"])
    with translation.override("pl"):
        assert _day_names("MO,WE", False) == "poniedziałek, środa"
