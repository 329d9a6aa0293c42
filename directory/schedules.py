"""When a service happens: weekly times, recurring rules, dated sessions and courses, closures, in Europe/London.

A `Schedule` is one Open Referral schedule (RFC 5545 recurrence, through python-dateutil's rrule), for one of
the service's locations or for all of them. Rules are expanded to dates, dates to local wall-clock sessions:
"Sunday 10am" stays 10am in London on both sides of a clock change.

Over 400 lines on purpose: recurrence, dated sessions, closures and the clock change all meet in
expanding one schedule, so the time zone is handled in one place.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from directory.schedule_days import DaysWidget
from directory.vocabularies import Weekday

# More sessions than this in a year is a typing mistake (a daily rule meant weekly), not a timetable.
MAX_SESSIONS_A_YEAR = 500
# How far ahead a rule is looked at: to prove it ever happens, and for the search index's dated sessions.
HORIZON = datetime.timedelta(days=400)
# A rule without a first date starts counting here: weekly rules are the same whatever Monday they start on.
EPOCH = datetime.date(2000, 1, 3)  # a Monday
_WEEKDAYS = {day.ical: getattr(rrule, day.ical) for day in Weekday}


def london():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class TermDates(ClusterableModel):
    """A school's or an area's term dates, for sessions that run in term time only."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For example “West Sussex schools 2026 to 2027”."))

    panels = [FieldPanel("name"), InlinePanel("terms", label=_("Term"))]

    class Meta:
        verbose_name = _("term dates")
        verbose_name_plural = _("term dates")

    def __str__(self):
        return self.name

    def contains(self, day):
        return any(term.starts <= day <= term.ends for term in self.terms.all())


