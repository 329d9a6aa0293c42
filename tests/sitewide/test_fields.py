"""The plain text field every public form uses for what people type."""

import pytest
from django import forms

from sitewide.fields import PlainTextField


def test_control_characters_go_and_the_words_stay():
    assert PlainTextField().clean(" Jordan\x1b\x07 Example\x7f ") == "Jordan Example"


def test_new_lines_and_tabs_stay_inside_the_text():
    assert PlainTextField().clean("First line\n\tSecond line") == "First line\n\tSecond line"


def test_a_null_character_is_still_refused_with_the_fields_message():
    with pytest.raises(forms.ValidationError) as refused:
        PlainTextField().clean("Jordan\x00")
    assert [error.code for error in refused.value.error_list] == ["null_characters_not_allowed"]
