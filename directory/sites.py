"""Which of a service's sites a family is shown, and what a confidential site (a refuge) may show of itself.

One rule for every output (search results, the shortlist and its print, posters, JSON-LD):
- near a place: the site nearest to it;
- for a district: the first site in that district (a district poster lists every site there);
- otherwise: the first site in the editor's order.
A confidential site takes part at its district's centre, never at its own door.
"""

import functools
import json
import math
from pathlib import Path

from directory.distance import MILES_PER_DEGREE, distance_miles

AREAS_DIR = Path(__file__).resolve().parent / "areas"
# An outcode's centre rounded to two places (about a kilometre): the fallback for a confidential site whose
# district has no shape in the loaded area files.
COARSE_DECIMALS = 2


# --- District centres ---------------------------------------------------------------


def _ring_centroid(ring):
    """(signed area, x, y) of a closed ring of [lon, lat] points, by the shoelace formula."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    area /= 2
    if not area:
        return 0.0, 0.0, 0.0
    return area, cx / (6 * area), cy / (6 * area)


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


@functools.cache
def district_centres():
    """{LAD code: (lat, lon)}: the centroid of each district's shape in the area files (holes subtracted)."""
    centres = {}
    for path in sorted(AREAS_DIR.glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            total = sum_x = sum_y = 0.0
            for polygon in _polygons(feature["geometry"]):
                for index, ring in enumerate(polygon):
                    area, x, y = _ring_centroid([tuple(point[:2]) for point in ring])
                    # The outer ring counts positive, holes negative, whichever way round they are drawn.
                    area = abs(area) if index == 0 else -abs(area)
                    total += area
                    sum_x += area * x
                    sum_y += area * y
            if total:
                centres[feature["properties"]["code"]] = (round(sum_y / total, 5), round(sum_x / total, 5))
    return centres


def district_centre(code):
    """(lat, lon) of a district's centre, or None for a district the area files do not draw."""
    return district_centres().get(code or "")


def nearest_district(latitude, longitude, codes):
    """The code among `codes` whose district centre is nearest the point; None when none has a centre."""
    measured = [
        (distance_miles(latitude, longitude, *district_centre(code)), code) for code in codes if district_centre(code)
    ]
    return min(measured)[1] if measured else None


# --- What a site shows ----------------------------------------------------------------


def _coarse_outcode_point(location):
    from directory import geo  # geo reads the postcode data: imported only when a fallback is needed

    postcode = geo.normalise_postcode(location.postcode or "")
    if len(postcode) < 5:
        return None
    try:
        place = geo.lookup_outcode(postcode[:-3])
    except geo.GeocodingError:
        return None
    return round(place.latitude, COARSE_DECIMALS), round(place.longitude, COARSE_DECIMALS)


def public_point(location):
    """(lat, lon) where a site may be shown and measured from: its own, or for a confidential site a coarse
    point (its district's centre); None when it has neither."""
    if getattr(location, "confidential", False):
        return district_centre(location.lad_code) or _coarse_outcode_point(location)
    if location.latitude is None or location.longitude is None:
        return None
    return location.latitude, location.longitude


def area_name(location):
    """The words a confidential site is placed by: its district's name, else its town."""
    district = getattr(location, "district", None)
    return district.name if district is not None else (location.town or "")


# --- Choosing the site ------------------------------------------------------------------


def _point_of(thing):
    """A point as (lat, lon) from a Place, a (lat, lon) pair or None."""
    if thing is None:
        return None
    if isinstance(thing, tuple | list):
        return float(thing[0]), float(thing[1])
    return thing.latitude, thing.longitude


def _district_code(district):
    return getattr(district, "code", district) or ""


def _located(location):
    """(location, its point) for anything with latitude/longitude: a Location (public point) or an index row."""
    if hasattr(location, "confidential") and hasattr(location, "lad_code"):
        return public_point(location)
    if location.latitude is None or location.longitude is None:
        return None
    return location.latitude, location.longitude


def could_be_nearest(latitude, longitude, located):
    """The (location, point) pairs worth an exact (and slow: 60 µs) geodesic distance.

    A flat-earth estimate at the mean latitude is within half a percent of the geodesic anywhere in Great
    Britain, so a site estimated more than 10% farther than the nearest estimate is never the nearest.
    """
    estimates = []
    for _location, (lat, lon) in located:
        across = (lon - longitude) * math.cos(math.radians((lat + latitude) / 2))
        estimates.append(MILES_PER_DEGREE * math.hypot(lat - latitude, across))
    closest = min(estimates)
    return [pair for pair, estimate in zip(located, estimates, strict=True) if estimate <= closest * 1.1 + 0.1]


def nearest_site(locations, point):
    """(the site nearest the point, geodesic miles to it): the first site and None without a point or a
    located site. Ties keep the editor's order."""
    locations = list(locations)
    if not locations:
        return None, None
    point = _point_of(point)
    located = [(location, _located(location)) for location in locations]
    located = [(location, where) for location, where in located if where is not None]
    if point is None or not located:
        return locations[0], None
    measured = [
        (distance_miles(point[0], point[1], lat, lon), order, location)
        for order, (location, (lat, lon)) in enumerate(could_be_nearest(point[0], point[1], located))
    ]
    miles, _order, location = min(measured, key=lambda row: row[:2])
    return location, miles


def _sites(service_or_locations):
    locations = getattr(service_or_locations, "locations", service_or_locations)
    return list(locations.all() if hasattr(locations, "all") else locations)


def sites_in(service, district):
    """The service's sites in a district (a DistrictTag or LAD code), in the editor's order."""
    code = _district_code(district)
    return [location for location in _sites(service) if location.lad_code == code]


def site_for(service, point=None, district=None):
    """The one site to show for a service: nearest the point, else first in the district, else first."""
    locations = _sites(service)
    if not locations:
        return None
    if point is not None:
        return nearest_site(locations, point)[0]
    if district:
        in_district = sites_in(locations, district)
        if in_district:
            return in_district[0]
    return locations[0]


def sites_in_order(service, point=None, district=None):
    """Every site, the chosen one first, then the rest in the editor's order."""
    locations = _sites(service)
    chosen = site_for(locations, point, district)
    return [chosen, *[location for location in locations if location is not chosen]] if chosen else []
