"""The benchmark's fixed mix of searches, drawn from a seed: what families and professionals type."""

import random
from dataclasses import dataclass, field

from search.query import DELIVERY_MODES, WEEKDAYS, ServiceQuery

# Where people search from: mostly the loaded area (West Sussex), some from elsewhere in Great Britain.
AREA_TOWNS = [
    "Worthing",
    "Crawley",
    "Horsham",
    "Chichester",
    "Bognor Regis",
    "Littlehampton",
    "Burgess Hill",
    "Haywards Heath",
    "East Grinstead",
    "Shoreham-by-Sea",
    "Lancing",
    "Midhurst",
    "Pulborough",
    "Selsey",
]
OTHER_TOWNS = ["Brighton", "Guildford", "Manchester", "Leeds", "Bristol", "Norwich"]
TEXTS = [
    "autism",
    "parenting",
    "speech and language",
    "mental health",
    "food bank",
    "young carers",
    "holiday club",
    "breastfeeding",
    "debt advice",
    "youth club",
    "sleep",
    "stay and play",
    "adhd",
    "football",
    "baby",
    "bereavement support",
]
# (kind, how many in the mix)
KINDS = [("full", 20), ("place", 8), ("text", 6), ("filters", 6)]
FILTER_NAMES = ["outcomes", "need_levels", "age", "age_bands", "free_only", "delivery", "self_referral", "day"]


@dataclass(frozen=True)
class Search:
    """One search of the mix, before its place is resolved."""

    kind: str
    text: str = ""
    place_text: str = ""
    radius_miles: float = 5.0
    filters: dict = field(default_factory=dict)
    page: int = 1

    def query(self, place):
        return ServiceQuery(
            text=self.text, near=place, radius_miles=self.radius_miles, page=self.page, page_size=20, **self.filters
        )

    def http_params(self):
        """The same search as /api/search parameters."""
        params = {"page": self.page, "page_size": 20}
        if self.text:
            params["q"] = self.text
        if self.place_text:
            params["postcode"] = self.place_text
            params["radius"] = self.radius_miles
        names = {
            "outcomes": "outcome",
            "need_levels": "need_level",
            "age_bands": "age_band",
            "districts": "district",
            "delivery": "delivery",
            "languages": "language",
        }
        for name, value in self.filters.items():
            if name in names:
                params[names[name]] = list(value)
            elif name == "free_only":
                params["free"] = "1"
            elif name == "self_referral":
                params["self_referral"] = "1"
            elif name == "day":
                params["day"] = WEEKDAYS[value]
            else:
                params[name] = value
        return params

    def describe(self):
        parts = [self.kind]
        if self.text:
            parts.append(f"q={self.text!r}")
        if self.place_text:
            parts.append(f"near {self.place_text} {self.radius_miles:g}mi")
        if self.filters:
            parts.append("+".join(sorted(self.filters)))
        if self.page > 1:
            parts.append(f"page {self.page}")
        return " ".join(parts)


def _filters(rng, vocab, names):
    chosen = {}
    for name in names:
        if name == "outcomes":
            chosen[name] = (rng.choice(vocab["outcomes"]),)
        elif name == "need_levels":
            chosen[name] = (rng.choice(vocab["need_levels"]),)
        elif name == "age_bands":
            chosen[name] = (rng.choice(vocab["age_bands"]),)
        elif name == "districts":
            chosen[name] = (rng.choice(vocab["districts"]),)
        elif name == "age":
            chosen[name] = rng.randint(0, 17)
        elif name == "delivery":
            chosen[name] = (rng.choice(DELIVERY_MODES),)
        elif name == "day":
            chosen[name] = rng.randint(0, 5)
        else:
            chosen[name] = True
    return chosen


def make_mix(vocab, place_texts, seed):
    """The fixed list of searches: `vocab` holds term codes per vocabulary, `place_texts` what people type."""
    rng = random.Random(seed)
    searches = []
    for kind, count in KINDS:
        for _ in range(count):
            place = rng.choice(place_texts) if kind in ("full", "place") else ""
            text = rng.choice(TEXTS) if kind in ("full", "text") else ""
            if kind == "full":
                filters = _filters(rng, vocab, rng.sample(FILTER_NAMES, 3))
                radius = rng.choice([3.0, 5.0, 5.0, 10.0, 20.0])
            elif kind == "filters":
                filters = _filters(rng, vocab, rng.sample([*FILTER_NAMES, "districts"], 3))
                radius = 5.0
            else:
                filters, radius = {}, rng.choice([1.0, 3.0, 5.0, 10.0])
            page = rng.choices([1, 2, 3], weights=[8, 1, 1])[0]
            searches.append(Search(kind, text, place, radius, filters, page))
    return searches
