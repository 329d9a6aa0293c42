"""Specifications for the template tags and filters behind the public pages."""

import datetime

import pytest
from django.utils import translation

from directory.models import ServicePage
from sitewide.templatetags.contact_links import link_phone_numbers, tel_href
from sitewide.templatetags.directory_display import age_range, clock_time, run_dates


@pytest.mark.parametrize(
    ("number", "href"),
    [("0800 1111", "tel:08001111"), ("01403 229900", "tel:01403229900"), ("+44 20 7946 0000", "tel:+442079460000")],
)
def test_tel_href_keeps_only_digits_and_a_leading_plus(number, href):
    assert tel_href(number) == href


def test_link_phone_numbers_links_999_and_uk_numbers_in_a_sentence():
    html = link_phone_numbers("Call 999, or 0330 222 6664 out of hours.")
    assert '<a class="govuk-link" href="tel:999" dir="ltr">999</a>' in html
    assert '<a class="govuk-link" href="tel:03302226664" dir="ltr">0330 222 6664</a>' in html


def test_link_phone_numbers_escapes_the_rest():
    assert "&lt;b&gt;" in link_phone_numbers("<b>Call</b> 999")


def test_link_phone_numbers_leaves_years_and_short_numbers_alone():
    assert "<a" not in link_phone_numbers("Open since 2019, room 12.")


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (5, 11, "Ages 5 to 11"),
        (7, 7, "Age 7"),
        (16, None, "Ages 16 and over"),
        (None, 4, "Up to age 4"),
        (None, None, ""),
    ],
)
# A new Page asks the database for the default locale.
@pytest.mark.django_db
def test_age_range_in_words(low, high, words):
    assert age_range(ServicePage(min_age=low, max_age=high)) == words


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (datetime.date(2026, 7, 21), datetime.date(2026, 8, 29), "Runs from 21 July 2026 to 29 August 2026"),
        (datetime.date(2026, 7, 21), None, "Starts on 21 July 2026"),
        (None, datetime.date(2026, 8, 29), "Runs until 29 August 2026"),
        (None, None, ""),
    ],
)
@pytest.mark.django_db
def test_run_dates_in_words(start, end, words):
    assert run_dates(ServicePage(start_date=start, end_date=end)) == words


@pytest.mark.parametrize(
    ("time", "words"),
    [
        (datetime.time(9), "9am"),
        (datetime.time(17, 30), "5:30pm"),
        (datetime.time(12), "midday"),
        (datetime.time(0), "midnight"),
    ],
)
def test_clock_time_in_english_is_the_govuk_style(time, words):
    with translation.override("en-gb"):
        assert clock_time(time) == words


def test_clock_time_in_other_languages_is_24_hour():
    with translation.override("pl"):
        assert clock_time(datetime.time(17, 30)) == "17:30"
