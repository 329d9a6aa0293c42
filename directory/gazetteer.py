"""The gazetteer's place names in memory: word prefixes, close spellings and autocomplete, preferring one area."""

import bisect
import heapq
import math
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

# How far around the area's own places a place still counts as near it (degrees; about 30 km).
NEAR_DEGREES_LAT = 0.3
NEAR_DEGREES_LON = 0.45
# Score bonuses (out of 100) so a close spelling inside the area beats an equally close one elsewhere.
TIER_BONUS = {0: 5, 1: 3, 2: 0}
IN_AREA, NEAR_AREA, ELSEWHERE = 0, 1, 2
# A spelling only counts as close from this fuzz.ratio score, before the bonus.
CUTOFF = 70
SHORTEST_PREFIX_KEY = 4  # "East" from "East Grinstead"; shorter prefixes match too much


@dataclass(frozen=True)
class NamedPlace:
    name: str
    key: str
    latitude: float
    longitude: float
    lad: str | None
    size: int  # postcodes nearby: how big the place is


@dataclass(frozen=True)
class CloseName:
    place: NamedPlace
    score: float


class Gazetteer:
    """Every place once, biggest first within a name; `for_area(lads)` gives the view from one area."""

    def __init__(self, rows):
        self.by_key = {}
        for row in rows:  # rows come biggest first
            place = NamedPlace(*row)
            self.by_key.setdefault(place.key, []).append(place)
        self.keys = sorted(self.by_key)
        self._areas = {}

    def for_area(self, lads):
        lads = frozenset(lads)
        area = self._areas.get(lads)
        if area is None:
            area = self._areas[lads] = AreaView(self, lads)
        return area

    def span_starting(self, prefix):
        """(start, end) of the name keys that start with prefix, by binary search over the sorted keys."""
        return bisect.bisect_left(self.keys, prefix), bisect.bisect_left(self.keys, prefix + "\uffff")


class AreaView:
    """The gazetteer seen from an area: its places first, then those near it, then the rest."""

    def __init__(self, gazetteer, lads):
        self.gazetteer = gazetteer
        self.lads = lads
        own = [p for places in gazetteer.by_key.values() for p in places if p.lad in lads]
        if own:
            self.box = (
                min(p.latitude for p in own) - NEAR_DEGREES_LAT,
                max(p.latitude for p in own) + NEAR_DEGREES_LAT,
                min(p.longitude for p in own) - NEAR_DEGREES_LON,
                max(p.longitude for p in own) + NEAR_DEGREES_LON,
            )
        else:
            self.box = None

    def tier(self, place):
        if place.lad in self.lads:
            return IN_AREA
        if self.box and self.box[0] <= place.latitude <= self.box[1] and self.box[2] <= place.longitude <= self.box[3]:
            return NEAR_AREA
        return ELSEWHERE

    def best(self, key):
        """The place a name means from here: the biggest in the area, else the biggest near it, else anywhere."""
        places = self.gazetteer.by_key.get(key)
        if not places:
            return None
        return min(places, key=lambda p: (self.tier(p), -p.size))

    @cached_property
    def _own_word_prefixes(self):
        """{"haywards": [Haywards Heath], "east": [East Grinstead, East Wittering]}: the area's names cut at a word."""
        prefixes = {}
        for key, places in self.gazetteer.by_key.items():
            own = [p for p in places if p.lad in self.lads]
            if not own:
                continue
            words = key.split()
            for end in range(1, len(words)):
                prefix = " ".join(words[:end])
                if len(prefix) >= SHORTEST_PREFIX_KEY:
                    prefixes.setdefault(prefix, []).append(own[0])
        return {prefix: sorted(places, key=lambda p: -p.size) for prefix, places in prefixes.items()}

    def named_from_start(self, key):
        """The area's places whose name starts with the whole words typed ("Haywards" -> Haywards Heath)."""
        return self._own_word_prefixes.get(key, [])

    @cached_property
    def _choices(self):
        """(key to compare, place meant) for every name, plus the area's names cut at a word."""
        choices = {key: self.best(key) for key in self.gazetteer.by_key}
        for prefix, places in self._own_word_prefixes.items():
            choices.setdefault(prefix, places[0])
        return list(choices), list(choices.values())

    def close_names(self, key, aliases=None, limit=8):
        """Places spelt close to key, best first, one per place; `aliases` ({alias key: NamedPlace meant}) count too."""
        keys, places = self._choices
        candidates = {}
        for alias_key, place in (aliases or {}).items():
            score = fuzz.ratio(key, alias_key)
            if score >= CUTOFF:
                candidates[place.key] = CloseName(place, min(100.0, score + TIER_BONUS[self.tier(place)]))
        for choice, score, index in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=30):
            if choice in (aliases or {}):
                continue  # in this area the name means the alias's place, counted above
            place = places[index]
            score = min(100.0, score + TIER_BONUS[self.tier(place)])
            if place.key not in candidates or candidates[place.key].score < score:
                candidates[place.key] = CloseName(place, score)
        return sorted(candidates.values(), key=lambda c: (-c.score, self.tier(c.place), -c.place.size))[:limit]

    @cached_property
    def _ranked(self):
        """Every name's key in order, with (tier, -size, name) to rank it, worked out once."""
        ranked = []
        for key in self.gazetteer.keys:
            place = self.best(key)
            ranked.append(((self.tier(place), -place.size, place.name), place))
        return ranked

    def starting_with(self, key, limit):
        """Places whose name starts with key: the area's, then nearby, then elsewhere, biggest first."""
        start, end = self.gazetteer.span_starting(key)
        return [place for _rank, place in heapq.nsmallest(limit, self._ranked[start:end], key=lambda r: r[0])]


def kilometres_apart(a_lat, a_lon, b_lat, b_lon):
    """Near enough for telling whether a town and a postcode typed together are the same place."""
    dlat = (a_lat - b_lat) * 111.2
    dlon = (a_lon - b_lon) * 111.2 * math.cos(math.radians((a_lat + b_lat) / 2))
    return math.hypot(dlat, dlon)
