"""Turn the catalogue, providers and venues into a plan of organisations and services; no database access."""

import datetime
import random
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.text import slugify

from directory.demo.catalogue import COUNTY_TYPES, LOCAL_TYPES, OUTCOME_THEMES, SEND_OFFER, ServiceType
from directory.demo.places import VENUES, Venue
from directory.demo.providers import LOCAL_NAMES, PROVIDERS

# Local services per district: West Sussex gets the full demo (>= 150), the other areas a taste (~50).
LOCAL_SERVICES_PER_DISTRICT = {"west-sussex": 20, "lancashire": 3, "essex": 3}
DEFAULT_LOCAL_SERVICES_PER_DISTRICT = 3
# County-wide services with bases ("network") have one in this many districts.
NETWORK_SIZE = 3
# Spreads consecutive catalogue entries across districts; coprime with len(LOCAL_TYPES) so no repeats.
SPREAD = 11

HOLIDAY_STARTS = (datetime.date(2027, 7, 26), datetime.date(2027, 7, 28), datetime.date(2027, 8, 2))
HOLIDAY_ENDS = (datetime.date(2027, 8, 13), datetime.date(2027, 8, 20), datetime.date(2027, 8, 27))

DEMO_NOTE = "This is a fictional service, made up for the demonstration site. It does not exist."

ACCESSIBILITY = (
    "Step-free access from the street and an accessible toilet.",
    "Ground floor room with level access. Hearing loop at reception.",
    "Lift to all floors, accessible toilet and baby changing.",
    "Level access, accessible toilet, and a quiet room if you need a break.",
    "Ramp at the side entrance. Buggy parking inside.",
    "Blue badge parking outside. Large print information available.",
)
# Most services work in English only; a good share offer the area's community languages.
LANGUAGES = (
    ("English",) * 8
    + ("English, Polish", "English, Arabic", "English, Urdu", "English, Romanian", "English, Bengali")
    + ("English, Polish, Romanian", "English, Portuguese", "English, Tamil", "English, Ukrainian")
    + ("English, British Sign Language",)
)
VENUE_LINES = (
    "Sessions are held at {venue}{address}, {town}.",
    "You will find us at {venue} in {town}.",
    "We meet in the community room at {venue}, {town}.",
)


@dataclass
class ServicePlan:
    title: str
    slug: str
    fields: dict
    locations: list[Venue] = field(default_factory=list)
    opening_times: list[tuple[int, datetime.time, datetime.time]] = field(default_factory=list)
    districts_served: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    need_levels: list[int] = field(default_factory=list)
    age_bands: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    send_needs: list[str] = field(default_factory=list)
    term_time: bool = False


@dataclass
class OrganisationPlan:
    title: str
    slug: str
    fields: dict
    services: list[ServicePlan] = field(default_factory=list)


def _rng(*parts):
    # Seeded by name, so the same plan comes out on every run and every machine.
    return random.Random(":".join(str(part) for part in parts))


def _time(text):
    return datetime.time.fromisoformat(text)


def _phone(rng, mobile=False):
    # Ofcom's ranges reserved for drama: never a real number.
    return f"07700 900{rng.randrange(1000):03d}" if mobile else f"01632 960{rng.randrange(1000):03d}"


def _last_reviewed(rng, today):
    """Most listings checked recently, some due for review (7-11 months), a few stale (over a year)."""
    draw = rng.random()
    if draw < 0.72:
        days = rng.randint(3, 170)
    elif draw < 0.9:
        days = rng.randint(215, 330)
    else:
        days = rng.randint(380, 560)
    return today - datetime.timedelta(days=days)


