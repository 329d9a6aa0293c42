"""Schedules survive an ORUK round trip and the schema; calendars say the same sessions; the page says them in words."""

import datetime
import json
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import translation
from icalendar import Calendar

from directory.exchange import oruk_schedules
from directory.exchange.oruk import OrukWriter
from directory.exchange.oruk_parse import Problems
from directory.schedules import Schedule, TermDates, TermPeriod, sessions, weekly
from signposting.calendars import calendar_for
from sitewide.templatetags.schedule_words import closure_words, rule_words, session_words
from tests.oruk.conftest import schemas  # noqa: F401  (skips locally without the schemas, fails in CI)
from tests.schedules.conftest import save

D = datetime.date
T = datetime.time
NOW = datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC)


def every_kind(service):
    crawley, broadfield = service.locations.all()
    terms = TermDates.objects.create(name="West Sussex schools 2026 to 2027")
    TermPeriod.objects.create(term_dates=terms, starts=D(2027, 1, 5), ends=D(2027, 2, 12))
    return save(
        service,
        [
            weekly("MO,WE", T(9, 30), T(12)),
            Schedule(freq="MONTHLY", byday="1MO", opens_at=T(10), closes_at=T(11, 30), location=crawley),
            Schedule(freq="WEEKLY", interval=2, byday="TU", dtstart=D(2026, 12, 8), opens_at=T(13), closes_at=T(15)),
            Schedule(freq="", dtstart=D(2026, 12, 19), opens_at=T(10), closes_at=T(14), description="Christmas party"),
            Schedule(freq="WEEKLY", byday="TH", dtstart=D(2027, 1, 7), until=D(2027, 2, 11), description="Course"),
            Schedule(freq="WEEKLY", byday="FR", opens_at=T(9), closes_at=T(10), term_dates=terms, location=broadfield),
            Schedule(freq="WEEKLY", byday="SA", starts_when_you_sign_up=True, description="Baby massage"),
            Schedule(kind="closed", valid_from=D(2026, 12, 22), valid_to=D(2027, 1, 3), description="Christmas"),
        ],
    )


def said(schedule):
    """What a schedule says, without ids: to compare one read back with the one written."""
    record = oruk_schedules.to_oruk(schedule, schedule.service)
    return {key: value for key, value in record.items() if key != "id"}


@pytest.mark.django_db
@pytest.mark.usefixtures("schemas")
def test_every_kind_of_schedule_round_trips_through_oruk_and_meets_the_schema(service):
    from directory.exchange import oruk_schema

    written = every_kind(service)
    record = OrukWriter().service(service, service.get_parent().specific)
    assert oruk_schema.errors_in(json.loads(json.dumps(record)), oruk_schema.validator("service")) == []
    problems = Problems()
    read, notes = oruk_schedules.read(record, "$", problems)
    assert problems.warnings == [] and notes == []
    read = oruk_schedules.attach(read, service.locations.all())
    for schedule in read:
        schedule.service = service
    assert [said(schedule) for schedule in read] == [said(schedule) for schedule in written]
    closure = next(r for r in record["schedules"] if r.get("x-earlyhelp", {}).get("kind") == "closed")
    assert closure["description"] == "Closed: Christmas"  # words for consumers that do not read our extension


def test_an_impossible_oruk_schedule_is_kept_as_words_with_a_warning():
    problems = Problems()
    record = {"schedules": [{"id": "x", "freq": "WEEKLY", "byday": "MO", "opens_at": "12:00", "closes_at": "09:00"}]}
    record["schedules"][0]["description"] = "Mornings"
    read, notes = oruk_schedules.read(record, "$", problems)
    assert read == [] and notes == ["Mornings"]
    assert "closes_at" in problems.warnings[0]


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ({"freq": "WEEKLY", "byday": "1MO"}, "byday: weeks of the month (as in 1MO or -1FR) are for a MONTHLY freq"),
        ({"freq": "WEEKLY", "byday": ""}, "byday: give the days (byday) or the days of the month (bymonthday)"),
    ],
)
def test_an_import_report_names_the_feeds_fields_not_the_forms_ticks(rule, said):
    # The directory team reads the report beside the feed, where there is nothing to tick or untick.
    problems = Problems()
    record = {"schedules": [{"id": "x", "opens_at": "09:00", "closes_at": "12:00", "description": "Mornings", **rule}]}
    read, notes = oruk_schedules.read(record, "$", problems)
    assert read == [] and notes == ["Mornings"]
    assert said in problems.warnings[0]
    assert "tick" not in problems.warnings[0].lower()


