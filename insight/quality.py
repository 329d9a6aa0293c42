"""Freshness and quality of the live listings: when each was last checked, which lack what a family needs,
and how the public's reports about listings were dealt with. Counted by SQL aggregation over the counted
services (one row per live service, with what it lacks worked out when it was published)."""

import bisect
import datetime
import statistics
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.utils import timezone

from directory.models import OrganisationPage
from directory.vocabularies import DistrictTag
from insight.counted import ids_of
from insight.models import CountedService
from signposting.models import ListingReport

# (key, what is missing, in words)
MISSING_FACTS = (
    ("no_contact", "No contact route (no phone, email or website)"),
    ("no_opening_times", "No opening times"),
    ("no_age_range", "No age range"),
    ("no_place", "No location and no district served"),
)


def _windows(today):
    return today - relativedelta(months=6), today - relativedelta(months=12)


def _checked_counts(today):
    """Services, and those checked in the last 6 and 12 months: the date is the page's own (some paths
    change it without publishing), joined by primary key."""
    six, twelve = _windows(today)
    return {
        "total": Count("pk"),
        "six": Count("pk", filter=Q(service__last_reviewed__gte=six)),
        "twelve": Count("pk", filter=Q(service__last_reviewed__gte=twelve)),
    }


def freshness_by_provider(today=None):
    """Rows (organisation title, services, checked in 6 months, checked in 12 months), least fresh first."""
    today = today or timezone.localdate()
    rows = CountedService.objects.order_by().values_list("organisation_path").annotate(**_checked_counts(today))
    # Every provider's title in one plain read: cheaper than a query naming thousands of paths.
    titles = dict(OrganisationPage.objects.order_by().values_list("path", "title"))
    result = [(titles.get(path, "(unknown)"), total, six, twelve) for path, total, six, twelve in rows]
    result.sort(key=lambda row: (row[3] / row[1] if row[1] else 1, row[2] / row[1] if row[1] else 1, row[0]))
    return result


def reaching_and_last_checked():
    """[(districts reaching "|id|", day last checked, services)]: one join, read by district and by month.

    Services share a district set and a day in their thousands, so this is a few thousand rows.
    """
    return list(
        CountedService.objects.order_by().values_list("reaching", "service__last_reviewed").annotate(n=Count("pk"))
    )


def freshness_by_district(today=None, groups=None):
    """{district code: (services reaching, checked in 6 months, checked in 12 months)}."""
    today = today or timezone.localdate()
    six, twelve = _windows(today)
    codes = dict(DistrictTag.objects.values_list("pk", "code"))
    counts = defaultdict(lambda: [0, 0, 0])
    for reaching, day, n in reaching_and_last_checked() if groups is None else groups:
        for pk in ids_of(reaching):
            if pk in codes:
                found = counts[codes[pk]]
                found[0] += n
                found[1] += n if day and day >= six else 0
                found[2] += n if day and day >= twelve else 0
    return {code: tuple(found) for code, found in counts.items()}


def overall_freshness(today=None):
    today = today or timezone.localdate()
    return CountedService.objects.order_by().aggregate(**_checked_counts(today))


def checked_by_month(today=None, months=24, groups=None):
    """[(month label, services last checked that month)] for the last `months` months, after "earlier"."""
    today = today or timezone.localdate()
    first = today.replace(day=1) - relativedelta(months=months - 1)
    starts = [first + relativedelta(months=step) for step in range(months)]
    end = starts[-1] + relativedelta(months=1)
    earlier, counts = 0, [0] * months
    for _reaching, day, n in reaching_and_last_checked() if groups is None else groups:
        if day is None or day >= end:
            continue
        if day < first:
            earlier += n
        else:
            counts[bisect.bisect_right(starts, day) - 1] += n
    return [("earlier", earlier)] + [(f"{start:%b %Y}", counts[i]) for i, start in enumerate(starts)]


def missing_facts_counts():
    """{fact key: live services missing it}, the number missing any and the total, from one grouped query."""
    keys = [key for key, _ in MISSING_FACTS]
    counts = dict.fromkeys([*keys, "any", "total"], 0)
    for *flags, n in CountedService.objects.order_by().values_list(*keys).annotate(n=Count("pk")):
        counts["total"] += n
        counts["any"] += n if any(flags) else 0
        for key, flag in zip(keys, flags, strict=True):
            counts[key] += n if flag else 0
    return counts


def listings_missing_facts(limit=None):
    """Live services missing at least one fact: (id, title, [missing keys]) in title order, `limit` at most."""
    keys = [key for key, _ in MISSING_FACTS]
    any_missing = Q()
    for key in keys:
        any_missing |= Q(**{key: True})
    services = CountedService.objects.filter(any_missing).order_by("title", "pk").values_list("pk", "title", *keys)
    if limit:
        services = services[:limit]
    return [(pk, title, [key for key, flag in zip(keys, flags, strict=True) if flag]) for pk, title, *flags in services]


def all_freshness():
    """By provider, by district and by month, together (kept together by the page): two joins, not three."""
    groups = reaching_and_last_checked()
    return freshness_by_provider(), freshness_by_district(groups=groups), checked_by_month(groups=groups)


def reports(period):
    """The public's reports about listings made in the period: open, resolved (fixed or rejected), and days to it."""
    made = ListingReport.objects.filter(created_at__gte=period.start_at, created_at__lt=period.end_before)
    is_open = Q(status__in=ListingReport.OPEN_STATUSES)
    counts = made.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=is_open),
        resolved=Count("pk", filter=~is_open),
    )
    durations = [
        (resolved - created).total_seconds() / 86400
        for created, resolved in made.exclude(is_open)
        .filter(resolved_at__isnull=False)
        .values_list("created_at", "resolved_at")[:50000]
    ]
    counts["median_days"] = round(statistics.median(durations), 1) if durations else None
    by_reason = {
        row["reason"]: (row["n"], row["open"])
        for row in made.order_by().values("reason").annotate(n=Count("pk"), open=Count("pk", filter=is_open))
    }
    counts["by_reason"] = by_reason
    return counts


def today_minus(days):
    return timezone.localdate() - datetime.timedelta(days=days)
