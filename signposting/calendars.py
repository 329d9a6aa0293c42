"""Calendars (.ics) of a service's sessions and of a shortlist's: RRULEs as the schedules say, EXDATEs for closures."""

import datetime
import uuid

from django.conf import settings
from icalendar import Calendar, Event, vRecur

from directory.schedules import HORIZON, closures_for, london, now_in_london

PRODID = "-//Early help directory//Sessions//EN"
# Stable event ids: the same schedule is the same event every time a family downloads the calendar.
UID_NAMESPACE = uuid.UUID("0b5d2c1e-6f6a-4d43-9a8e-2f1c5b7e9d10")


def _moment(day, clock):
    return datetime.datetime.combine(day, clock, tzinfo=london())


def _recurrence(schedule, until):
    rule = {"FREQ": schedule.freq, "INTERVAL": schedule.interval or 1}
    if schedule.byday:
        rule["BYDAY"] = [part.strip().upper() for part in schedule.byday.split(",") if part.strip()]
    if schedule.bymonthday:
        rule["BYMONTHDAY"] = [int(part) for part in schedule.bymonthday.split(",") if part.strip()]
    if until:
        # UNTIL in UTC when DTSTART has a time zone (RFC 5545 3.3.10): the end of the last day.
        last = _moment(until, schedule.closes_at or datetime.time(23, 59))
        rule["UNTIL"] = last.astimezone(datetime.UTC) if schedule.opens_at else until
    return vRecur(rule)


def _event(service, schedule, uid_parts, first, until, excluded, request):
    event = Event()
    event.add("uid", f"{uuid.uuid5(UID_NAMESPACE, ':'.join(map(str, uid_parts)))}@{settings.WAGTAIL_SITE_NAME}")
    event.add("dtstamp", datetime.datetime.now(datetime.UTC).replace(microsecond=0))
    event.add("summary", f"{service.title}: {schedule.description}" if schedule.description else service.title)
    if schedule.opens_at:
        event.add("dtstart", _moment(first, schedule.opens_at))
        event.add("dtend", _moment(first, schedule.closes_at))
    else:
        event.add("dtstart", first)
        event.add("dtend", first + datetime.timedelta(days=1))
    if schedule.freq:
        event.add("rrule", _recurrence(schedule, until))
    for day in excluded:
        event.add("exdate", _moment(day, schedule.opens_at) if schedule.opens_at else day)
    if schedule.location_id:
        place = schedule.location
        event.add(
            "location", ", ".join(part for part in (place.name, place.address, place.town, place.postcode) if part)
        )
    url = service.get_full_url(request) if request is not None else service.url
    if url:
        event.add("url", url)
    if schedule.notes:
        event.add("description", schedule.notes)
    return event


def schedule_events(service, schedule, schedules, request=None, today=None):
    """The events of one schedule: one with its RRULE, or one per term for term-time rules; none for closures."""
    if schedule.is_closure or schedule.starts_when_you_sign_up:
        return []
    today = today or now_in_london().date()
    closures = closures_for(schedules, schedule.location)
    windows = [(schedule.first_day(), schedule.last_day())]
    if schedule.term_dates_id:
        windows = [
            (max(term.starts, windows[0][0]), min(term.ends, windows[0][1] or term.ends))
            for term in schedule.term_dates.terms.all()
        ]
    events = []
    for number, (start, end) in enumerate(windows):
        if end is not None and end < start:
            continue
        # Without a first date a weekly rule counts from today: its days are the same whichever week it starts.
        if schedule.freq and not schedule.dtstart and start < today:
            start = today
        horizon_end = min(end or today + HORIZON, today + HORIZON)
        days = schedule.dates(start, max(horizon_end, start)) if schedule.freq else [schedule.dtstart]
        days = [day for day in days if schedule.term_dates_id is None or start <= day <= (end or day)]
        if not days:
            continue
        excluded = [day for day in days if any(closure.covers(day) for closure in closures)]
        uid = (service.oruk_id, schedule.pk or schedule.sort_order, number)
        events.append(_event(service, schedule, uid, days[0], end, excluded, request))
    return events


def calendar_for(services, request=None, name=""):
    """One calendar holding every session of the services (each service's schedules prefetched or not)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if name:
        calendar.add("x-wr-calname", name)
    for service in services:
        schedules = list(service.schedules.all())
        for schedule in schedules:
            for event in schedule_events(service, schedule, schedules, request):
                calendar.add_component(event)
    return calendar


def ics_bytes(calendar):
    return calendar.to_ical()