class _Planner:
    def __init__(self, slug, area, today):
        self.slug = slug
        self.area = area
        self.today = today
        self.districts = [(row["code"], row["name"]) for row in area["districts"]]
        self.venues = VENUES[slug]
        self.themes = OUTCOME_THEMES[slug]
        self.organisations = {}
        self.service_slugs = set()

    def organisation(self, provider_key, district_index=None):
        provider = PROVIDERS[provider_key]
        if provider.per_district:
            code, district = self.districts[district_index]
            title = provider.name.format(name=LOCAL_NAMES[district_index % len(LOCAL_NAMES)])
            summary = provider.summary.format(district=district)
        else:
            title, summary = provider.name, provider.summary
        slug = slugify(title)
        if slug not in self.organisations:
            short = slug.removesuffix("-demo")
            rng = _rng(self.slug, slug)
            self.organisations[slug] = OrganisationPlan(
                title=title,
                slug=slug,
                fields={
                    "summary": summary,
                    "website": f"https://example.org/{short}/",
                    "phone": _phone(rng),
                    "email": f"{short[:40]}@example.org",
                    "trusted": provider.trusted,
                },
            )
        return self.organisations[slug]

    def unique_slug(self, title):
        base = slug = slugify(title)[:80]
        counter = 2
        while slug in self.service_slugs:
            slug = f"{base}-{counter}"
            counter += 1
        self.service_slugs.add(slug)
        return slug

    def service(self, kind: ServiceType, organisation, venues, district=None, served=()):
        first = venues[0] if venues else None
        words = {
            "town": first.town if first else district,
            "venue": first.name if first else "",
            "district": district or self.area["name"],
        }
        rng = _rng(self.slug, kind.key, district, first and first.postcode)
        title = rng.choice(kind.names).format(**words)
        slug = self.unique_slug(title)
        rng = _rng(self.slug, slug)
        cost, cost_detail = rng.choice(kind.costs)
        languages = rng.choice(kind.languages or LANGUAGES)
        multilingual = languages != "English"
        sessions = list(rng.choice(kind.sessions)) if kind.sessions else []
        # Some listings give their times only in words, as real ones often do.
        if venues and rng.random() < 0.15:
            sessions = []
        note = kind.note or ("" if sessions else "Please call for times.")
        plan = ServicePlan(
            title=title,
            slug=slug,
            fields={
                "summary": rng.choice(kind.summaries).format(**words),
                "description": self.description(kind, rng, venues, words, served),
                "eligibility": kind.eligibility.format(**words),
                "how_to_access": kind.how,
                "self_referral": "self_referral" in kind.access,
                "drop_in": "drop_in" in kind.access,
                "professional_referral": "professional_referral" in kind.access,
                "appointment": "appointment" in kind.access,
                "cost": cost,
                "cost_detail": cost_detail,
                "in_person": "in_person" in kind.delivery,
                "home_visits": "home_visits" in kind.delivery,
                "online": "online" in kind.delivery,
                "by_phone": "by_phone" in kind.delivery,
                "languages": languages,
                "interpreters": rng.random() < (0.6 if multilingual else 0.25),
                "accessibility": rng.choice(ACCESSIBILITY) if venues else "",
                "opening_times_note": note,
                "phone": _phone(rng, mobile=kind.key == "school-nurse-text"),
                "email": organisation.fields["email"],
                "website": f"{organisation.fields['website']}{slug}/",
                "min_age": kind.ages[0],
                "max_age": kind.ages[1],
                "last_reviewed": _last_reviewed(rng, self.today),
            },
            locations=list(venues),
            opening_times=[(day, _time(opens), _time(closes)) for day, opens, closes in sessions],
            districts_served=list(served),
            outcomes=list(dict.fromkeys(self.themes[theme] for theme in kind.themes)),
            need_levels=list(kind.levels),
            age_bands=list(kind.bands),
            topics=list(kind.topics),
            send_needs=list(kind.send_needs),
            term_time=kind.term_time,
        )
        plan.fields["family_hub"] = "family_hub" in kind.marks
        plan.fields["start_for_life"] = "start_for_life" in kind.marks
        if kind.send_needs:
            plan.fields.update(SEND_OFFER)
        if kind.shape == "holiday":
            plan.fields["start_date"] = rng.choice(HOLIDAY_STARTS)
            plan.fields["end_date"] = rng.choice(HOLIDAY_ENDS)
            # Recently confirmed: a programme with dates is checked before it runs.
            plan.fields["last_reviewed"] = self.today - datetime.timedelta(days=rng.randint(3, 60))
        organisation.services.append(plan)
        return plan

    def description(self, kind, rng, venues, words, served):
        paragraphs = [rng.choice(kind.about), rng.choice(kind.offer)]
        if len(venues) > 1:
            places = ", ".join(f"{venue.name} ({venue.town})" for venue in venues)
            paragraphs.append(f"Sessions run at several places: {places}.")
        elif venues:
            venue = venues[0]
            address = f", {venue.address}" if venue.address else ""
            paragraphs.append(rng.choice(VENUE_LINES).format(venue=venue.name, address=address, town=venue.town))
        elif len(served) == len(self.districts):
            paragraphs.append(f"Available to families across {self.area['name']}.")
        else:
            paragraphs.append(f"There is no building to visit: the team works across {words['district']}.")
        body = "".join(f"<p>{escape(text.format(**words))}</p>" for text in paragraphs)
        return f"{body}<p><i>{escape(DEMO_NOTE)}</i></p>"

    def local_services(self):
        per_district = LOCAL_SERVICES_PER_DISTRICT.get(self.slug, DEFAULT_LOCAL_SERVICES_PER_DISTRICT)
        count = len(LOCAL_TYPES)
        for index, (code, name) in enumerate(self.districts):
            venues = self.venues[code]
            for slot in range(per_district):
                position = (index * per_district + slot) % count
                kind = LOCAL_TYPES[position * SPREAD % count]
                organisation = self.organisation(kind.provider, index)
                start = (position + index) % len(venues)
                if kind.shape == "outreach":
                    self.service(kind, organisation, [], district=name, served=[code])
                elif kind.shape == "multi":
                    size = min(len(venues), 2 + position % 2)
                    chosen = [venues[(start + offset) % len(venues)] for offset in range(size)]
                    self.service(kind, organisation, chosen, district=name)
                else:
                    self.service(kind, organisation, [venues[start]], district=name)

    def county_services(self):
        codes = [code for code, _ in self.districts]
        step = max(1, len(codes) // NETWORK_SIZE)
        for index, kind in enumerate(COUNTY_TYPES):
            organisation = self.organisation(kind.provider)
            if kind.shape == "network":
                chosen = []
                for member in range(NETWORK_SIZE):
                    venues = self.venues[codes[(index + member * step) % len(codes)]]
                    chosen.append(venues[index % len(venues)])
                self.service(kind, organisation, chosen, served=codes)
            else:
                self.service(kind, organisation, [], served=codes)


def plan_demo(slug, area, today=None):
    """The organisations to create for area `slug` (its profile dict from read_area), each with its services."""
    planner = _Planner(slug, area, today or datetime.date.today())
    planner.local_services()
    planner.county_services()
    return list(planner.organisations.values())
