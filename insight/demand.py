"""Demand beside supply, from the search log: what families searched for, where, and what found nothing.

Searches are grouped in SQL (by day, by district, by words and district); Python then reads the
grouped rows only (a few thousand at most), never one row per search. A search "is about" a topic
when the topic's name, or one of its synonyms, is among the words searched.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone
from taggit.models import Tag

from directory.vocabularies import DistrictTag, ServiceDistrict, ServiceTopic
from insight.coverage import live_services
from search.models import SearchLogEntry
from search.synonyms import expand

# How many grouped rows of words a page reads at most: the rarest phrases beyond it are left out.
MAX_WORD_GROUPS = 20000


def searches_in(period):
    return SearchLogEntry.objects.filter(searched_at__gte=period.start_at, searched_at__lt=period.end_before)


def _words(text):
    return f" {' '.join((text or '').lower().split())} "


def topics_of(text, topic_names):
    """The topics (lower-case names) a search's words are about, synonyms included."""
    words = _words(text)
    alternatives = [words, *(f" {phrase} " for phrase in expand(text or ""))]
    return {name for name in topic_names if any(f" {name} " in phrase for phrase in alternatives)}


@dataclass
class Demand:
    total: int
    zero: int
    by_district: dict  # code -> (searches, found nothing)
    by_topic: Counter  # topic name -> searches
    by_topic_district: Counter  # (topic, code) -> searches
    over_time: list  # [(label, searches)]
    zero_words: list  # [(words, district code, searches)]
    topic_names: dict  # lower-case name -> display name


def _bucket_starts(period):
    """Weeks (from Monday) for periods up to half a year, else months; the first may start before the period."""
    weekly = period.days <= 183
    cursor = period.start - datetime.timedelta(days=period.start.weekday()) if weekly else period.start.replace(day=1)
    starts = []
    while cursor <= period.end:
        starts.append(cursor)
        cursor = (
            cursor + datetime.timedelta(days=7)
            if weekly
            else (cursor.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        )
    return weekly, starts


def _over_time(entries, period):
    """[(label, searches)] per week or month, counted in one SQL query of conditional counts.

    (Truncating each row's date would call a Python function per row on SQLite: seconds at a year.)
    """
    weekly, starts = _bucket_starts(period)
    bounds = [max(start, period.start) for start in starts] + [period.end + datetime.timedelta(days=1)]
    aware = [timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) for day in bounds]
    counts = entries.aggregate(
        **{
            f"b{i}": Count("id", filter=Q(searched_at__gte=aware[i], searched_at__lt=aware[i + 1]))
            for i in range(len(starts))
        }
    )
    label = (lambda d: f"w/c {d:%d %b %Y}") if weekly else (lambda d: f"{d:%b %Y}")
    return [(label(start), counts[f"b{i}"] or 0) for i, start in enumerate(starts)]


def demand(period):
    entries = searches_in(period)
    totals = entries.aggregate(total=Count("id"), zero=Count("id", filter=Q(result_count=0)))
    by_district = {
        row["district_code"]: (row["n"], row["zero"])
        for row in entries.order_by()
        .values("district_code")
        .annotate(n=Count("id"), zero=Count("id", filter=Q(result_count=0)))
    }
    topic_names = {name.lower(): name for name in topic_name_list()}
    by_topic, by_topic_district, zero_words = Counter(), Counter(), []
    grouped = (
        entries.order_by()
        .annotate(words=Lower("text"))
        .values("words", "district_code")
        .annotate(n=Count("id"), zero=Count("id", filter=Q(result_count=0)))
        .order_by("-n")[:MAX_WORD_GROUPS]
    )
    matched = {}
    for row in grouped:
        words = row["words"]
        if words not in matched:
            matched[words] = topics_of(words, topic_names)
        for topic in matched[words]:
            by_topic[topic] += row["n"]
            by_topic_district[(topic, row["district_code"])] += row["n"]
        if row["zero"] and words.strip():
            zero_words.append((words, row["district_code"], row["zero"]))
    zero_words.sort(key=lambda item: (-item[2], item[0], item[1]))
    return Demand(
        total=totals["total"],
        zero=totals["zero"],
        by_district=by_district,
        by_topic=by_topic,
        by_topic_district=by_topic_district,
        over_time=_over_time(entries, period),
        zero_words=zero_words,
        topic_names=topic_names,
    )


def topic_name_list():
    return list(
        Tag.objects.filter(directory_servicetopic_items__isnull=False).values_list("name", flat=True).distinct()
    )


def supply_by_topic():
    """{lower-case topic: live services tagged with it} and the number of live services with any topic."""
    rows = (
        ServiceTopic.objects.filter(content_object_id__in=live_services().values("pk"))
        .order_by()
        .values("tag__name")
        .annotate(n=Count("content_object_id", distinct=True))
    )
    counts = Counter()
    for row in rows:
        counts[row["tag__name"].lower()] += row["n"]
    return counts


def supply_by_district():
    """{district code: live services reaching it (located there or serving it)}."""
    rows = (
        ServiceDistrict.objects.filter(content_object_id__in=live_services().values("pk"))
        .order_by()
        .values("tag__code")
        .annotate(n=Count("content_object_id", distinct=True))
    )
    return {row["tag__code"]: row["n"] for row in rows}


def district_names():
    return dict(DistrictTag.objects.order_by("order", "name").values_list("code", "name"))


def gaps(search_counts, service_counts):
    """Rows (key, searches, search share %, services, service share %, ratio) sorted most searched, least offered.

    The ratio is search share over service share: 3.0 means three times as much of the searching as of
    the offer. A key with searches and no services at all comes first (ratio None, shown as "no services").
    """
    search_total = sum(search_counts.values())
    service_total = sum(service_counts.values())
    rows = []
    for key in set(search_counts) | set(service_counts):
        searches, services = search_counts.get(key, 0), service_counts.get(key, 0)
        search_share = 100 * searches / search_total if search_total else 0.0
        service_share = 100 * services / service_total if service_total else 0.0
        ratio = search_share / service_share if service_share else None
        rows.append((key, searches, search_share, services, service_share, ratio))
    rows.sort(key=lambda row: (row[5] is not None, -(row[5] or 0), -row[1], str(row[0])))
    return rows


def group_by_district(zero_words):
    grouped = defaultdict(int)
    for _, code, count in zero_words:
        grouped[code] += count
    return grouped
