"""The days of a schedule as ticks in the back office, stored as the RFC 5545 BYDAY text ORUK exchanges.

Providers were asked to type "MO,TU" or "1MO" and got it wrong. They now tick days (Monday to Sunday) and,
for a monthly schedule, weeks of the month (first to fourth, last): "first" and "third" with "Monday" is
"1MO,3MO". A rule the ticks cannot say (the first Monday and the last Friday, from an import) is shown as
the text it is, to keep or edit by hand, so nothing is lost by opening the form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.vocabularies import Weekday

# Weeks of the month as RFC 5545 numbers them; the fifth is rare and reads as "last" to families.
WEEKS = [(1, _("First")), (2, _("Second")), (3, _("Third")), (4, _("Fourth")), (-1, _("Last"))]
DAY_CODES = [day.ical for day in Weekday]


def read_days(text):
    """(weeks, days) ticked for a BYDAY text, or None when ticks cannot say it (or it is not BYDAY at all)."""
    pairs = set()
    for part in (piece.strip().upper() for piece in (text or "").split(",")):
        if not part:
            continue
        code, number = part[-2:], part[:-2]
        if code not in DAY_CODES:
            return None
        try:
            week = int(number) if number else None
        except ValueError:
            return None
        if week is not None and week not in dict(WEEKS):
            return None
        pairs.add((week, code))
    weeks = {week for week, _code in pairs}
    days = {code for _week, code in pairs}
    if None in weeks and len(weeks) > 1:
        return None  # "MO,1TU": every Monday and the first Tuesday
    if pairs != {(week, code) for week in weeks for code in days}:
        return None  # "1MO,-1FR": not every week with every day
    return sorted(weeks - {None}, key=[week for week, _ in WEEKS].index), sorted(days, key=DAY_CODES.index)


def write_days(weeks, days):
    """The BYDAY text for the weeks and days ticked, in calendar order: "1MO,1WE,3MO,3WE"."""
    days = [code for code in DAY_CODES if code in days]
    weeks = [week for week, _label in WEEKS if str(week) in {str(chosen) for chosen in weeks}]
    if not weeks:
        return ",".join(days)
    return ",".join(f"{week}{code}" for week in weeks for code in days)


class DaysWidget(forms.Widget):
    """Seven day ticks and five week ticks (monthly only); text when the stored rule is beyond them."""

    # Wagtail labels the field "Days" with the id "<id>-label"; the ticks are a group named by it.
    template_name = "directory/widgets/schedule_days.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ticked = read_days(value)
        context["widget"]["as_text"] = ticked is None
        if ticked is not None:
            weeks, days = ticked
            context["widget"]["days"] = [(day.ical, day.label, day.ical in days) for day in Weekday]
            context["widget"]["weeks"] = [(week, label, week in weeks) for week, label in WEEKS]
        return context

    def value_from_datadict(self, data, files, name):
        if name in data:  # the text box, shown for a rule the ticks cannot say (and what imports and tests post)
            return data.get(name)
        ticks = getattr(data, "getlist", lambda key: [data[key]] if key in data else [])
        return write_days(ticks(f"{name}_week"), ticks(f"{name}_day"))

    def value_omitted_from_data(self, data, files, name):
        # Nothing ticked sends nothing: that is an answer ("no days"), not a field left out of the form.
        return False
