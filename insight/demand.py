"""Demand beside supply, from the search log: what families searched for, where, and what found nothing.

Searches are read from their day counts (insight/counted.py), grouped in SQL by day and district and by
words and district; Python then reads the grouped rows only, never one row per search. A search "is about" a topic
when the topic's name, or one of its synonyms, is among the words searched.
"""

import bisect
import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Sum
from taggit.models import Tag

from directory.vocabularies import DistrictTag
from insight.counted import ids_of
from insight.filters import topic_choices
from insight.models import CountedService, SearchCount
from search.text import expand


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
    """Every search figure for the period from the day counts (insight/counted.py keeps them as the log is written).

    Two grouped queries: by day and district (totals, districts, the bars), by words and district (topics,
    what found nothing). Python reads the grouped rows only, never one row per search.
    """
    counts = SearchCount.objects.filter(day__gte=period.start, day__lte=period.end).order_by()
    weekly, starts = _bucket_starts(period)
    topic_names = {name.lower(): name for name in topic_name_list()}
    total = zero = 0
    by_district = defaultdict(lambda: [0, 0])
    over_time = [0] * len(starts)
    days = counts.values_list("day", "district_code").annotate(n=Sum("searches"), zero=Sum("found_nothing"))
    for day, district, n, found_nothing in days:
        total += n
        zero += found_nothing
        by_district[district][0] += n
        by_district[district][1] += found_nothing
        over_time[bisect.bisect_right(starts, day, lo=1) - 1] += n
    by_topic, by_topic_district, zero_words, matched = Counter(), Counter(), [], {}
    words_rows = counts.values_list("words", "district_code").annotate(n=Sum("searches"), zero=Sum("found_nothing"))
    for words, district, n, found_nothing in words_rows:
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
    """{lower-case topic: live services tagged with it}, from the counted services grouped by their topic sets."""
    names = dict(Tag.objects.values_list("pk", "name"))
    counts = Counter()
    for topic_ids, n in CountedService.objects.order_by().values_list("topics").annotate(n=Count("pk")):
        for pk in ids_of(topic_ids):
            if pk in names:
                counts[names[pk].lower()] += n
    return counts


def supply_by_district():
    """{district code: live services reaching it (located there or serving it)}."""
    codes = dict(DistrictTag.objects.values_list("pk", "code"))
    counts = Counter()
    for district_ids, n in CountedService.objects.order_by().values_list("reaching").annotate(n=Count("pk")):
        for pk in ids_of(district_ids):
            if pk in codes:
                counts[codes[pk]] += n
    return dict(counts)


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
