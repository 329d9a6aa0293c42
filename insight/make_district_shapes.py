"""Make approximate district shapes for the map from the offline postcode data: run once, commit the GeoJSON.

    python -m insight.make_district_shapes var/geo.sqlite3

No boundary data can be fetched here, and no package on PyPI or npm ships ONS LAD boundaries, so each
area's districts are drawn as a grid cartogram: Great Britain is cut into square cells of about 2 km,
each cell goes to the district with most postcodes in it, empty cells surrounded by one district are
filled, and each district's cells are merged into outline rings. The result is honest but approximate
(coastlines and borders are stepped to the grid): "derived from ONS Postcode Directory, OGL v3;
approximate". Written to directory/areas/<area>.geojson.
"""

import json
import math
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

# Read the area files directly: this runs without Django.
AREAS_DIR = Path(__file__).resolve().parent.parent / "directory" / "areas"

CELL_KM = 2.0
ATTRIBUTION = (
    "Approximate district shapes derived from the ONS Postcode Directory (postcode centroids and LAD codes). "
    "Contains OS data © Crown copyright and database right; Contains Royal Mail data; Source: Office for "
    "National Statistics licensed under the Open Government Licence v.3.0."
)


def grid_cells(conn, codes):
    """{(column, row): district code} for cells where the area's districts have most postcodes."""
    placeholders = ",".join("?" * len(codes))
    rows = conn.execute(
        f"SELECT lat, lon, lad FROM postcode WHERE lad IN ({placeholders}) AND lat IS NOT NULL",  # noqa: S608
        list(codes),
    ).fetchall()
    mean_lat = sum(lat for lat, _, _ in rows) / len(rows)
    lat_step = CELL_KM / 111.32
    lon_step = lat_step / math.cos(math.radians(mean_lat))
    votes = defaultdict(Counter)
    for lat, lon, lad in rows:
        votes[(math.floor(lon / lon_step), math.floor(lat / lat_step))][lad] += 1
    cells = {cell: counter.most_common(1)[0][0] for cell, counter in votes.items()}
    return _fill_holes(cells), lon_step, lat_step


def _fill_holes(cells):
    """Give an empty cell to a district when at least 6 of its 8 neighbours belong to it (fields, parks)."""
    columns = [c for c, _ in cells]
    rows = [r for _, r in cells]
    filled = dict(cells)
    for c in range(min(columns), max(columns) + 1):
        for r in range(min(rows), max(rows) + 1):
            if (c, r) in cells:
                continue
            around = Counter(
                cells[(c + dc, r + dr)]
                for dc in (-1, 0, 1)
                for dr in (-1, 0, 1)
                if (dc or dr) and (c + dc, r + dr) in cells
            )
            if around and around.most_common(1)[0][1] >= 6:
                filled[(c, r)] = around.most_common(1)[0][0]
    return filled


def outline(cells):
    """The boundary rings of a set of grid cells, as lists of (column, row) corners."""
    edges = {}
    for c, r in cells:
        # Each cell's edges counter-clockwise; an edge shared with a neighbour in the set is not a boundary.
        for start, end, neighbour in (
            ((c, r), (c + 1, r), (c, r - 1)),
            ((c + 1, r), (c + 1, r + 1), (c + 1, r)),
            ((c + 1, r + 1), (c, r + 1), (c, r + 1)),
            ((c, r + 1), (c, r), (c - 1, r)),
        ):
            if neighbour not in cells:
                edges.setdefault(start, []).append(end)
    rings = []
    while edges:
        start = next(iter(edges))
        ring, point = [start], start
        while True:
            following = edges[point].pop()
            if not edges[point]:
                del edges[point]
            if following == start:
                break
            ring.append(following)
            point = following
        rings.append(_drop_straight_points(ring))
    return rings


def _drop_straight_points(ring):
    kept = []
    for i, point in enumerate(ring):
        before, after = ring[i - 1], ring[(i + 1) % len(ring)]
        if not ((before[0] == point[0] == after[0]) or (before[1] == point[1] == after[1])):
            kept.append(point)
    return kept


def _label_cell(cells):
    """The cell deepest inside the district (most neighbours of its own), nearest the middle."""
    cx = sum(c for c, _ in cells) / len(cells)
    cy = sum(r for _, r in cells) / len(cells)

    def depth(cell):
        c, r = cell
        inside = sum((c + dc, r + dr) in cells for dc in range(-2, 3) for dr in range(-2, 3))
        return (inside, -((c - cx) ** 2 + (r - cy) ** 2))

    return max(cells, key=depth)


def area_geojson(conn, slug):
    area = json.loads((AREAS_DIR / f"{slug}.json").read_text(encoding="utf-8"))
    names = {district["code"]: district["name"] for district in area["districts"]}
    cells, lon_step, lat_step = grid_cells(conn, list(names))
    by_district = defaultdict(set)
    for cell, code in cells.items():
        by_district[code].add(cell)
    features = []
    for code, name in names.items():
        own = by_district.get(code, set())
        if not own:
            continue
        rings = [[[round(c * lon_step, 5), round(r * lat_step, 5)] for c, r in ring] for ring in outline(own)]
        rings = [ring + [ring[0]] for ring in rings]
        label_c, label_r = _label_cell(own)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": name,
                    "cells": len(own),
                    "label_point": [round((label_c + 0.5) * lon_step, 5), round((label_r + 0.5) * lat_step, 5)],
                },
                # One polygon per ring: holes are drawn with the even-odd rule by insight.charts.
                "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in rings]},
            }
        )
    return {
        "type": "FeatureCollection",
        "name": f"{area['name']} districts (approximate)",
        "attribution": ATTRIBUTION,
        "method": f"grid cartogram of {CELL_KM:g} km cells, each given to the district with most postcodes in it",
        "features": features,
    }


def main(geodata_path):
    conn = sqlite3.connect(f"file:{geodata_path}?mode=ro", uri=True)
    for slug in sorted(path.stem for path in AREAS_DIR.glob("*.json")):
        collection = area_geojson(conn, slug)
        path = AREAS_DIR / f"{slug}.geojson"
        path.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{path}: {len(collection['features'])} districts")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/geo.sqlite3")
