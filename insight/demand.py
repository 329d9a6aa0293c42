"""Demand beside supply, from the search log: what families searched for, where, and what found nothing.

Searches are grouped in SQL (by day, by district, by words and district); Python then reads the
grouped rows only (a few thousand at most), never one row per search. A search "is about" a topic
when the topic's name, or one of its synonyms, is among the words searched.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from directory.vocabularies import DistrictTag, ServiceDistrict, ServiceTopic
from insight.coverage import live_q
from insight.filters import topic_choices
from search.models import SearchLogEntry
from search.text import expand


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


def demand(period):
    """Every search figure for the period from one pass over the log, grouped by words, district and week/month.

    The bucket is a CASE over the bucket bounds: pure SQL, where truncating each row's date would call
    a Python function per row on SQLite. Python then reads the grouped rows, never one row per search.
    """
    entries = searches_in(period)
    weekly, starts = _bucket_starts(period)
    bounds = [max(start, period.start) for start in starts[1:]]
    aware = [timezone.make_aware(datetime.datetime.combine(day, datetime.time.min)) for day in bounds]
    bucket = Case(
        *[When(searched_at__lt=bound, then=Value(i)) for i, bound in enumerate(aware)],
        default=Value(len(starts) - 1),
        output_field=IntegerField(),
    )
    grouped = (
        entries.order_by()
        .values(words=Lower("text"), district=F("district_code"), bucket=bucket)
        .annotate(n=Count("id"), zero=Count("id", filter=Q(result_count=0)))
    )
    topic_names = {name.lower(): name for name in topic_name_list()}
    total = zero = 0
    by_district, by_words = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    over_time = [0] * len(starts)
    for row in grouped.iterator(chunk_size=5000):
        n, found_nothing = row["n"], row["zero"]
        total += n
        zero += found_nothing
        counts = by_district[row["district"]]
        counts[0] += n
        counts[1] += found_nothing
        counts = by_words[(row["words"] or "", row["district"])]
        counts[0] += n
        counts[1] += found_nothing
        over_time[row["bucket"]] += n
    by_topic, by_topic_district, zero_words, matched = Counter(), Counter(), [], {}
    for (words, district), (n, found_nothing) in by_words.items():
        if words not in matched:
            matched[words] = topics_of(words, topic_names)
        for topic in matched[words]:
            by_topic[topic] += n
            by_topic_district[(topic, district)] += n
        if found_nothing and words.strip():
            zero_words.append((words, district, found_nothing))
    zero_words.sort(key=lambda item: (-item[2], item[0], item[1]))
    label = (lambda d: f"w/c {d:%d %b %Y}") if weekly else (lambda d: f"{d:%b %Y}")
    return Demand(
        total=total,
        zero=zero,
        by_district={code: tuple(counts) for code, counts in by_district.items()},
        by_topic=by_topic,
        by_topic_district=by_topic_district,
        over_time=[(label(start), over_time[i]) for i, start in enumerate(starts)],
        zero_words=zero_words,
        topic_names=topic_names,
    )


def topic_name_list():
    return [name for name, _ in topic_choices()]


def supply_by_topic():
    """{lower-case topic: live services tagged with it} and the number of live services with any topic."""
    rows = (
        ServiceTopic.objects.filter(live_q("content_object__"))
        .order_by()
        .values("tag__name")
        .annotate(n=Count("content_object_id"))  # tag rows are unique per service
    )
    counts = Counter()
    for row in rows:
        counts[row["tag__name"].lower()] += row["n"]
    return counts


def supply_by_district():
    """{district code: live services reaching it (located there or serving it)}."""
    rows = (
        ServiceDistrict.objects.filter(live_q("content_object__"))
        .order_by()
        .values("tag__code")
        .annotate(n=Count("content_object_id"))  # tag rows are unique per service
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
