"""The "When you can go" section in Chromium: English, Polish and Arabic, phone and desktop widths, axe clean."""

import datetime
import tempfile
from pathlib import Path

import pytest
from django.utils import translation

from directory.models import Location
from directory.schedules import Schedule, weekly
from tests.browser.conftest import describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "schedules"  # looked at by hand after a run
T = datetime.time


def test_when_you_can_go_reads_well_in_three_languages_at_two_widths(page, axe, directory):
    service = directory[0]
    service.locations = [
        Location(name="Worthing Library", town="Worthing", postcode="BN11 1HS"),
        Location(name="Lancing Parish Hall", town="Lancing", postcode="BN15 8AJ"),
    ]
    service.save()
    worthing, lancing = service.locations.all()
    today = datetime.date.today()
    service.schedules = [
        weekly("MO,WE", T(9, 30), T(12), location=worthing),
        Schedule(freq="MONTHLY", byday="1SA", opens_at=T(10), closes_at=T(13), location=lancing),
        Schedule(
            kind="closed",
            valid_from=today,
            valid_to=today + datetime.timedelta(days=10),
            location=lancing,
            description="Building work",
        ),
    ]
    service.save_revision().publish()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for language in ("en-gb", "pl", "ar"):
        with translation.override(language):
            url = service.url
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            section = page.locator("section.eh-when")
            assert section.count() == 1
            assert section.locator(".eh-next-sessions li").count() >= 3
            section.screenshot(path=str(SHOTS / f"{language}-{width}.png"))
        violations = axe(page)
        assert violations == [], f"{language}:\n{describe(violations)}"
    assert page.locator("html").get_attribute("dir") == "rtl"
    calendar = page.locator("section.eh-when a[href$='.ics']")
    assert calendar.count() == 1