class TermPeriod(Orderable):
    """One term (or half term): the first and last school day."""

    term_dates = ParentalKey(TermDates, on_delete=models.CASCADE, related_name="terms")
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))

    panels = [FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")])]

    class Meta(Orderable.Meta):
        ordering = ["starts"]

    def clean(self):
        super().clean()
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": _("The last day must be on or after the first day.")})


class Schedule(Orderable):
    """When the service is on (or closed): at one of its locations, or at all of them when none is chosen."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Open, or sessions")
        CLOSED = "closed", _("Closed")

    class Freq(models.TextChoices):
        ONCE = "", _("One date only")
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")

    service = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="schedules")
    location = models.ForeignKey(
        "directory.Location",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
        verbose_name=_("location"),
        help_text=_("Empty: the same at every location. Save a new location before choosing it."),
    )
    kind = models.CharField(
        _("open or closed"),
        max_length=6,
        choices=Kind.choices,
        default=Kind.OPEN,
        help_text=_("Closed: give only what it is and the days under “valid from” and “valid to”."),
    )
    description = models.CharField(
        _("what it is"), max_length=200, blank=True, help_text=_("For example “Stay and play” or “Christmas”.")
    )
    freq = models.CharField(_("repeats"), max_length=7, choices=Freq.choices, default=Freq.WEEKLY, blank=True)
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("1 for every week or month, 2 for every other one."),
    )
    byday = models.CharField(
        _("days"),
        max_length=40,
        blank=True,
        help_text=_("Monthly on a weekday: tick the weeks too, e.g. First and Monday for the first Monday."),
    )
    bymonthday = models.CharField(
        _("days of the month"), max_length=40, blank=True, help_text=_("Monthly: 1 for the 1st, 1,15 for twice.")
    )
    dtstart = models.DateField(
        _("first date"), null=True, blank=True, help_text=_("Needed for one date, courses and every other week.")
    )
    until = models.DateField(_("last date"), null=True, blank=True)
    opens_at = models.TimeField(_("from"), null=True, blank=True)
    closes_at = models.TimeField(_("until"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True, help_text=_("Closed: the first day closed."))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Closed: the last day closed; empty until further notice.")
    )
    term_dates = models.ForeignKey(
        TermDates,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="schedules",
        verbose_name=_("term time only"),
        help_text=_("Choose term dates when the sessions run in term time only."),
    )
    starts_when_you_sign_up = models.BooleanField(
        _("starts when you sign up"), default=False, help_text=_("A course with no fixed start date.")
    )
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("location"), FieldPanel("description")]),
        FieldRowPanel([FieldPanel("freq"), FieldPanel("interval")]),
        FieldPanel("byday", widget=DaysWidget),
        FieldPanel("bymonthday"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("dtstart"), FieldPanel("until")]),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
        MultiFieldPanel([FieldPanel("term_dates"), FieldPanel("starts_when_you_sign_up"), FieldPanel("notes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("schedule")

    def __str__(self):
        return self.description or f"{self.freq or 'ONCE'} {self.byday} {self.opens_at}-{self.closes_at}"

    def save(self, *args, **kwargs):
        # A location added in the same edit may not be saved yet when the page saves its schedules.
        location = self.location if self.location_id is None else None
        if location is not None and location.pk is None:
            location.service = self.service
            location.save()
            self.location = location
        return super().save(*args, **kwargs)

    @property
    def is_closure(self):
        return self.kind == self.Kind.CLOSED

    @property
    def is_weekly(self):
        """Every week on some days, no month days: what the search index keeps as weekday rows."""
        return self.kind == self.Kind.OPEN and self.freq == self.Freq.WEEKLY and not self.bymonthday

    def clean(self):
        super().clean()
        errors = rule_errors(self)
        if errors:
            raise ValidationError(errors)

    # --- Expanding --------------------------------------------------------------------

    def first_day(self):
        return max(day for day in (self.dtstart, self.valid_from, EPOCH) if day)

    def last_day(self):
        ends = [day for day in (self.until, self.valid_to) if day]
        return min(ends) if ends else None

    def rule(self, after=None):
        """The dateutil rule for this schedule (never None for an open schedule that has dates)."""
        start = self.dtstart or self.valid_from or EPOCH
        until = self.last_day()
        until = datetime.datetime.combine(until, datetime.time()) if until else None
        dtstart = datetime.datetime.combine(start, datetime.time())
        if self.freq == self.Freq.ONCE:
            return rrule.rrule(rrule.DAILY, dtstart=dtstart, count=1)
        kwargs = {"dtstart": dtstart, "until": until, "interval": self.interval or 1}
        if self.byday:
            kwargs["byweekday"] = parse_byday(self.byday, monthly=self.freq == self.Freq.MONTHLY)
        if self.bymonthday:
            kwargs["bymonthday"] = parse_bymonthday(self.bymonthday)
        freq = rrule.WEEKLY if self.freq == self.Freq.WEEKLY else rrule.MONTHLY
        return rrule.rrule(freq, **kwargs)

    def dates(self, start, end):
        """The days (datetime.date) it happens from `start` to `end`, both included; term time applied."""
        if self.is_closure or self.starts_when_you_sign_up:
            return []
        low = max(start, self.first_day())
        high = min(end, self.last_day() or end)
        if high < low:
            return []
        found = self.rule().between(
            datetime.datetime.combine(low, datetime.time()), datetime.datetime.combine(high, datetime.time()), inc=True
        )
        days = [moment.date() for moment in found]
        if self.term_dates_id:
            days = [day for day in days if self.term_dates.contains(day)]
        return days

    def covers(self, day):
        """A closure: whether `day` is one of its closed days."""
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


# --- Reading rules --------------------------------------------------------------------


def parse_byday(text, *, monthly=False):
    """ "MO,WE" -> [MO, WE]; monthly "1MO,-1FR" -> [MO(+1), FR(-1)]. ValueError naming the part that is wrong."""
    days = []
    for part in (piece.strip().upper() for piece in text.split(",")):
        if not part:
            continue
        code, nth = part[-2:], part[:-2]
        if code not in _WEEKDAYS:
            raise ValueError(_("“%(part)s” is not a day: use MO, TU, WE, TH, FR, SA or SU.") % {"part": part})
        if nth:
            if not monthly:
                raise ValueError(_("“%(part)s”: a number before the day is for monthly rules.") % {"part": part})
            try:
                number = int(nth)
            except ValueError:
                raise ValueError(_("“%(part)s” is not a day of the month such as 1MO.") % {"part": part}) from None
            if number == 0 or not -5 <= number <= 5:
                raise ValueError(_("“%(part)s”: the week must be 1 to 5, or -1 for the last.") % {"part": part})
            days.append(_WEEKDAYS[code](number))
        else:
            days.append(_WEEKDAYS[code])
    return days


def parse_bymonthday(text):
    days = []
    for part in (piece.strip() for piece in text.split(",")):
        if not part:
            continue
        try:
            number = int(part)
        except ValueError:
            raise ValueError(_("“%(part)s” is not a day of the month.") % {"part": part}) from None
        if number == 0 or not -31 <= number <= 31:
            raise ValueError(_("“%(part)s”: days of the month are 1 to 31 (or -1 for the last).") % {"part": part})
        days.append(number)
    return days


# Two checks speak of the form's ticks; a feed's import report says the same in the feed's own terms.
FEED_WORDS = {
    "weeks_in_weekly": "weeks of the month (as in 1MO or -1FR) are for a MONTHLY freq, not WEEKLY",
    "no_days": "give the days (byday) or the days of the month (bymonthday)",
}


def rule_errors(schedule, feed=False) -> dict:  # noqa: C901  (one check per way a rule can be impossible, in order)
    """Field name -> what to fix, for a rule that cannot be (end before start, no days, never happens).

    feed: for an ORUK import's report, which names the feed's fields rather than the form's ticks.
    """
    errors = {}
    s = schedule
    if s.opens_at and s.closes_at and s.opens_at >= s.closes_at:
        errors["closes_at"] = _("The finishing time must be after the starting time.")
    if bool(s.opens_at) != bool(s.closes_at) and s.kind == Schedule.Kind.OPEN:
        errors["closes_at" if s.opens_at else "opens_at"] = _("Give both times, or neither.")
    if s.dtstart and s.until and s.until < s.dtstart:
        errors["until"] = _("The last date must be on or after the first date.")
    if s.valid_from and s.valid_to and s.valid_to < s.valid_from:
        errors["valid_to"] = _("“Valid to” must be on or after “valid from”.")
    if s.kind == Schedule.Kind.CLOSED:
        if not (s.valid_from or s.valid_to):
            errors["valid_from"] = _("Give the first day closed (and the last, if you know it).")
        return errors
    if s.starts_when_you_sign_up:
        return errors
    if s.freq == Schedule.Freq.ONCE:
        if not s.dtstart:
            errors["dtstart"] = _("Give the date of the session.")
        return errors
    if s.freq == Schedule.Freq.WEEKLY and any(part.strip()[:-2].lstrip("-").isdigit() for part in s.byday.split(",")):
        errors["byday"] = (
            FEED_WORDS["weeks_in_weekly"]
            if feed
            else _("Weeks of the month are for monthly schedules: choose “Monthly”, or untick the weeks.")
        )
        return errors
    try:
        days = parse_byday(s.byday, monthly=s.freq == Schedule.Freq.MONTHLY)
    except ValueError as error:
        errors["byday"] = str(error)
        days = None
    try:
        month_days = parse_bymonthday(s.bymonthday)
    except ValueError as error:
        errors["bymonthday"] = str(error)
        month_days = None
    if days == [] and month_days == []:
        errors["byday"] = FEED_WORDS["no_days"] if feed else _("Tick the days it happens on.")
    if month_days and s.freq == Schedule.Freq.WEEKLY:
        errors["bymonthday"] = _("Days of the month are for monthly rules: choose “Monthly”, or use days.")
    if (s.interval or 1) > 1 and not s.dtstart:
        errors["dtstart"] = _("Give the first date, so “every %(n)s” knows where to count from.") % {"n": s.interval}
    if errors:
        return errors
    start = s.first_day()
    end = s.last_day() or start + HORIZON
    if not s.dates(start, min(end, start + HORIZON)) and not s.dates(start, end):
        errors["byday"] = _("These dates and days never happen together: check the days and the first and last date.")
    return errors


# --- Sessions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    """One time the service is on, in London wall-clock time."""

    day: datetime.date
    opens: datetime.time | None
    closes: datetime.time | None
    location: object  # a Location, or None for every location / none
    schedule: Schedule

    @property
    def starts(self):
        return datetime.datetime.combine(self.day, self.opens or datetime.time(), tzinfo=london())

    @property
    def ends(self):
        if self.closes is None:
            return self.starts + datetime.timedelta(days=1)
        return datetime.datetime.combine(self.day, self.closes, tzinfo=london())


def closures_for(schedules, location):
    """The closures that apply at `location`: the whole service's, and that location's own (None: the service's)."""
    return [
        s
        for s in schedules
        if s.is_closure and (s.location_id is None or (location is not None and s.location_id == location.pk))
    ]


def sessions(schedules, start, end, location=None):
    """Every session from `start` to `end` (dates), at `location` (None: the service's own, all-sites ones)."""
    schedules = list(schedules)
    closures = closures_for(schedules, location)
    found = []
    for schedule in schedules:
        if schedule.is_closure:
            continue
        if location is not None and schedule.location_id not in (None, location.pk):
            continue
        for day in schedule.dates(start, end):
            if any(closure.covers(day) for closure in closures):
                continue
            found.append(Session(day, schedule.opens_at, schedule.closes_at, location or schedule.location, schedule))
    return sorted(found, key=lambda session: (session.day, session.opens or datetime.time()))


def now_in_london(now=None):
    return timezone.localtime(now or timezone.now(), london())


def upcoming(schedules, location=None, *, now=None, count=3):
    """The next `count` sessions at a location, from now (a session on now still counts)."""
    moment = now_in_london(now)
    today = moment.date()
    found = [s for s in sessions(schedules, today, today + HORIZON, location) if s.ends > moment]
    return found[:count]


def closed_now(schedules, location=None, *, now=None):
    """The closure that covers today at this location (None when open as usual)."""
    today = now_in_london(now).date()
    return next((closure for closure in closures_for(schedules, location) if closure.covers(today)), None)


def open_at(schedules, moment, location=None):
    moment = now_in_london(moment)
    return any(
        s.starts <= moment < s.ends for s in sessions(schedules, moment.date(), moment.date(), location) if s.opens
    )


@dataclass(frozen=True)
class SiteSessions:
    """What a family needs to plan a visit to one site: its next sessions, or that it is closed for now."""

    location: object
    sessions: list
    closure: Schedule | None
    rules: list  # the schedules that apply there, closures included, for the rules in words


def by_site(schedules, locations, *, now=None, count=3):
    """The next sessions per site (one entry with location None for a service without locations)."""
    schedules = list(schedules)
    sites = list(locations) or [None]
    return [
        SiteSessions(
            site,
            upcoming(schedules, site, now=now, count=count),
            closed_now(schedules, site, now=now),
            [s for s in schedules if site is None or s.location_id in (None, site.pk)],
        )
        for site in sites
    ]


def sessions_a_year(schedules, start=None):
    """How many sessions the schedules hold in the year from `start` (for the sanity limit)."""
    start = start or now_in_london().date()
    end = start + datetime.timedelta(days=364)  # 365 days, both ends included
    return sum(len(s.dates(start, end)) for s in schedules if not s.is_closure)


def check_load(schedules):
    """An error message when the schedules together hold more sessions in a year than a timetable could."""
    total = sessions_a_year(schedules)
    if total > MAX_SESSIONS_A_YEAR:
        return _(
            "These schedules add up to %(count)s sessions in a year (more than %(limit)s): check the days and "
            "how often each repeats."
        ) % {"count": total, "limit": MAX_SESSIONS_A_YEAR}
    return ""


def weekly_openings(service):
    """The weekly opening hours as (weekday, opens, closes) rows, for readers that only know weeks (SEO)."""
    rows = set()
    for schedule in service.schedules.all():
        if schedule.is_weekly and schedule.interval == 1 and schedule.opens_at and not schedule.term_dates_id:
            for day in parse_byday(schedule.byday):
                rows.add((day.weekday, schedule.opens_at, schedule.closes_at))
    return [WeeklyOpening(*row) for row in sorted(rows)]


@dataclass(frozen=True)
class WeeklyOpening:
    weekday: int
    opens: datetime.time
    closes: datetime.time

    @property
    def get_weekday_display(self):
        return Weekday(self.weekday).label


def weekly(weekday, opens, closes, location=None, **fields):
    """An unsaved weekly schedule: every `weekday` (0 = Monday, or days as "MO,WE") from `opens` to `closes`."""
    return Schedule(
        freq=Schedule.Freq.WEEKLY,
        byday=weekday if isinstance(weekday, str) else Weekday(weekday).ical,
        opens_at=opens,
        closes_at=closes,
        location=location,
        **fields,
    )


# --- For the search index --------------------------------------------------------------

# The open-ended ends of a weekly opening's validity, as the index stores them.
FOREVER = (datetime.date.min, datetime.date.max)
# "After 6pm": a session still going on after this time.
EVENING = datetime.time(18)


def _minus(start, end, closures):
    """The parts of [start, end] no closure covers."""
    parts = [(start, end)]
    for closure in closures:
        low, high = closure.valid_from or datetime.date.min, closure.valid_to or datetime.date.max
        kept = []
        for a, b in parts:
            if high < a or b < low:
                kept.append((a, b))
                continue
            if a < low:
                kept.append((a, low - datetime.timedelta(days=1)))
            if high < b:
                kept.append((high + datetime.timedelta(days=1), b))
        parts = kept
    return parts


def index_openings(schedules, today):
    """The rows the search index keeps: (weekday, opens, closes, valid_from, valid_to, date or None).

    A plain weekly rule is one row per weekday, valid between its dates less its closures, so it never goes
    stale; every other rule (monthly, every other week, term time, one date) is one row per session in the
    HORIZON after `today`, which a rebuild of the index moves on. Sessions without times open at midnight
    and close at midnight: on a date, never open now nor after 6pm.
    """
    schedules = list(schedules)
    rows = []
    for schedule in schedules:
        if schedule.is_closure or schedule.starts_when_you_sign_up:
            continue
        closures = closures_for(schedules, schedule.location)
        opens, closes = schedule.opens_at or datetime.time(), schedule.closes_at or datetime.time()
        if schedule.is_weekly and schedule.interval == 1 and not schedule.term_dates_id:
            weekdays = sorted({day.weekday for day in parse_byday(schedule.byday)})
            for low, high in _minus(schedule.first_day(), schedule.last_day() or datetime.date.max, closures):
                rows += [(weekday, opens, closes, low, high, None) for weekday in weekdays]
            continue
        for day in schedule.dates(today, today + HORIZON):
            if not any(closure.covers(day) for closure in closures):
                rows.append((day.weekday(), opens, closes, day, day, day))
    return rows
