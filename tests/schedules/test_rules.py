"""Rules expand to the right London dates and times: monthly, fortnightly, term time, closures, clock changes."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from directory.schedules import (
    Schedule,
    TermDates,
    TermPeriod,
    by_site,
    check_load,
    closed_now,
    open_at,
    sessions,
    upcoming,
    weekly,
)

D = datetime.date
T = datetime.time


def days(schedule, start, end, **kwargs):
    return [session.day for session in sessions([schedule], start, end, **kwargs)]


def test_first_monday_of_the_month():
    rule = Schedule(freq="MONTHLY", byday="1MO", opens_at=T(10), closes_at=T(11, 30))
    assert days(rule, D(2026, 12, 1), D(2027, 2, 28)) == [D(2026, 12, 7), D(2027, 1, 4), D(2027, 2, 1)]


def test_last_friday_and_a_day_of_the_month():
    assert days(Schedule(freq="MONTHLY", byday="-1FR"), D(2027, 1, 1), D(2027, 2, 28)) == [
        D(2027, 1, 29),
        D(2027, 2, 26),
    ]
    assert days(Schedule(freq="MONTHLY", bymonthday="15"), D(2027, 1, 1), D(2027, 2, 28)) == [
        D(2027, 1, 15),
        D(2027, 2, 15),
    ]


def test_every_other_tuesday_counts_from_its_first_date():
    rule = Schedule(freq="WEEKLY", interval=2, byday="TU", dtstart=D(2026, 12, 8))
    assert days(rule, D(2026, 12, 1), D(2027, 1, 10)) == [D(2026, 12, 8), D(2026, 12, 22), D(2027, 1, 5)]


def test_a_course_runs_from_its_first_to_its_last_date():
    course = Schedule(freq="WEEKLY", byday="WE", dtstart=D(2027, 1, 6), until=D(2027, 1, 27))
    assert days(course, D(2026, 12, 1), D(2027, 6, 1)) == [D(2027, 1, d) for d in (6, 13, 20, 27)]


def test_a_course_that_starts_when_you_sign_up_has_no_dates():
    assert days(Schedule(freq="WEEKLY", byday="WE", starts_when_you_sign_up=True), D(2027, 1, 1), D(2027, 2, 1)) == []


def test_sunday_ten_am_stays_ten_am_in_london_across_the_clock_change():
    found = sessions([weekly(6, T(10), T(12))], D(2027, 3, 21), D(2027, 4, 4))
    assert [session.starts.astimezone(datetime.UTC).hour for session in found] == [10, 9, 9]
    assert [session.starts.hour for session in found] == [10, 10, 10]


def test_open_now_in_london_time_on_the_day_the_clocks_go_back():
    rule = [weekly(6, T(10), T(12))]
    # 31 October 2027: clocks go back at 2am; 10:30 in London is 10:30 UTC (GMT again).
    assert open_at(rule, datetime.datetime(2027, 10, 31, 10, 30, tzinfo=datetime.UTC))
    assert not open_at(rule, datetime.datetime(2027, 10, 31, 12, 30, tzinfo=datetime.UTC))
    # The Sunday before, in BST: 10:30 in London is 9:30 UTC.
    assert open_at(rule, datetime.datetime(2027, 10, 24, 9, 30, tzinfo=datetime.UTC))
    assert not open_at(rule, datetime.datetime(2027, 10, 24, 11, 30, tzinfo=datetime.UTC))


@pytest.mark.django_db
def test_term_time_only_skips_the_holidays():
    terms = TermDates.objects.create(name="West Sussex schools")
    TermPeriod.objects.create(term_dates=terms, starts=D(2026, 9, 3), ends=D(2026, 10, 23))
    TermPeriod.objects.create(term_dates=terms, starts=D(2026, 11, 2), ends=D(2026, 12, 18))
    rule = Schedule(freq="WEEKLY", byday="MO", opens_at=T(9), closes_at=T(11), term_dates=terms)
    found = days(rule, D(2026, 10, 12), D(2027, 1, 11))
    assert D(2026, 10, 26) not in found and D(2026, 12, 21) not in found and D(2027, 1, 4) not in found
    assert found[:2] == [D(2026, 10, 12), D(2026, 10, 19)] and found[-1] == D(2026, 12, 14)


def test_a_closure_removes_the_sessions_it_covers():
    rule = weekly(1, T(10), T(12))
    christmas = Schedule(kind="closed", valid_from=D(2026, 12, 22), valid_to=D(2027, 1, 3))
    assert [s.day for s in sessions([rule, christmas], D(2026, 12, 14), D(2027, 1, 12))] == [
        D(2026, 12, 15),
        D(2027, 1, 5),
        D(2027, 1, 12),
    ]


@time_machine.travel(datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_temporarily_closed_until_a_date_then_open_again():
    rule = weekly(0, T(10), T(12))
    closed = Schedule(kind="closed", valid_from=D(2026, 12, 1), valid_to=D(2026, 12, 20))
    assert closed_now([rule, closed]) is closed
    assert [s.day for s in upcoming([rule, closed])] == [D(2026, 12, 21), D(2026, 12, 28), D(2027, 1, 4)]
    for_now = Schedule(kind="closed", valid_from=D(2026, 12, 1))
    assert closed_now([rule, for_now]) is for_now and upcoming([rule, for_now]) == []


@time_machine.travel(datetime.datetime(2026, 12, 7, 10, 45, tzinfo=datetime.UTC), tick=False)
def test_a_session_going_on_now_is_still_next():
    assert [s.day for s in upcoming([weekly(0, T(10), T(11, 30))])][0] == D(2026, 12, 7)


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 12, 6, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_each_site_has_its_own_next_sessions_and_closures(service):
    from tests.schedules.conftest import save

    crawley, broadfield = service.locations.all()
    save(
        service,
        [
            weekly(0, T(10), T(11, 30), location=crawley),
            weekly(2, T(13), T(15), location=broadfield),
            Schedule(kind="closed", valid_from=D(2026, 12, 1), valid_to=D(2026, 12, 31), location=broadfield),
        ],
    )
    schedules = list(service.schedules.all())
    sites = {site.location.name: site for site in by_site(schedules, service.locations.all())}
    assert [s.day for s in sites["Crawley Library"].sessions] == [D(2026, 12, 7), D(2026, 12, 14), D(2026, 12, 21)]
    assert sites["Crawley Library"].closure is None
    assert sites["Broadfield Hub"].closure is not None
    assert [s.day for s in sites["Broadfield Hub"].sessions][0] == D(2027, 1, 6)


def test_more_than_500_sessions_a_year_is_refused_with_what_to_check():
    daily = [Schedule(freq="WEEKLY", byday="MO,TU,WE,TH,FR,SA,SU", opens_at=T(9), closes_at=T(10))] * 2
    assert "730 sessions" in check_load(daily)
    assert check_load(daily[:1]) == ""


def errors_of(**fields):
    with pytest.raises(ValidationError) as caught:
        Schedule(**fields).clean()
    return caught.value.message_dict


def test_opens_after_closes_is_an_error_on_the_closing_time():
    assert "closes_at" in errors_of(byday="MO", opens_at=T(12), closes_at=T(9))


def test_last_date_before_first_date_is_an_error_on_the_last_date():
    assert "until" in errors_of(byday="MO", dtstart=D(2027, 1, 10), until=D(2027, 1, 1))


def test_a_rule_that_never_happens_is_an_error_on_the_days():
    # Mondays, but only on one Tuesday.
    errors = errors_of(byday="MO", dtstart=D(2027, 1, 5), until=D(2027, 1, 5))
    assert "never happen" in errors["byday"][0]


def test_the_31st_of_february_never_happens():
    errors = errors_of(freq="MONTHLY", bymonthday="31", dtstart=D(2027, 2, 1), until=D(2027, 2, 28))
    assert "byday" in errors


def test_days_that_are_not_days_name_the_part_to_fix():
    assert "“XX”" in errors_of(byday="MO,XX")["byday"][0]
    assert "bymonthday" in errors_of(freq="MONTHLY", bymonthday="32")
    assert "byday" in errors_of(byday="1MO")  # a week number is for monthly rules


def test_every_other_week_needs_a_first_date():
    assert "dtstart" in errors_of(byday="TU", interval=2)


def test_a_closure_needs_its_first_day():
    assert "valid_from" in errors_of(kind="closed")


@pytest.mark.django_db
def test_a_schedule_can_name_a_location_added_in_the_same_save(service):
    from directory.models import Location

    hall = Location(name="New hall", postcode="RH10 1FG")
    service.locations = [*service.locations.all(), hall]
    service.schedules = [weekly(0, T(9), T(10), location=hall)]
    service.save()
    assert service.schedules.get().location.name == "New hall"
