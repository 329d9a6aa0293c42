"""Synthetic services for the benchmark: search documents clustered around real towns, from a seed."""

import itertools
import math
import random
import sqlite3
from dataclasses import dataclass

from directory.area_profiles import read_area
from directory.distance import MILES_PER_DEGREE
from search.query import WEEKDAYS

# How services spread: most in the loaded area, some in towns near it, the rest across Great Britain.
SHARE_IN_AREA = 0.65
SHARE_NEARBY = 0.15
NEARBY_MILES = 40
SHARE_OUTREACH_ONLY = 0.05  # no building: home visits, phone or online for whole districts
SHARE_SEVERAL_LOCATIONS = 0.20
JITTER_MILES = 1.2  # a service sits about this far from the centre of its town

# (topic words as a family would type them, how common the topic is)
TOPICS = [
    ("parenting", 12),
    ("stay and play", 10),
    ("youth club", 8),
    ("mental health", 8),
    ("speech and language", 6),
    ("autism", 6),
    ("breastfeeding", 5),
    ("holiday club", 5),
    ("young carers", 4),
    ("food bank", 4),
    ("debt advice", 4),
    ("housing", 4),
    ("domestic abuse", 3),
    ("adhd", 3),
    ("bereavement", 3),
    ("sleep", 3),
    ("toilet training", 2),
    ("baby massage", 2),
    ("healthy eating", 3),
    ("homework club", 3),
    ("football", 3),
    ("drama", 2),
    ("childcare", 4),
    ("apprenticeships", 2),
    ("stop smoking", 2),
    ("esol", 2),
    ("dads group", 2),
    ("send", 4),
    ("bullying", 2),
    ("self harm", 1),
]
KINDS = ["group", "drop-in", "service", "club", "project", "support", "course", "clinic", "café", "hub"]
FILLER = [
    "friendly",
    "local",
    "families",
    "children",
    "young",
    "people",
    "parents",
    "carers",
    "trained",
    "staff",
    "volunteers",
    "welcome",
    "free",
    "sessions",
    "weekly",
    "term",
    "time",
    "advice",
    "information",
    "activities",
    "confidence",
    "wellbeing",
    "community",
    "centre",
    "library",
    "school",
    "nursery",
    "health",
    "visitor",
    "referral",
    "appointment",
    "booking",
    "online",
    "phone",
    "outreach",
    "home",
    "visit",
]
ORGANISATIONS = ["Community Trust", "Family Hub", "Children's Centre", "Youth Service", "Charity", "Partnership"]
LANGUAGES = ["polish", "arabic", "urdu", "romanian", "portuguese", "bengali", "tamil", "bsl"]


@dataclass(frozen=True)
class Town:
    name: str
    latitude: float
    longitude: float
    lad: str
    weight: int


def towns(geodata_path):
    """Every GB place in the geodata file, weighted by how many postcodes are near it."""
    conn = sqlite3.connect(f"file:{geodata_path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, lat, lon, lad, postcodes_nearby FROM place WHERE lad IS NOT NULL").fetchall()
    finally:
        conn.close()
    return [Town(*row) for row in rows]


def nearest_postcode(geodata_path, latitude, longitude):
    """A real postcode near a point, for searching from (None if there is none within 10 km)."""
    from directory import geodata

    conn = sqlite3.connect(f"file:{geodata_path}?mode=ro", uri=True)
    try:
        found = geodata.nearest_postcode(conn, latitude, longitude, 10.0)
    finally:
        conn.close()
    return found and found[0]


def _miles_apart(a, b):
    dlat = (a.latitude - b.latitude) * MILES_PER_DEGREE
    dlon = (a.longitude - b.longitude) * MILES_PER_DEGREE * math.cos(math.radians(a.latitude))
    return math.hypot(dlat, dlon)


