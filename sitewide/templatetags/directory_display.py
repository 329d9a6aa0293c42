"""Data the directory's public templates need beyond what the pages' get_context gives them."""

import json

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def map_locations(locations):
    """The geocoded locations as JSON for the map script: [{"lat", "lon", "name"}]."""
    points = [
        {"lat": location.latitude, "lon": location.longitude, "name": location.name}
        for location in locations
        # A confidential site (a refuge) has no pin on any map.
        if location.latitude is not None and location.longitude is not None and not location.confidential
    ]
    return json.dumps(points) if points else ""


@register.simple_tag
def age_range(service):
    """Ages in words: "Ages 5 to 11", "Ages 16 and over", "Up to age 4"."""
    low, high = service.min_age, service.max_age
    if low is not None and high is not None:
        if low == high:
            return _("Age %(age)s") % {"age": low}
        return _("Ages %(min)s to %(max)s") % {"min": low, "max": high}
    if low is not None:
        return _("Ages %(min)s and over") % {"min": low}
    if high is not None:
        return _("Up to age %(max)s") % {"max": high}
    return ""


@register.simple_tag
def run_dates(service):
    """When a time-limited programme runs: "Runs from 21 July 2026 to 29 August 2026"."""
    start = date_format(service.start_date, "DATE_FORMAT") if service.start_date else ""
    end = date_format(service.end_date, "DATE_FORMAT") if service.end_date else ""
    if start and end:
        return _("Runs from %(start)s to %(end)s") % {"start": start, "end": end}
    if start:
        return _("Starts on %(start)s") % {"start": start}
    if end:
        return _("Runs until %(end)s") % {"end": end}
    return ""


@register.filter
def clock_time(value):
    """A time the GOV.UK way in English ("9am", "5:30pm", "midday"), 24-hour ("17:30") otherwise."""
    if value is None:
        return ""
    if not (get_language() or "en").startswith("en"):
        return value.strftime("%H:%M")
    if value.minute == 0 and value.hour == 12:
        return _("midday")
    if value.minute == 0 and value.hour == 0:
        return _("midnight")
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


@register.simple_tag
def breadcrumb_pages(page):
    """The live pages above this one, from the site's home page down."""
    return list(page.get_ancestors().filter(depth__gte=2).live())
