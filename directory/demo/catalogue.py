"""The kinds of service the demo creates, each instantiated in many places with varied wording.

The kinds are data, in directory/areas/demo/service-types.json: `local` kinds run in one district, at one or
more of its venues (or out and about in it); `area_wide` kinds are run once for the whole area by its provider.
Text may use {town}, {venue} and {district}. `themes` are generic outcome themes that each area's demo file
(directory/areas/demo/<area>.json, "outcome_themes") maps onto its own outcomes framework; `bands` are age band
codes; `levels` are need levels 1-4; `sessions` are alternative weekly timetables of [weekday, opens, closes];
`costs` are alternative [cost, detail] pairs; `send_needs` are the SEND Local Offer needs a kind supports (it then
says the file's "send_offer"); `marks` are "family_hub" and "start_for_life". A field left out takes the default below.
"""

from dataclasses import dataclass

from directory.demo.data import demo_areas, read_demo_file
from directory.vocabularies import Weekday

FREE = ("free", "")


@dataclass(frozen=True)
class ServiceType:
    key: str
    provider: str
    names: tuple[str, ...]
    summaries: tuple[str, ...]
    about: tuple[str, ...]
    offer: tuple[str, ...]
    eligibility: str
    themes: tuple[str, ...]
    levels: tuple[int, ...]
    bands: tuple[str, ...]
    ages: tuple[int | None, int | None]
    topics: tuple[str, ...]
    how: str
    access: tuple[str, ...] = ("self_referral",)
    delivery: tuple[str, ...] = ("in_person",)
    costs: tuple[tuple[str, str], ...] = (FREE,)
    # Weekday numbers as in OpeningTime.weekday.
    sessions: tuple[tuple[tuple[int, str, str], ...], ...] = ()
    note: str = ""
    # Sessions only in school term time: the demo's term dates (loader.demo_term_dates), so none in a holiday.
    term_time: bool = False
    # venue: one place; multi: several places in the district; outreach: no building, serves the district;
    # holiday: one place, summer 2027 only; network (county-wide): a place in several districts;
    # countywide: no building, serves every district.
    shape: str = "venue"
    languages: tuple[str, ...] = ()
    # SEND Local Offer needs it supports (SendNeed codes); marks: "family_hub", "start_for_life".
    send_needs: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, row):
        """A kind from its entry in service-types.json (lists become tuples, weekday names numbers)."""
        fields = {name: tuple(value) if isinstance(value, list) else value for name, value in row.items()}
        if "costs" in row:
            fields["costs"] = tuple(tuple(cost) for cost in row["costs"])
        if "sessions" in row:
            fields["sessions"] = tuple(
                tuple((Weekday[day.upper()].value, opens, closes) for day, opens, closes in timetable)
                for timetable in row["sessions"]
            )
        return cls(**fields)


_KINDS = read_demo_file("service-types")
# What a service supporting SEND says of its Local Offer (the Schedule 2 topics), the same for every demo kind.
SEND_OFFER = _KINDS["send_offer"]
LOCAL_TYPES = [ServiceType.from_data(row) for row in _KINDS["local"]]
COUNTY_TYPES = [ServiceType.from_data(row) for row in _KINDS["area_wide"]]
# Generic themes -> each area's outcome codes (directory/areas/<slug>.json). Every outcome is reached.
OUTCOME_THEMES = {slug: read_demo_file(slug)["outcome_themes"] for slug in demo_areas()}
