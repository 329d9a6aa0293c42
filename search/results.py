"""A result card (ResultItem) from what an index stored, written once for every backend."""

from directory import sites
from search.query import ResultItem, ResultLocation


def nearest(place, locations):
    """(nearest ResultLocation, geodesic miles) to the place; the first and None without a place.

    The rule is directory.sites' own, so results, shortlists and posters pick the same site.
    """
    return sites.nearest_site(locations, place)


def result_item(service, locations, place, serves):
    """The card of one service.

    service: a mapping with service_id, name, url, summary, organisation, cost, self_referral,
    card ({"outcomes": [...], ...}) and last_reviewed (ISO date or ""); locations: ResultLocations.
    A service serving the area is shown without a distance.
    """
    location, distance = nearest(place, locations)
    card = service.get("card") or {}
    return ResultItem(
        service_id=service["service_id"],
        name=service["name"],
        url=service["url"],
        summary=service["summary"],
        organisation=service["organisation"],
        distance_miles=None if serves or distance is None else round(distance, 1),
        serves_your_area=serves,
        nearest_location=location,
        cost=service["cost"],
        self_referral=service["self_referral"],
        outcomes=card.get("outcomes", []),
        need_levels=card.get("need_levels", []),
        age_bands=card.get("age_bands", []),
        last_reviewed=service.get("last_reviewed") or "",
        marks=card.get("marks", []),
    )


def location(postcode, latitude, longitude, name="", town=""):
    return ResultLocation(postcode=postcode, latitude=latitude, longitude=longitude, name=name, town=town)