def test_a_schedule_on_the_31st_of_february_is_not_read_as_a_date():
    problems = Problems()
    read, _notes = oruk_schedules.read(
        {"schedules": [{"id": "x", "dtstart": "2027-02-31", "opens_at": "10:00"}]}, "$", problems
    )
    assert read == [] and problems.warnings


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_calendar_has_rrules_exdates_for_closures_and_london_times(service):
    every_kind(service)
    calendar = Calendar.from_ical(calendar_for([service]).to_ical())
    events = [event for event in calendar.walk("VEVENT")]
    weekly_event = next(e for e in events if e.get("rrule") and e["rrule"]["BYDAY"] == ["MO", "WE"])
    assert weekly_event["rrule"]["FREQ"] == ["WEEKLY"]
    assert weekly_event.decoded("dtstart") == datetime.datetime(
        2026, 12, 7, 9, 30, tzinfo=weekly_event.decoded("dtstart").tzinfo
    )
    assert str(weekly_event.decoded("dtstart").tzinfo) == "Europe/London"
    exdates = weekly_event["exdate"] if isinstance(weekly_event["exdate"], list) else [weekly_event["exdate"]]
    excluded = {d.dt.date() for exdate in exdates for d in exdate.dts}
    assert {D(2026, 12, 23), D(2026, 12, 28), D(2026, 12, 30)} <= excluded
    monthly = next(e for e in events if e.get("rrule") and e["rrule"]["FREQ"] == ["MONTHLY"])
    assert monthly["rrule"]["BYDAY"] == ["1MO"] and "Crawley Library" in str(monthly["location"])
    assert any(str(e["summary"]).endswith("Christmas party") and not e.get("rrule") for e in events)
    assert not any("Baby massage" in str(e["summary"]) for e in events)  # no dates until you sign up


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_shortlist_calendar_is_every_service_sessions(client, service):
    every_kind(service)
    response = client.get(f"/calendar/service/{service.pk}.ics")
    one = Calendar.from_ical(response.content)
    assert response["Content-Type"].startswith("text/calendar")
    shortlist = Calendar.from_ical(client.get(f"/shortlist/s/{service.pk}/calendar.ics").content)
    assert len(shortlist.walk("VEVENT")) == len(one.walk("VEVENT")) > 0


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_next_sessions_in_words_per_site_in_english_and_polish(service):
    schedules = every_kind(service)
    crawley = service.locations.first()
    next_at_crawley = [
        s for s in sessions(schedules, D(2026, 12, 7), D(2026, 12, 7), crawley) if s.schedule.freq == "MONTHLY"
    ]
    with translation.override("en-gb"):
        assert (
            session_words(next_at_crawley[0], with_place=True)
            == 'Monday 7 December, 10am to 11:30am at <bdi lang="en">Crawley Library</bdi>'
        )
        assert rule_words(schedules[1]) == "The first Monday of the month, 10am to 11:30am"
        assert rule_words(schedules[2]) == "Every other Tuesday, 1pm to 3pm, from Tuesday 8 December"
        assert rule_words(schedules[-1]) == "Closed 22 December 2026 to 3 January 2027: Christmas"
    with translation.override("pl"):
        assert "7 grudnia, od 10:00 do 11:30" in session_words(next_at_crawley[0])
        # Inside a sentence a Polish weekday is in lower case, and after "od" it stands apart from the date.
        assert rule_words(schedules[2]).endswith(", od 8 grudnia (wtorek)")
        # ...and in the rule itself: "Pierwszy poniedziałek miesiąca", "Co drugi wtorek", never "Wtorek" mid-sentence.
        assert "Wtorek" not in rule_words(schedules[2]) and "wtorek" in rule_words(schedules[2])
        assert "Poniedziałek" not in rule_words(schedules[1]) and "poniedziałek" in rule_words(schedules[1])
    with translation.override("ar"):
        assert "من 10:00 إلى 11:30" in session_words(next_at_crawley[0])


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_service_page_shows_the_next_sessions_at_each_site_and_the_calendar_link(client, service):
    every_kind(service)
    html = client.get(service.url).content.decode()
    assert "When you can go" in html
    assert 'Monday 7 December, 10am to 11:30am at <bdi lang="en">Crawley Library</bdi>' in html
    assert 'Monday 7 December, 9:30am to midday at <bdi lang="en">Broadfield Hub</bdi>' in html
    assert f"/calendar/service/{service.pk}.ics" in html


@pytest.mark.django_db
def test_the_data_migration_makes_one_weekly_schedule_per_hours(service):
    import importlib

    migration = importlib.import_module("directory.migrations.0005_opening_times_to_schedules")

    class Row:
        def __init__(self, weekday, opens, closes):
            self.service_id, self.weekday, self.opens, self.closes = service.pk, weekday, opens, closes

    rows = [Row(0, T(9), T(12)), Row(2, T(9), T(12)), Row(4, T(13), T(15, 30))]

    class OpeningTimes:
        objects = type("Manager", (), {"order_by": staticmethod(lambda *fields: rows)})

    class Apps:
        def get_model(self, app, name):
            return OpeningTimes if name == "OpeningTime" else Schedule

    migration.forwards(Apps(), None)
    made = sorted(
        (s.byday, s.opens_at, s.closes_at, s.freq, s.interval) for s in Schedule.objects.filter(service=service)
    )
    assert made == [("FR", T(13), T(15, 30), "WEEKLY", 1), ("MO,WE", T(9), T(12), "WEEKLY", 1)]


def test_a_closure_says_when_it_opens_again_with_a_polish_weekday_in_lower_case():
    closure = SimpleNamespace(valid_to=D(2027, 1, 3))
    with translation.override("en-gb"):
        assert closure_words(closure) == "Closed until 3 January 2027. Opens again on Monday 4 January."
    with translation.override("pl"):
        assert closure_words(closure).endswith("Ponownie otwarte: poniedziałek 4 stycznia.")
