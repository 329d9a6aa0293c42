"""Offline geocoding: turn a postcode, outcode, town or "lat,lon" into a Place, and measure distances."""

import functools
import logging
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from directory import geodata
from directory.distance import bounding_box, distance_miles
from directory.geodata import GeodataUnavailable

__all__ = [
    "OUTCODE_RE",
    "POSTCODE_RE",
    "GeocodingError",
    "GeodataUnavailable",
    "Geocoder",
    "MalformedPostcode",
    "Place",
    "PlaceNotFound",
    "PostcodeWithoutLocation",
    "UnknownPostcode",
    "bounding_box",
    "default_geocoder",
    "distance_miles",
    "format_postcode",
    "lookup_outcode",
    "lookup_postcode",
    "lookup_town",
    "nearest_lad",
    "normalise_postcode",
    "resolve_place",
]

logger = logging.getLogger(__name__)

# Royal Mail's letter rules; both match with or without spaces, in any case.
_OUTWARD = r"[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?"
POSTCODE_RE = re.compile(rf"^\s*({_OUTWARD})\s*([0-9][ABD-HJLNP-UW-Z]{{2}})\s*$", re.IGNORECASE)
OUTCODE_RE = re.compile(rf"^\s*({_OUTWARD})\s*$", re.IGNORECASE)
_COORDINATES_RE = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*,\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")

# Crown dependencies: in the postcode directory under these pseudo-LAD codes, with no grid reference.
_NO_LOCATION_LADS = {"L99999999", "M99999999"}

# Coordinates typed or sent by a browser further than this from any GB postcode
# (at sea, abroad, Northern Ireland) belong to no district we know.
NEAREST_LAD_MAX_KM = 10.0


def normalise_postcode(text: str) -> str:
    """Lower case with all whitespace removed: "  bn11   1hs " -> "bn111hs"."""
    return "".join(text.split()).lower()


def format_postcode(text: str) -> str:
    """Display form, "BN11 1HS"; the inward code is always the last three characters."""
    pc = normalise_postcode(text).upper()
    return f"{pc[:-3]} {pc[-3:]}" if len(pc) > 4 else pc


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float
    lad_code: str | None
    kind: str  # "postcode" | "outcode" | "town" | "coordinates"
    postcode: str | None = None


class GeocodingError(ValueError):
    """Text that names no place we can locate; str() is a message to show the person who typed it.

    The message is translated when shown, not when raised, so a Polish page says it in Polish; its
    placeholders are named (%(postcode)s) so translators may move them.
    """

    def __init__(self, message, **params):
        self.message = message
        self.params = params
        super().__init__(message)

    def __str__(self):
        return str(self.message) % self.params


class MalformedPostcode(GeocodingError):
    def __init__(self, text):
        self.text = text
        super().__init__(_("'%(text)s' is not a valid UK postcode. Enter a postcode like BN11 1HS."), text=text.strip())


class UnknownPostcode(GeocodingError):
    def __init__(self, postcode, message=None):
        self.postcode = postcode
        super().__init__(
            message or _("We could not find the postcode %(postcode)s. Check it and try again."), postcode=postcode
        )


class PostcodeWithoutLocation(GeocodingError):
    def __init__(self, postcode, message=None):
        self.postcode = postcode
        super().__init__(
            message
            or _(
                "The postcode %(postcode)s is no longer in use (it has no location). "
                "Use the current postcode for this address."
            ),
            postcode=postcode,
        )


class PlaceNotFound(GeocodingError):
    def __init__(self, text, message=None):
        self.text = text
        super().__init__(
            message
            or _("We could not find a town or village called '%(text)s'. Check the spelling, or enter a postcode."),
            text=text.strip(),
        )


def _outside_coverage(code, lad):
    """Raise for postcodes we deliberately cannot place."""
    if code.upper().startswith("BT"):
        # Left out of the database: Northern Ireland data has a restricted licence.
        raise UnknownPostcode(
            code,
            _(
                "We cannot look up Northern Ireland postcodes such as %(postcode)s. "
                "Enter a postcode or town in England, Scotland or Wales."
            ),
        )
    if lad in _NO_LOCATION_LADS:
        raise PostcodeWithoutLocation(
            code,
            _(
                "We have no locations for Channel Islands or Isle of Man postcodes such as %(postcode)s. "
                "Enter a postcode or town in England, Scotland or Wales."
            ),
        )


