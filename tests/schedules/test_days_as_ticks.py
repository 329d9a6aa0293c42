"""Providers tick days (and, monthly, weeks of the month) instead of typing RFC 5545 codes; the codes are kept."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from directory.factories import ScheduleFactory, ServicePageFactory
from directory.schedule_days import DaysWidget, read_days, write_days
from directory.schedules import Schedule
from tests.schedules.test_admin import EVERY_DAY, ScheduleFormPosting


@pytest.mark.parametrize(
    ("text", "ticked"),
    [
        ("", ([], [])),
        ("MO,WE", ([], ["MO", "WE"])),
        (" we, mo ", ([], ["MO", "WE"])),
        ("1MO", ([1], ["MO"])),
        ("3TU,1TU,3TH,1TH", ([1, 3], ["TU", "TH"])),
        ("-1FR", ([-1], ["FR"])),
    ],
)
def test_rules_the_ticks_can_say_are_read_as_ticks(text, ticked):
    assert read_days(text) == ticked


@pytest.mark.parametrize("text", ["1MO,-1FR", "MO,1TU", "5MO", "2XX", "MONDAY", "AMO"])
def test_rules_beyond_the_ticks_are_kept_as_text(text):
    assert read_days(text) is None


def test_ticks_are_written_in_calendar_order():
    assert write_days([], ["WE", "MO"]) == "MO,WE"
    assert write_days(["3", "1"], ["WE", "MO"]) == "1MO,1WE,3MO,3WE"
    assert write_days(["-1"], ["FR"]) == "-1FR"
    assert write_days(["1"], []) == ""


def test_what_the_form_posts_becomes_the_rule():
    widget = DaysWidget()
    ticked = QueryDict("when_day=TH&when_day=MO&when_week=2")
    assert widget.value_from_datadict(ticked, {}, "when") == "2MO,2TH"
    assert widget.value_from_datadict(QueryDict(""), {}, "when") == ""
    assert widget.value_from_datadict(QueryDict("when=1MO,-1FR"), {}, "when") == "1MO,-1FR"
    assert widget.value_omitted_from_data(QueryDict(""), {}, "when") is False


def test_the_ticks_show_the_stored_rule():
    html = DaysWidget().render("when", "1MO,3MO", attrs={"id": "id_when"})
    assert html.count(" checked") == 3
    assert 'value="MO" id="id_when_0" checked' in html
    assert 'name="when_week" value="1" id="id_when_week_0" checked' in html
    assert 'name="when_week" value="3" id="id_when_week_2" checked' in html
    assert 'type="text"' not in html


def test_a_rule_beyond_the_ticks_is_shown_as_written():
    html = DaysWidget().render("when", "1MO,-1FR", attrs={"id": "id_when"})
    assert 'type="checkbox"' not in html
    assert 'name="when" id="id_when" value="1MO,-1FR"' in html


class TickedDaysInTheAdminTest(ScheduleFormPosting, WagtailPageTestCase):
    def post_ticks(self, days=(), weeks=(), **fields):
        schedule = {key: value for key, value in EVERY_DAY.items() if key != "byday"}
        # As the browser sends ticks: the field's own name absent, one value per tick.
        ticks = {"schedules-0-byday_day": list(days), "schedules-0-byday_week": list(weeks)}
        return self.post_service([{**schedule, "opens_at": "09:00", "closes_at": "12:00", **fields}], **ticks)

    def test_ticked_days_are_saved_as_the_rule(self):
        self.post_ticks(days=["WE", "MO"])
        self.assertEqual(Schedule.objects.get().byday, "MO,WE")

    def test_ticked_weeks_make_a_monthly_rule(self):
        self.post_ticks(days=["SA"], weeks=["1", "-1"], freq="MONTHLY")
        self.assertEqual(Schedule.objects.get().byday, "1SA,-1SA")

    def test_weeks_on_a_weekly_schedule_say_what_to_change(self):
        errors = self.schedule_errors(self.post_ticks(days=["MO"], weeks=["1"]))
        self.assertEqual(
            errors["byday"], ["Weeks of the month are for monthly schedules: choose “Monthly”, or untick the weeks."]
        )

    def test_no_day_ticked_is_an_error_on_the_days(self):
        errors = self.schedule_errors(self.post_ticks())
        self.assertEqual(errors["byday"], ["Tick the days it happens on."])

    def test_the_edit_page_shows_a_services_days_ticked(self):
        service = ServicePageFactory(parent=self.organisation)
        ScheduleFactory(service=service, freq="MONTHLY", byday="2TU")
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[service.pk]))
        self.assertContains(response, 'name="schedules-0-byday_day" value="TU" id="id_schedules-0-byday_1" checked')
        week = 'name="schedules-0-byday_week" value="2" id="id_schedules-0-byday_week_1" checked'
        self.assertContains(response, week)
        self.assertContains(response, 'name="schedules-0-byday_day"', count=7)
        # The field's label ("Days") names the group of ticks.
        self.assertContains(response, 'id="id_schedules-0-byday-label"')
        self.assertContains(response, 'role="group" aria-labelledby="id_schedules-0-byday-label"')
