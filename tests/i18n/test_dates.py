"""Dates in each language's grammar: Polish months in the genitive, English in full, Arabic with its own names."""

import datetime

import pytest
from django.utils import translation

from directory.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

CHECKED = datetime.date(2026, 10, 29)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en-gb", "29 October 2026"), ("pl", "29 października 2026"), ("ar", "29 أكتوبر، 2026"), ("ur", "29 اکتوبر 2026")],
)
def test_last_checked_date_reads_in_the_pages_language(client, settings, language, expected):
    # Urdu is Lancashire's, not the test area's: offer it here so /ur/ pages exist.
    settings.LANGUAGES = [*settings.LANGUAGES, ("ur", "اردو")]
    service = ServicePageFactory(start_date=CHECKED, last_reviewed=CHECKED)
    with translation.override(language):
        html = client.get(service.url).content.decode()
    assert expected in html
    assert "Październik" not in html


def test_run_dates_use_the_genitive_in_polish(client):
    service = ServicePageFactory(start_date=CHECKED, end_date=datetime.date(2026, 12, 1))
    with translation.override("pl"):
        html = client.get(service.url).content.decode()
    assert "29 października 2026" in html and "1 grudnia 2026" in html
