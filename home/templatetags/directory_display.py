"""Data the directory's public templates need beyond what the pages' get_context gives them."""

import json

from django import template
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from directory.models import ServicePage

register = template.Library()

# Wagtail (treebeard) page paths grow by four characters per level of the tree.
PATH_STEP = 4


@register.simple_tag
def organisations_a_to_z(organisations):
    """The organisations grouped by first letter, each with its count of live services, in one query."""
    organisations = list(organisations)
    counts = {}
    if organisations:
        parent_length = len(organisations[0].path)
        rows = (
            ServicePage.objects.live()
            .public()
            .filter(depth=organisations[0].depth + 1)
            .annotate(parent_path=Substr("path", 1, parent_length))
            .filter(parent_path__in=[organisation.path for organisation in organisations])
            # Pages are ordered by path by default, which would split the groups: clear it.
            .order_by()
            .values("parent_path")
            .annotate(services=Count("id"))
        )
        counts = {row["parent_path"]: row["services"] for row in rows}
    groups = {}
    for organisation in sorted(organisations, key=lambda page: page.title.casefold()):
        letter = organisation.title[:1].upper()
        letter = letter if letter.isalpha() else "#"
        groups.setdefault(letter, []).append({"page": organisation, "services": counts.get(organisation.path, 0)})
    return [{"letter": letter, "organisations": rows} for letter, rows in groups.items()]


@register.simple_tag
def service_vocabularies(service):
    """The service's terms in each vocabulary, in the vocabulary's own order."""
    return {
        "age_bands": sorted(service.age_bands.all(), key=_vocabulary_order),
        "need_levels": sorted(service.need_levels.all(), key=lambda tag: tag.level),
        "outcomes": sorted(service.outcomes.all(), key=_vocabulary_order),
        "districts_served": sorted(service.districts_served.all(), key=_vocabulary_order),
        "topics": sorted(service.topics.all(), key=lambda tag: tag.name.casefold()),
    }


def _vocabulary_order(tag):
    return (tag.order, tag.name)


@register.simple_tag
def map_locations(locations):
    """The geocoded locations as JSON for the map script: [{"lat", "lon", "name"}]."""
    points = [
        {"lat": location.latitude, "lon": location.longitude, "name": location.name}
        for location in locations
        if location.latitude is not None and location.longitude is not None
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
    start = date_format(service.start_date, "j F Y") if service.start_date else ""
    end = date_format(service.end_date, "j F Y") if service.end_date else ""
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
