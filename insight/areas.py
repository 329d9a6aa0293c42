"""District shapes for the map, read from directory/areas/<area>.geojson (approximate; see make_district_shapes)."""

import json
from dataclasses import dataclass
from functools import cache

from directory.area_profiles import AREAS_DIR, available_areas


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    rings: tuple  # rings of (lon, lat) points; holes are drawn with the even-odd rule
    label_point: tuple  # (lon, lat) inside the district, where its name and number go


@cache
def _area_shapes(slug):
    path = AREAS_DIR / f"{slug}.geojson"
    if not path.exists():
        return ()
    shapes = []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = tuple(tuple(tuple(point) for point in ring) for polygon in polygons for ring in polygon)
        properties = feature["properties"]
        shapes.append(Shape(properties["code"], properties["name"], rings, tuple(properties["label_point"])))
    return tuple(shapes)


def shapes_for(district_codes):
    """The shapes of the area whose districts these are (the loaded area), or () when none is shipped."""
    wanted = set(district_codes)
    for slug in available_areas():
        shapes = _area_shapes(slug)
        if wanted and wanted & {shape.code for shape in shapes}:
            return tuple(shape for shape in shapes if shape.code in wanted)
    return ()
