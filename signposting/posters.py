"""What a topic poster for a district holds: as many services as fit one A4 page, and where to find the rest."""

from django.utils.text import Truncator

from directory import sites
from directory.vocabularies import DISTRICT
from search.backends import get_search_backend
from search.query import ServiceQuery

# Asked of the search: more than can ever fit, so the poster chooses what does.
POSTER_CANDIDATES = 12
# Lines of printed text an A4 page holds below the heading and the QR code (print.css sets the sizes).
# Measured in Chromium: 34 lines fill about 85% of the page, leaving room for a three-line heading;
# tests/sites/test_one_page_posters.py prints a crowded poster and counts its pages.
POSTER_LINES = 34
# A service costs its name, a one-line summary, the phone and a gap; then a line for each site shown.
SERVICE_LINES = 4
SITES_PER_SERVICE = 2
SUMMARY_CHARACTERS = 110


def district_services(topic, district):
    """(services' ids in the search's order, how many there are in all) for a topic in a district."""
    results = get_search_backend().search(
        ServiceQuery(
            text=topic, districts=(district.code,), page_size=POSTER_CANDIDATES, facets=False, suggestions=False
        )
    )
    return [item.service_id for item in results.items], results.total


def fit(cards):
    """The cards that fit one page, each with its sites in the district trimmed; the rest are left off.

    Each kept card gains `summary_short`, `sites_shown` and `more_sites` (the sites left off it).
    """
    kept, used = [], 0
    for card in cards:
        shown = card["sites_here"][:SITES_PER_SERVICE]
        more_sites = len(card["sites_here"]) - len(shown)
        cost = SERVICE_LINES + max(1, len(shown)) + (1 if more_sites else 0)
        if kept and used + cost > POSTER_LINES:
            break
        used += cost
        kept.append(
            {
                **card,
                "summary_short": Truncator(card["summary"]).chars(SUMMARY_CHARACTERS),
                "sites_shown": shown,
                "more_sites": more_sites,
            }
        )
    return kept


def nearest_district_with(topic, district):
    """(the district with services for the topic nearest this one, by centre, and its count), or (None, 0)."""
    results = get_search_backend().search(ServiceQuery(text=topic, page_size=1))
    counts = {
        value.code: value
        for value in results.facets.get(DISTRICT.field, [])
        if value.count and value.code != district.code
    }
    if not counts:
        return None, 0
    centre = sites.district_centre(district.code)
    code = sites.nearest_district(*centre, counts) if centre else None
    if code is None:
        # No shape for this district: offer the one with most services instead.
        code = max(counts, key=lambda key: counts[key].count)
    return counts[code], counts[code].count