class ServiceMaker:
    """Makes search documents (the dicts search.documents.service_document returns) for one area."""

    def __init__(self, area_slug, geodata_path, seed):
        self.rng = random.Random(seed)
        area = read_area(area_slug)
        self.area_districts = [district["code"] for district in area["districts"]]
        self.outcomes = [term["code"] for term in area["outcomes"]]
        self.outcome_names = {term["code"]: term["name"] for term in area["outcomes"]}
        self.need_levels = [term["code"] for term in area["need_levels"]]
        self.need_level_names = {term["code"]: term["name"] for term in area["need_levels"]}
        self.age_bands = area["age_bands"]
        everywhere = towns(geodata_path)
        in_area = [town for town in everywhere if town.lad in self.area_districts]
        centre = Town("centre", *_centroid(in_area), "", 0)
        self.groups = [
            (SHARE_IN_AREA, in_area),
            (
                SHARE_NEARBY,
                [t for t in everywhere if t.lad not in self.area_districts and _miles_apart(t, centre) < NEARBY_MILES],
            ),
            (1 - SHARE_IN_AREA - SHARE_NEARBY, everywhere),
        ]
        self.in_area_towns = in_area
        # Cumulative weights once: choosing among thousands of towns is then a binary search.
        self.choosing = (
            list(itertools.accumulate(share for share, _ in self.groups)),
            [group for _, group in self.groups],
            [list(itertools.accumulate(town.weight for town in group)) for _, group in self.groups],
        )
        self.next_location_id = 1

    def _town(self):
        shares, groups, cumulative = self.choosing
        index = self.rng.choices(range(len(groups)), cum_weights=shares)[0]
        return self.rng.choices(groups[index], cum_weights=cumulative[index])[0]

    def _location(self, town):
        rng = self.rng
        lat = town.latitude + rng.gauss(0, JITTER_MILES / MILES_PER_DEGREE)
        lon = town.longitude + rng.gauss(0, JITTER_MILES / (MILES_PER_DEGREE * math.cos(math.radians(town.latitude))))
        location_id = self.next_location_id
        self.next_location_id += 1
        return {
            "id": location_id,
            "name": f"{town.name} {rng.choice(['Community Centre', 'Library', 'Family Hub', 'School', 'Church Hall'])}",
            "town": town.name,
            "postcode": "",
            "latitude": round(lat, 6),
            "longitude": round(lon, 6),
            "district": town.lad,
        }

    def _ages(self):
        rng = self.rng
        ranged = [band for band in self.age_bands if band["min_age"] is not None]
        start = rng.randrange(len(ranged))
        chosen = ranged[start : start + rng.choice([1, 1, 2, 3])]
        unranged = [band for band in self.age_bands if band["min_age"] is None]  # pregnancy, parents and carers
        chosen += [band for band in unranged if rng.random() < 0.2]
        ages = [(band["min_age"], band["max_age"]) for band in chosen if band["min_age"] is not None]
        min_age = min((low for low, _ in ages), default=None)
        max_age = max((high for _, high in ages), default=None)
        return chosen, min_age, max_age

    def document(self, service_id):
        rng = self.rng
        outreach_only = rng.random() < SHARE_OUTREACH_ONLY
        if outreach_only:
            town = rng.choice(self.in_area_towns)
            locations = []
        else:
            town = self._town()
            count = rng.choice([2, 2, 3, 4]) if rng.random() < SHARE_SEVERAL_LOCATIONS else 1
            # A service with several places runs them in nearby towns of the same cluster.
            others = [self._nearby_town(town) for _ in range(count - 1)]
            locations = [self._location(place) for place in [town, *others]]
        topic = rng.choices([t for t, _ in TOPICS], weights=[w for _, w in TOPICS])[0]
        second_topic = rng.choices([t for t, _ in TOPICS], weights=[w for _, w in TOPICS])[0]
        kind = rng.choice(KINDS)
        name = f"{town.name} {topic.title()} {kind.title()}"
        organisation = f"{town.name} {rng.choice(ORGANISATIONS)}"
        summary = f"A {kind} about {topic} for families in and around {town.name}."
        description = " ".join(
            [
                f"We offer {topic} {kind} sessions.",
                f"Also {second_topic}.",
                " ".join(rng.sample(FILLER, 12)),
            ]
        )
        bands, min_age, max_age = self._ages()
        outcomes = rng.sample(self.outcomes, rng.choice([1, 1, 2]))
        need_levels = rng.sample(self.need_levels, rng.choice([1, 1, 2]))
        districts = sorted({loc["district"] for loc in locations if loc["district"] in self.area_districts})
        served = []
        if outreach_only:
            served = rng.sample(self.area_districts, rng.choice([1, 2, 3, 7]))
        elif districts and rng.random() < 0.10:
            served = rng.sample(self.area_districts, rng.choice([1, 2, 3]))
        shares = {"in_person": 0.0 if outreach_only else 0.9, "home_visits": 0.15, "online": 0.3, "phone": 0.4}
        delivery = [mode for mode, share in shares.items() if rng.random() < share] or ["phone"]
        languages = ["english"] + ([rng.choice(LANGUAGES)] if rng.random() < 0.12 else [])
        days = sorted(rng.sample(WEEKDAYS[:5], rng.randint(1, 5)) + (["saturday"] if rng.random() < 0.1 else []))
        topics = [topic, second_topic]
        return {
            "id": service_id,
            "name": name,
            "url": f"/services/{service_id}/",
            "summary": summary,
            "organisation": organisation,
            "text": " ".join([name, summary, description, organisation, *topics]),
            "topics": topics,
            "cost": rng.choices(["free", "low_cost", "paid"], weights=[6, 2, 2])[0],
            "self_referral": rng.random() < 0.6,
            "min_age": min_age,
            "max_age": max_age,
            "outcomes": outcomes,
            "need_levels": need_levels,
            "age_bands": [band["code"] for band in bands],
            "districts": sorted(set(districts) | set(served)),
            "served_districts": served,
            "delivery": delivery,
            "languages": languages,
            "days": days,
            "last_reviewed": "2026-06-01",
            "card": {
                "outcomes": [self.outcome_names[code] for code in outcomes],
                "need_levels": [self.need_level_names[code] for code in need_levels],
                "age_bands": [band["name"] for band in bands],
            },
            "locations": locations,
        }

    def _nearby_town(self, town):
        for _ in range(20):
            other = self._town()
            if _miles_apart(other, town) < 15:
                return other
        return town


def _centroid(places):
    return (sum(p.latitude for p in places) / len(places), sum(p.longitude for p in places) / len(places))
