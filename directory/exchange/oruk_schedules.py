"""Schedules as Open Referral UK 3.0 `schedule` records and back, without loss for our own exports.

ORUK has fields for the recurrence (freq, interval, byday, bymonthday, dtstart, valid_from, valid_to, opens_at,
closes_at); `until` is RFC 5545's and travels as written. What ORUK cannot say (a closure, term time only,
"starts when you sign up") travels in the extension, with the words in `description` for everyone else.
"""

import datetime
import re
import uuid

from directory.exchange import oruk
from directory.schedules import Schedule, TermDates, TermPeriod, rule_errors

# A closure says so in words too, for consumers that do not read our extension.
CLOSED_PREFIX = "Closed"


def _day(value):
    return value.isoformat() if value else None


def _clock(value):
    if value is None:
        return None
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def _compact(record):
    return {key: value for key, value in record.items() if value not in (None, "", {}, [])}


def schedule_id(service_id, schedule: Schedule) -> str:
    """Stable across runs: made from what the schedule says (a weekly one as before schedules existed)."""
    if schedule.is_weekly and schedule.location_id is None and schedule.interval == 1 and _plain(schedule):
        return oruk.child_id(
            service_id, "schedule", schedule.opens_at.isoformat(), schedule.closes_at.isoformat(), schedule.byday
        )
    location = schedule.location.oruk_id if schedule.location_id else ""
    parts = (schedule.kind, schedule.freq, schedule.interval, schedule.byday, schedule.bymonthday)
    parts += tuple(_day(day) for day in (schedule.dtstart, schedule.until, schedule.valid_from, schedule.valid_to))
    parts += (_clock(schedule.opens_at), _clock(schedule.closes_at), schedule.description, location)
    return oruk.child_id(service_id, "schedule", *parts)


def _plain(schedule):
    """A weekly opening with nothing more to it, as the opening times before schedules were."""
    return (
        schedule.opens_at
        and schedule.closes_at
        and not (schedule.description or schedule.notes or schedule.term_dates_id or schedule.dtstart)
        and not (schedule.until or schedule.valid_from or schedule.valid_to)
    )


def to_oruk(schedule: Schedule, service) -> dict:
    """One schedule of `service` as an ORUK schedule record."""
    sid = str(service.oruk_id)
    extension = {}
    description = schedule.description
    if schedule.is_closure:
        extension["kind"] = schedule.kind
        description = f"{CLOSED_PREFIX}: {description}" if description else CLOSED_PREFIX
    if schedule.term_dates_id:
        terms = schedule.term_dates
        extension["term_dates"] = {
            "name": terms.name,
            "terms": [[term.starts.isoformat(), term.ends.isoformat()] for term in terms.terms.all()],
        }
    if schedule.starts_when_you_sign_up:
        extension["starts_when_you_sign_up"] = True
    if schedule.description != description:
        extension["description"] = schedule.description
    record = {
        "id": schedule_id(sid, schedule),
        "service_id": sid,
        "service_at_location_id": str(oruk.service_at_location_id(service.oruk_id, schedule.location.oruk_id))
        if schedule.location_id
        else None,
        "freq": schedule.freq or None,
        "interval": schedule.interval if schedule.freq else None,
        "byday": schedule.byday.replace(" ", "").upper(),
        "bymonthday": schedule.bymonthday.replace(" ", ""),
        "dtstart": _day(schedule.dtstart),
        "until": _day(schedule.until),
        "valid_from": _day(schedule.valid_from),
        "valid_to": _day(schedule.valid_to),
        "opens_at": _clock(schedule.opens_at),
        "closes_at": _clock(schedule.closes_at),
        "description": description,
        "notes": schedule.notes,
        oruk.EXTENSION: extension,
    }
    return _compact(record)


def service_schedules(service) -> list[dict]:
    """Every schedule of a service, then its opening-times note as a schedule in words."""
    records = [to_oruk(schedule, service) for schedule in service.schedules.all()]
    if service.opening_times_note:
        records.append(
            {
                "id": oruk.child_id(str(service.oruk_id), "schedule", "note"),
                "service_id": str(service.oruk_id),
                "description": service.opening_times_note,
            }
        )
    return records


# --- Reading ----------------------------------------------------------------------


def _date(value):
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None


