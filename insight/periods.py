"""The period a page counts searches and reports over: chosen by the user, checked, never fewer than 7 days."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

DEFAULT_DAYS = 90
MIN_DAYS = 7
MAX_DAYS = 3 * 366  # three years: longer asks more of the database than anyone needs to read
EARLIEST = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def start_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    @property
    def end_before(self):
        """The first moment after the period (searched_at < end_before)."""
        return timezone.make_aware(datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min))

    def __str__(self):
        return f"{date_format(self.start, 'j M Y')} to {date_format(self.end, 'j M Y')}"

    @property
    def label(self):
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def default_period(today=None):
    today = today or timezone.localdate()
    return Period(today - datetime.timedelta(days=DEFAULT_DAYS - 1), today)


def quarter_period(year, quarter):
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    end = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    return Period(start, end)


def _parse_date(text):
    text = (text or "").strip()
    if not text:
        return None
    return datetime.date.fromisoformat(text[:10]) if len(text) <= 10 else None


def period_from(params, today=None):
    """The period asked for in `params` ("start", "end" as YYYY-MM-DD) and the problems found.

    Anything wrong gives the default period (the last 90 days) and a message saying why, never an error.
    """
    today = today or timezone.localdate()
    default = default_period(today)
    raw_start, raw_end = params.get("start", ""), params.get("end", "")
    if not (raw_start or raw_end):
        return default, []
    try:
        start, end = _parse_date(raw_start), _parse_date(raw_end)
    except (ValueError, TypeError):
        start = end = None
        bad = True
    else:
        bad = (raw_start.strip() and start is None) or (raw_end.strip() and end is None)
    if bad:
        return default, [_("Dates must be written as year-month-day, like 2026-01-31. Showing the last 90 days.")]
    end = end or today
    start = start or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
    problems = []
    if start > end:
        return default, [_("The period must start before it ends. Showing the last 90 days.")]
    if start < EARLIEST or end > today + datetime.timedelta(days=366):
        return default, [_("That period is outside the years the directory has run. Showing the last 90 days.")]
    if end > today:
        end = today
        problems.append(_("The period cannot end in the future, so it ends today."))
        if start > end:
            return default, [_("That period has not started yet. Showing the last 90 days.")]
    if (end - start).days + 1 > MAX_DAYS:
        start = end - datetime.timedelta(days=MAX_DAYS - 1)
        problems.append(_("The longest period shown is three years, so it starts later."))
    if (end - start).days + 1 < MIN_DAYS:
        start = end - datetime.timedelta(days=MIN_DAYS - 1)
        problems.append(
            _("The shortest period shown is 7 days, so it starts earlier: fewer days could point to a person.")
        )
    return Period(start, end), problems
