"""A result card (ResultItem) from what an index stored, written once for every backend."""

import math

from directory.distance import MILES_PER_DEGREE, distance_miles
from search.query import ResultItem, ResultLocation


def could_be_nearest(place, locations):
    """The locations worth an exact (and slow: 60 µs) geodesic distance.

    A flat-earth estimate at the mean latitude is within half a percent of the geodesic anywhere
    in Great Britain, so a location estimated more than 10% farther than the nearest estimate is
    never the nearest.
    """
    estimates = []
    for location in locations:
        across = (location.longitude - place.longitude) * math.cos(
            math.radians((location.latitude + place.latitude) / 2)
        )
        estimates.append(MILES_PER_DEGREE * math.hypot(location.latitude - place.latitude, across))
    closest = min(estimates)
    return [
        location for location, estimate in zip(locations, estimates, strict=True) if estimate <= closest * 1.1 + 0.1
    ]


def nearest(place, locations):
    """(nearest ResultLocation, geodesic miles) to the place; the first and None without a place."""
    if not locations:
        return None, None
    if place is None:
        return locations[0], None
    measured = [
        (distance_miles(place.latitude, place.longitude, location.latitude, location.longitude), location)
        for location in could_be_nearest(place, locations)
    ]
    distance, location = min(measured, key=lambda pair: pair[0])
    return location, distance


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
