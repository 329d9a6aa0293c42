"""Romanian dates in Romanian grammar: month names in lower case ("29 octombrie 2026"), not Django's "Octombrie"."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from directory.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

CHECKED = datetime.date(2026, 10, 29)


def test_last_checked_and_run_dates_read_in_lower_case_in_romanian(client, settings):
    # Essex offers Romanian; the test area may not, so offer it here.
    settings.LANGUAGES = [*settings.LANGUAGES, ("ro", "Română")]
    service = ServicePageFactory(start_date=CHECKED, last_reviewed=CHECKED, end_date=datetime.date(2026, 12, 1))
    with translation.override("ro"):
        html = client.get(service.url).content.decode()
    assert "29 octombrie 2026" in html and "1 decembrie 2026" in html
    assert "Octombrie" not in html


def test_a_session_day_reads_weekday_day_and_month_in_lower_case():
    with translation.override("ro"):
        assert date_format(CHECKED, "l j E") == "joi 29 octombrie"
