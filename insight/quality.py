"""Freshness and quality of the live listings: when each was last checked, which lack what a family needs,
and how the public's reports about listings were dealt with. Counted by SQL aggregation."""

import datetime
import statistics

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone

from directory.models import Location, OrganisationPage, Schedule
from directory.vocabularies import ServiceDistrict
from insight.coverage import live_q, live_services
from signposting.models import ListingReport

# (key, what is missing, in words)
MISSING_FACTS = (
    ("no_contact", "No contact route (no phone, email or website)"),
    ("no_opening_times", "No opening times"),
    ("no_age_range", "No age range"),
    ("no_place", "No location and no district served"),
)


def _checked_counts(queryset, today):
    six, twelve = today - relativedelta(months=6), today - relativedelta(months=12)
    return {
        "total": Count("pk"),
        "six": Count("pk", filter=Q(last_reviewed__gte=six)),
        "twelve": Count("pk", filter=Q(last_reviewed__gte=twelve)),
    }


def freshness_by_provider(today=None):
    """Rows (organisation title, services, checked in 6 months, checked in 12 months), least fresh first."""
    today = today or timezone.localdate()
    services = live_services()
    # A service's organisation is its parent page: group on the parent's path, one query.
    rows = (
        services.order_by()
        .annotate(parent_path=Substr("path", 1, Length("path") - 4))
        .values("parent_path")
        .annotate(**_checked_counts(services, today))
    )
    rows = list(rows)
    titles = dict(
        OrganisationPage.objects.filter(path__in=[row["parent_path"] for row in rows]).values_list("path", "title")
    )
    result = [(titles.get(row["parent_path"], "(unknown)"), row["total"], row["six"], row["twelve"]) for row in rows]
    result.sort(key=lambda row: (row[3] / row[1] if row[1] else 1, row[2] / row[1] if row[1] else 1, row[0]))
    return result


def freshness_by_district(today=None):
    """{district code: (services reaching, checked in 6 months, checked in 12 months)}."""
    today = today or timezone.localdate()
    six, twelve = today - relativedelta(months=6), today - relativedelta(months=12)
    rows = (
        ServiceDistrict.objects.filter(live_q("content_object__"))
        .order_by()
        .values("tag__code")
        .annotate(
            # District tag rows are unique per service: no DISTINCT needed.
            total=Count("content_object_id"),
            six=Count("content_object_id", filter=Q(content_object__last_reviewed__gte=six)),
            twelve=Count("content_object_id", filter=Q(content_object__last_reviewed__gte=twelve)),
        )
    )
    return {row["tag__code"]: (row["total"], row["six"], row["twelve"]) for row in rows}


def overall_freshness(today=None):
    today = today or timezone.localdate()
    services = live_services()
    return services.order_by().aggregate(**_checked_counts(services, today))


def checked_by_month(today=None, months=24):
    """[(month label, services last checked that month)] for the last `months` months, after "earlier".

    One query of conditional counts (truncating each date would run a Python function per row on SQLite).
    """
    today = today or timezone.localdate()
    first = today.replace(day=1) - relativedelta(months=months - 1)
    starts = [first + relativedelta(months=step) for step in range(months)]
    bounds = [*starts, starts[-1] + relativedelta(months=1)]
    counts = (
        live_services()
        .order_by()
        .aggregate(
            earlier=Count("pk", filter=Q(last_reviewed__lt=first)),
            **{
                f"m{i}": Count("pk", filter=Q(last_reviewed__gte=bounds[i], last_reviewed__lt=bounds[i + 1]))
                for i in range(months)
            },
        )
    )
    return [("earlier", counts["earlier"])] + [(f"{start:%b %Y}", counts[f"m{i}"]) for i, start in enumerate(starts)]


def _missing_annotations():
    has_location = Exists(Location.objects.filter(service_id=OuterRef("pk")))
    has_opening = Exists(Schedule.objects.filter(service_id=OuterRef("pk"), kind=Schedule.Kind.OPEN))
    has_served = Exists(live_services().model.districts_served.through.objects.filter(servicepage_id=OuterRef("pk")))
    return {
        "no_contact": Q(phone="", email="", website=""),
        "no_opening_times": Q(~Q(has_opening), opening_times_note=""),
        "no_age_range": Q(min_age__isnull=True, max_age__isnull=True),
        "no_place": Q(~Q(has_location), ~Q(has_served)),
    }


def missing_facts_counts():
    """{fact key: live services missing it}, and the number missing any, in one query."""
    conditions = _missing_annotations()
    any_missing = Q()
    for condition in conditions.values():
        any_missing |= condition
    aggregates = {key: Count("pk", filter=condition) for key, condition in conditions.items()}
    aggregates["any"] = Count("pk", filter=any_missing)
    aggregates["total"] = Count("pk")
    return live_services().order_by().aggregate(**aggregates)


def listings_missing_facts(limit=None):
    """Live services missing at least one fact: (id, title, [missing keys]) in title order, `limit` at most."""
    conditions = _missing_annotations()
    from django.db.models import BooleanField, ExpressionWrapper

    annotated = live_services().annotate(
        **{key: ExpressionWrapper(condition, output_field=BooleanField()) for key, condition in conditions.items()}
    )
    any_missing = Q()
    for key in conditions:
        any_missing |= Q(**{key: True})
    services = annotated.filter(any_missing).order_by("title").only("id", "title")
    if limit:
        services = services[:limit]
    return [(service.pk, service.title, [key for key in conditions if getattr(service, key)]) for service in services]


def all_freshness():
    """By provider, by district and by month, together (kept together by the page)."""
    return freshness_by_provider(), freshness_by_district(), checked_by_month()


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