def _time(value):
    """ "09:00", "09:00:00", "09:00Z" or "09:00+01:00": local clock times, so any offset is dropped."""
    match = re.match(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?", str(value or ""))
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return datetime.time(int(match[1]), int(match[2]), int(match[3] or 0))


def _text(value):
    return str(value).strip() if isinstance(value, str | int | float) else ""


def _interval(value):
    return int(value) if isinstance(value, int | float) and value >= 1 and value == int(value) else 1


def _term_dates(data):
    """Our term dates of that name, made from the record's terms when we have none of that name."""
    name = _text(data.get("name"))[:100]
    if not name:
        return None
    existing = TermDates.objects.filter(name=name).first()
    if existing:
        return existing
    terms = [
        TermPeriod(starts=_date(starts), ends=_date(ends))
        for starts, ends in (pair for pair in data.get("terms") or [] if isinstance(pair, list) and len(pair) == 2)
        if _date(starts) and _date(ends)
    ]
    term_dates = TermDates(name=name, terms=terms)
    term_dates.save()
    return term_dates


def from_oruk(record: dict, location_ids: dict) -> tuple[Schedule | None, list[str], str]:
    """A schedule record as (an unsaved Schedule or None, its words, the problem with it or "").

    `location_ids` maps service_at_location ids to location ids (uuid strings); the schedule's
    `location_oruk_id` holds the location's, for `attach` to resolve once the locations exist.
    """
    extension = record.get(oruk.EXTENSION) if isinstance(record.get(oruk.EXTENSION), dict) else {}
    words = [word for word in (_text(record.get("description")), _text(record.get("notes"))) if word]
    closed = extension.get("kind") == Schedule.Kind.CLOSED
    opens, closes = _time(record.get("opens_at")), _time(record.get("closes_at"))
    freq = _text(record.get("freq")).upper()
    dtstart = _date(record.get("dtstart"))
    if not (closed or opens or closes or record.get("byday") or record.get("bymonthday") or dtstart or freq):
        return None, words, ""
    if freq not in ("", *Schedule.Freq.values):
        return None, words, f"“{freq}” schedules cannot be kept: kept the words as a note."
    description = _text(record.get("description"))
    if "description" in extension:
        description = _text(extension["description"])
    schedule = Schedule(
        kind=Schedule.Kind.CLOSED if closed else Schedule.Kind.OPEN,
        description=description[:200],
        freq=freq,
        interval=_interval(record.get("interval")),
        byday=_text(record.get("byday")).replace(" ", "").upper()[:40],
        bymonthday=_text(record.get("bymonthday")).replace(" ", "")[:40],
        dtstart=dtstart,
        until=_date(record.get("until")),
        valid_from=_date(record.get("valid_from")),
        valid_to=_date(record.get("valid_to")),
        opens_at=opens,
        closes_at=closes,
        starts_when_you_sign_up=bool(extension.get("starts_when_you_sign_up")),
        notes=_text(record.get("notes")),
    )
    if freq == "" and not closed and not schedule.starts_when_you_sign_up and schedule.dtstart is None:
        return None, words, "a schedule without a repeat needs its date (dtstart): kept the words as a note."
    schedule.location_oruk_id = location_ids.get(_text(record.get("service_at_location_id")))
    errors = rule_errors(schedule, feed=True)
    if errors:
        return None, words, "; ".join(f"{name}: {message}" for name, message in errors.items())
    # Term dates are found or made when the schedule is attached: reading a file writes nothing.
    schedule.term_dates_data = extension.get("term_dates") if isinstance(extension.get("term_dates"), dict) else None
    return schedule, [], ""


def read(service: dict, path: str, problems) -> tuple[list[Schedule], list[str]]:
    """A service record's schedules (its own and its locations'), and the words of those that are only words."""
    links = [link for link in service.get("service_at_locations") or [] if isinstance(link, dict)]
    location_ids = {
        _text(link.get("id")): _text((link.get("location") or {}).get("id"))
        for link in links
        if isinstance(link.get("location"), dict)
    }
    found = [(f"{path}.schedules[{i}]", record, "") for i, record in enumerate(service.get("schedules") or [])]
    for i, link in enumerate(links):
        for j, record in enumerate(link.get("schedules") or []):
            found.append((f"{path}.service_at_locations[{i}].schedules[{j}]", record, _text(link.get("id"))))
    schedules, notes = [], []
    for where, record, link_id in found:
        if not isinstance(record, dict):
            continue
        if link_id and not record.get("service_at_location_id"):
            record = {**record, "service_at_location_id": link_id}
        schedule, words, problem = from_oruk(record, location_ids)
        if problem:
            problems.warn(where, problem)
        if schedule is not None:
            schedules.append(schedule)
        notes.extend(word for word in words if word not in notes)
    return schedules, notes


def attach(schedules, locations) -> list[Schedule]:
    """The schedules ready to save: locations from `location_oruk_id` (one we do not have: all sites), term dates."""
    by_id = {str(location.oruk_id): location for location in locations}
    for schedule in schedules:
        schedule.location = by_id.get(_uuid(getattr(schedule, "location_oruk_id", None)))
        if getattr(schedule, "term_dates_data", None):
            schedule.term_dates = _term_dates(schedule.term_dates_data)
    return schedules


def _uuid(value):
    try:
        return str(uuid.UUID(str(value))) if value else None
    except ValueError:
        return None


def fingerprint(page) -> list:
    """What an import compares to tell an update from a no-op."""
    return sorted(str(to_oruk(schedule, page)) for schedule in page.schedules.all())
