"""Schedules in plain words for the public pages: "Monday 7 December, 10am to 11:30am", "First Monday of the month"."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from directory.schedules import Schedule, now_in_london, parse_byday
from directory.vocabularies import Weekday
from sitewide.lists import joined
from sitewide.templatetags.directory_display import clock_time

register = template.Library()

# "l j E": weekday, day, month in the form a date takes in a sentence (Polish genitive "7 grudnia").
DAY_FORMAT = "l j E"
# Django's Polish catalogue capitalises weekdays (as a calendar heads its columns); inside a sentence Polish
# writes them in lower case: "Otwarte ponownie w poniedziałek 4 stycznia".
LOWER_CASE_WEEKDAYS_IN_A_SENTENCE = {"pl"}


def day_words(day, in_a_sentence=False):
    words = date_format(day, DAY_FORMAT)
    return _in_a_sentence(words) if in_a_sentence else words


def _day_apart(day):
    """The weekday and the date apart, for a sentence whose translation puts them in its own order
    (Polish "od 8 grudnia (wtorek)": the weekday after "od" would need its genitive)."""
    return {"weekday": _in_a_sentence(date_format(day, "l")), "date": date_format(day, "j E")}


def _in_a_sentence(words):
    if (get_language() or "").split("-")[0] in LOWER_CASE_WEEKDAYS_IN_A_SENTENCE:
        return words[:1].lower() + words[1:]
    return words


def hours_words(opens, closes):
    if opens and closes:
        return _("%(opens)s to %(closes)s") % {"opens": clock_time(opens), "closes": clock_time(closes)}
    return ""


@register.simple_tag
def session_words(session, with_place=False):
    """ "Monday 7 December, 10am to 11:30am" (", at Crawley Library" when asked)."""
    words = day_words(session.day)
    hours = hours_words(session.opens, session.closes)
    if hours:
        words = _("%(day)s, %(hours)s") % {"day": words, "hours": hours}
    if with_place and session.location is not None:
        # The place keeps its English name and direction inside a Polish or Arabic sentence.
        place = format_html('<bdi lang="en">{}</bdi>', session.location.name)
        return format_html(_("%(when)s at %(place)s") % {"when": "{}", "place": "{}"}, words, place)
    return words


@register.simple_tag
def closure_words(closure):
    """ "Closed until further notice" or "Closed until 3 January: opens again on Monday 4 January"."""
    if closure.valid_to is None:
        return _("Closed for now, until further notice.")
    reopens = closure.valid_to + datetime.timedelta(days=1)
    return _("Closed until %(last)s. Opens again on %(reopens)s.") % {
        "last": date_format(closure.valid_to, "DATE_FORMAT"),
        "reopens": day_words(reopens, in_a_sentence=True),
    }


def _day_names(byday, monthly):
    names = []
    for day in parse_byday(byday, monthly=monthly):
        name = _in_a_sentence(str(Weekday(day.weekday).label))  # "Co tydzień: poniedziałek"
        if day.n:
            ordinal = {1: _("first"), 2: _("second"), 3: _("third"), 4: _("fourth"), 5: _("fifth"), -1: _("last")}
            name = _("the %(nth)s %(day)s") % {"nth": ordinal.get(day.n, str(day.n)), "day": name}
        names.append(str(name))
    return joined(names)


@register.simple_tag
def rule_words(schedule):  # noqa: C901  (one branch per kind of rule, read top to bottom)
    """The rule as a family reads it: "Every other Tuesday, 9am to 11am, term time only"."""
    if schedule.is_closure:
        start = date_format(schedule.valid_from, "DATE_FORMAT") if schedule.valid_from else ""
        if schedule.valid_to:
            end = date_format(schedule.valid_to, "DATE_FORMAT")
            words = _("Closed %(start)s to %(end)s") % {"start": start, "end": end} if start else _("Closed")
        else:
            words = _("Closed from %(start)s until further notice") % {"start": start}
        return f"{words}: {schedule.description}" if schedule.description else words
    if schedule.starts_when_you_sign_up:
        parts = [_("Starts when you sign up")]
    elif schedule.freq == Schedule.Freq.ONCE:
        parts = [day_words(schedule.dtstart)]
    elif schedule.freq == Schedule.Freq.MONTHLY:
        days = _day_names(schedule.byday, True) if schedule.byday else ""
        if schedule.bymonthday:
            days = _("day %(days)s") % {"days": schedule.bymonthday.replace(",", ", ")}
        if schedule.interval > 1:
            parts = [_("%(days)s of every %(n)s months") % {"days": days, "n": schedule.interval}]
        else:
            parts = [_("%(days)s of the month") % {"days": days}]
        parts[0] = parts[0][:1].upper() + parts[0][1:]
    elif schedule.interval == 2:
        parts = [_("Every other %(days)s") % {"days": _day_names(schedule.byday, False)}]
    elif schedule.interval > 2:
        parts = [
            _("Every %(n)s weeks on %(days)s") % {"n": schedule.interval, "days": _day_names(schedule.byday, False)}
        ]
    else:
        parts = [_("Every %(days)s") % {"days": _day_names(schedule.byday, False)}]
    hours = hours_words(schedule.opens_at, schedule.closes_at)
    if hours:
        parts.append(hours)
    if schedule.term_dates_id:
        parts.append(_("term time only"))
    if schedule.freq and schedule.dtstart and schedule.until:
        parts.append(
            _("from %(weekday)s %(date)s to %(end)s")
            % {**_day_apart(schedule.dtstart), "end": date_format(schedule.until, "DATE_FORMAT")}
        )
    elif schedule.freq and schedule.dtstart and schedule.dtstart > now_in_london().date():
        parts.append(_("from %(weekday)s %(date)s") % _day_apart(schedule.dtstart))
    words = joined(parts)
    return f"{schedule.description}: {words}" if schedule.description else words