class Geocoder:
    """Look-ups against one geodata SQLite file, built there on first use if missing.

    `place_meant(name)`, if given, names the place an alias stands for ("Bognor" -> "Bognor Regis"),
    or None: it is asked before the gazetteer, so an alias wins over a same-named place elsewhere.
    """

    _build_lock = threading.Lock()

    def __init__(self, path, place_meant=None):
        self.path = Path(path)
        self.place_meant = place_meant
        self._local = threading.local()
        self._checked = False

    def _conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            self._ensure_built()
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            conn = self._local.conn = sqlite3.connect(uri, uri=True, check_same_thread=True)
        return conn

    def close(self):
        """Close this thread's connection (others close with their threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _ensure_built(self):
        if self._checked:
            return
        with self._build_lock:
            if self._checked:
                return
            if not self.path.exists():
                logger.warning("Geodata file %s is missing: building it (about 20 s)", self.path)
                geodata.build(self.path)
            elif self._schema_version() != geodata.SCHEMA_VERSION:
                logger.warning("Geodata file %s is from an older version: rebuilding it", self.path)
                geodata.build(self.path)
            self._checked = True

    def _schema_version(self):
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.DatabaseError:
            return None
        finally:
            conn.close()
        return row[0] if row else None

    def lookup_postcode(self, text: str) -> Place:
        if not POSTCODE_RE.match(text):
            raise MalformedPostcode(text)
        pc = normalise_postcode(text)
        label = format_postcode(pc)
        _outside_coverage(label, None)
        row = self._conn().execute("SELECT lat, lon, lad FROM postcode WHERE pc = ?", (pc,)).fetchone()
        if row is None:
            raise UnknownPostcode(label)
        lat, lon, lad = row
        if lat is None:
            _outside_coverage(label, lad)
            raise PostcodeWithoutLocation(label)
        return Place(label, lat, lon, lad, "postcode", postcode=label)

    def lookup_outcode(self, text: str) -> Place:
        if not OUTCODE_RE.match(text):
            raise MalformedPostcode(text)
        oc = normalise_postcode(text)
        label = oc.upper()
        _outside_coverage(label, None)
        row = self._conn().execute("SELECT lat, lon, lad FROM outcode WHERE oc = ?", (oc,)).fetchone()
        if row is None:
            raise UnknownPostcode(label)
        lat, lon, lad = row
        if lat is None:
            _outside_coverage(label, lad)
            raise PostcodeWithoutLocation(label)
        return Place(label, lat, lon, lad, "outcode")

    def lookup_town(self, name: str, prefer_lads: Iterable[str] = ()) -> Place:
        sql = "SELECT name, lat, lon, lad FROM place WHERE name_key = ? ORDER BY postcodes_nearby DESC, rowid"
        meant = self.place_meant(name) if self.place_meant else None
        rows = self._conn().execute(sql, (geodata.name_key(meant),)).fetchall() if meant else []
        # An alias naming a place the gazetteer lacks is an editor's slip: the name typed still counts.
        rows = rows or self._conn().execute(sql, (geodata.name_key(name),)).fetchall()
        if not rows:
            raise PlaceNotFound(name)
        # Rows come biggest first, so this picks the biggest in a preferred district, else the biggest.
        prefer = set(prefer_lads)
        label, lat, lon, lad = next((r for r in rows if r[3] in prefer), rows[0])
        return Place(label, lat, lon, lad, "town")

    def nearest_lad(self, lat: float, lon: float) -> str | None:
        found = geodata.nearest_postcode(self._conn(), lat, lon, NEAREST_LAD_MAX_KM)
        return found[3] if found else None

    def resolve_place(self, text: str, prefer_lads: Iterable[str] = ()) -> Place:
        if not text or not text.strip():
            raise PlaceNotFound("", _("Enter a postcode, or the name of a town or village."))
        if match := _COORDINATES_RE.match(text):
            lat, lon = float(match[1]), float(match[2])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise PlaceNotFound(
                    text,
                    _(
                        "'%(text)s' is not a valid latitude and longitude. "
                        "Enter them like 50.81, -0.37, or enter a postcode."
                    ),
                )
            return Place(f"{lat:.5f}, {lon:.5f}", lat, lon, self.nearest_lad(lat, lon), "coordinates")
        if POSTCODE_RE.match(text):
            return self.lookup_postcode(text)
        if OUTCODE_RE.match(text):
            return self.lookup_outcode(text)
        # No town or village name has a digit in it, so this was meant as a postcode.
        if any(c.isdigit() for c in text):
            raise MalformedPostcode(text)
        return self.lookup_town(text, prefer_lads)


@functools.cache
def default_geocoder() -> Geocoder:
    """The site's Geocoder, on settings.GEODATA_PATH with the area's place aliases, created on first use.

    cache_clear() to reset.
    """
    from django.conf import settings

    from directory.places import place_meant

    return Geocoder(settings.GEODATA_PATH, place_meant=place_meant)


def lookup_postcode(text: str) -> Place:
    return default_geocoder().lookup_postcode(text)


def lookup_outcode(text: str) -> Place:
    return default_geocoder().lookup_outcode(text)


def lookup_town(name: str, prefer_lads: Iterable[str] = ()) -> Place:
    return default_geocoder().lookup_town(name, prefer_lads)


def resolve_place(text: str, prefer_lads: Iterable[str] = ()) -> Place:
    return default_geocoder().resolve_place(text, prefer_lads)


def nearest_lad(lat: float, lon: float) -> str | None:
    return default_geocoder().nearest_lad(lat, lon)
