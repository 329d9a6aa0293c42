"""Distances on the map, in miles: the one flat-earth constant, the bounding box and the exact geodesic."""

import math

from geopy.distance import geodesic
from geopy.units import miles

# Miles in a degree of latitude (and of longitude at the equator, times cos(latitude) elsewhere), as
# a flat-earth estimate: good to half a percent across Great Britain. Every estimate reads this one.
MILES_PER_DEGREE = 69.05
METRES_PER_MILE = 1609.344
# The bounding box is 1% wider than the estimate says, so it holds the geodesic circle from the
# equator (68.7 miles a degree) to the poles: a prefilter may take in too much, never too little.
BOX_MARGIN = 1.01
# One measurer for every distance: a new geodesic() builds its ellipsoid's solver each time (70 µs a distance
# against 44; a search page measures 20 to 40).
WGS84 = geodesic()


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The exact (geodesic, WGS84) distance in miles: slow, 44 µs, so only for what is shown."""
    return miles(kilometers=WGS84.measure((lat1, lon1), (lat2, lon2)))


def flat_miles_per_degree_longitude(latitude: float) -> float:
    """Miles in a degree of longitude at this latitude, by the flat-earth estimate."""
    return MILES_PER_DEGREE * math.cos(math.radians(latitude))


def bounding_box(lat: float, lon: float, radius_miles: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within radius_miles; a SQL prefilter."""
    dlat = radius_miles * BOX_MARGIN / MILES_PER_DEGREE
    # A degree of longitude is shortest at the box's poleward edge.
    edge = min(abs(lat) + dlat, 89.9)
    dlon = min(radius_miles * BOX_MARGIN / flat_miles_per_degree_longitude(edge), 180.0)
    return (lat - dlat, lat + dlat, lon - dlon, lon + dlon)
