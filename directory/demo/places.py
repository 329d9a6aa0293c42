"""Real public buildings (libraries, civic and community centres) per district, where demo services meet.

The venues are data, under "venues" in directory/areas/demo/<area>.json, keyed by ONS LAD code (DOMAIN.md's
district table). Every postcode there was checked with directory.geo.lookup_postcode: it exists and its LAD
code is the district it is listed under (tests/directory/test_demo.py checks this again). The buildings are
real; the services the demo puts in them are not.
"""

from dataclasses import dataclass

from directory.demo.data import demo_areas, read_demo_file


@dataclass(frozen=True)
class Venue:
    name: str
    address: str
    town: str
    postcode: str


# Keyed by area slug, then by ONS LAD code.
VENUES = {
    slug: {code: [Venue(**venue) for venue in venues] for code, venues in read_demo_file(slug)["venues"].items()}
    for slug in demo_areas()
}
