"""Offline geocoding: turn a postcode, outcode, town or "lat,lon" into a Place, and measure distances.

Over 400 lines on purpose: the one door to the postcode and place file (built by geodata.py); each kind
of place is asked its own way, and nothing else opens that file.
"""

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
from directory.gazetteer import Gazetteer, NamedPlace, kilometres_apart
from directory.geodata import GeodataUnavailable

__all__ = [
    "OUTCODE_RE",
    "POSTCODE_RE",
    "GeocodingError",
    "GeodataUnavailable",
    "Geocoder",
    "MalformedPostcode",
    "Place",
    "PlaceMatch",
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
    "suggest_places",
    "understand_place",
]

logger = logging.getLogger(__name__)

# Royal Mail's letter rules; both match with or without spaces, in any case.
_OUTWARD = r"[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?"
POSTCODE_RE = re.compile(rf"^\s*({_OUTWARD})\s*([0-9][ABD-HJLNP-UW-Z]{{2}})\s*$", re.IGNORECASE)
OUTCODE_RE = re.compile(rf"^\s*({_OUTWARD})\s*$", re.IGNORECASE)
_COORDINATES_RE = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*,\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")

# A town typed with a postcode ("Worthing BN11") labels it only if it is this close to the postcode.
TOWN_WITH_POSTCODE_MAX_KM = 15.0
# A close spelling is taken as meant from this score (fuzz.ratio out of 100, with the area's bonus) when no
# other place comes within CLEAR_LEAD of it; from OFFER_SCORE it is offered as "Did you mean …?".
CLEAR_SCORE = 88
CLEAR_LEAD = 6
OFFER_SCORE = 80
MOST_OFFERED = 5
SHORTEST_TO_CORRECT = 4  # "Ely" and "Rye" are too short to guess at
# Words after a place that say where it is, not which it is ("Worthing, UK").
COUNTRY_WORDS = frozenset(["uk", "gb", "england", "great britain", "united kingdom", "wales", "scotland", "britain"])
# A partial postcode: one or two letters, then a digit (BN1, bn11 1h).
PARTIAL_POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9]", re.IGNORECASE)
POSTCODE_AREA_RE = re.compile(r"^[A-Z]{1,2}$", re.IGNORECASE)

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


@dataclass(frozen=True)
class PlaceMatch:
    """What a searcher typed and the place it was understood as; `corrected` when the spelling was changed."""

    place: Place
    typed: str
    corrected: bool = False


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
    """`alternatives`: the close names worth offering as "Did you mean …?", best first (may be empty)."""

    def __init__(self, text, message=None, alternatives=()):
        self.text = text
        self.alternatives = tuple(alternatives)
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
    or None: it is asked before the gazetteer, so an alias wins over a same-named place elsewhere. It may
    name a postcode instead, for a village the gazetteer lacks ("Southwick" -> "BN42 4AD": GeoNames knows
    only the Southwick in Wiltshire); the place is then that postcode's, labelled with the name typed.
    `area_aliases()`, if given, returns every alias of the area ({alias key: place}), to correct them too.
    """

    _build_lock = threading.Lock()

    def __init__(self, path, place_meant=None, area_aliases=None):
        self.path = Path(path)
        self.place_meant = place_meant
        self.area_aliases = area_aliases
        self._gazetteer = None
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
        return self._coded("SELECT lat, lon, lad FROM postcode WHERE pc = ?", pc, label, "postcode", postcode=label)

    def lookup_outcode(self, text: str) -> Place:
        if not OUTCODE_RE.match(text):
            raise MalformedPostcode(text)
        oc = normalise_postcode(text)
        return self._coded("SELECT lat, lon, lad FROM outcode WHERE oc = ?", oc, oc.upper(), "outcode")

    def _coded(self, sql, code, label, kind, **place) -> Place:
        """A full postcode's or an outcode's place from its row: unknown, or known with no location, an error."""
        _outside_coverage(label, None)
        row = self._conn().execute(sql, (code,)).fetchone()
        if row is None:
            raise UnknownPostcode(label)
        lat, lon, lad = row
        if lat is None:
            _outside_coverage(label, lad)
            raise PostcodeWithoutLocation(label)
        return Place(label, lat, lon, lad, kind, **place)

    def _village(self, name, meant):
        """The place of an alias that names a postcode, labelled as the alias is written; None for any other."""
        if not meant or not POSTCODE_RE.match(meant):
            return None
        place = self.lookup_postcode(meant)
        key = name_key_of(name)
        label = next((alias for alias in self._aliases() if name_key_of(alias) == key), " ".join(name.split()))
        return Place(label, place.latitude, place.longitude, place.lad_code, "town")

    def lookup_town(self, name: str, prefer_lads: Iterable[str] = ()) -> Place:
        sql = "SELECT name, lat, lon, lad FROM place WHERE name_key = ? ORDER BY postcodes_nearby DESC, rowid"
        meant = self.place_meant(name) if self.place_meant else None
        if village := self._village(name, meant):
            return village
        rows = self._conn().execute(sql, (geodata.name_key(meant),)).fetchall() if meant else []
        # An alias naming a place the gazetteer lacks is an editor's slip: the name typed still counts.
        rows = rows or self._conn().execute(sql, (geodata.name_key(name),)).fetchall()
        if not rows:
            raise PlaceNotFound(name)
        # Rows come biggest first, so this picks the biggest in a preferred district, else the biggest.
        prefer = set(prefer_lads)
        label, lat, lon, lad = next((r for r in rows if r[3] in prefer), rows[0])
        return Place(label, lat, lon, lad, "town")

    def gazetteer(self) -> Gazetteer:
        """Every place name in memory (5,800 rows, read once): prefix and spelling matches need no query."""
        if self._gazetteer is None:
            rows = self._conn().execute(
                "SELECT name, name_key, lat, lon, lad, postcodes_nearby FROM place"
                " ORDER BY postcodes_nearby DESC, rowid"
            )
            self._gazetteer = Gazetteer(rows.fetchall())
        return self._gazetteer

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

    def understand_place(
        self, text: str, prefer_lads: Iterable[str] = (), county: str = "", correct: bool = True
    ) -> PlaceMatch:
        """Read a place as people type it: "Bognor", "Haywards", "Chichster", "Chichester, West Sussex",
        "Worthing BN11". Inside the area (`prefer_lads`, `county`), an alias or the start of a name wins over
        the same name elsewhere; with `correct`, a close spelling with one clear match is taken as meant
        (PlaceMatch.corrected), and several are offered in PlaceNotFound.alternatives.
        """
        typed = " ".join(text.split())
        prefer = frozenset(prefer_lads)
        if not typed or _COORDINATES_RE.match(typed) or POSTCODE_RE.match(typed) or OUTCODE_RE.match(typed):
            return PlaceMatch(self.resolve_place(typed, prefer), typed)
        with_postcode = self._town_with_postcode(typed, prefer)
        if with_postcode is not None:
            return PlaceMatch(with_postcode, typed)
        name = _without_where_words(typed, county)
        if not name or any(c.isdigit() for c in name):
            raise MalformedPostcode(typed)
        return self._understand_town(name, typed, prefer, correct)

    def _town_with_postcode(self, typed, prefer):
        """ "Worthing BN11", "BN11 Worthing", "Worthing, BN11 1HS": the postcode, labelled with the town."""
        words = [word for word in re.split(r"[\s,]+", typed) if word]
        if len(words) < 2:
            return None
        for code, town in _postcode_and_town(words):
            if not town or any(c.isdigit() for c in town):
                continue
            place = self.lookup_postcode(code) if POSTCODE_RE.match(code) else self.lookup_outcode(code)
            meant = self.gazetteer().for_area(prefer).best(name_key_of(self.place_meant(town) or town))
            if meant and kilometres_apart(meant.latitude, meant.longitude, place.latitude, place.longitude) < (
                TOWN_WITH_POSTCODE_MAX_KM
            ):
                return Place(
                    f"{meant.name} {place.label}",
                    place.latitude,
                    place.longitude,
                    place.lad_code,
                    place.kind,
                    place.postcode,
                )
            return place
        return None

    def _understand_town(self, name, typed, prefer, correct):
        area = self.gazetteer().for_area(prefer)
        meant = self.place_meant(name) if self.place_meant else None
        if village := self._village(name, meant):
            return PlaceMatch(village, typed)
        found = area.best(name_key_of(meant)) if meant else None
        key = name_key_of(name)
        exact = area.best(key)
        if found is None and exact is not None and (exact.lad in prefer or not prefer):
            found = exact
        if found is None and prefer:
            starting = area.named_from_start(key)
            if len(starting) == 1 or (len(starting) > 1 and starting[0].size >= 4 * starting[1].size):
                found = starting[0]
            elif starting and exact is None:
                raise _not_found(name, [place.name for place in starting[:MOST_OFFERED]])
        found = found or exact
        if found is not None:
            return PlaceMatch(_town(found), typed)
        if not correct or len(key) < SHORTEST_TO_CORRECT:
            raise PlaceNotFound(name)
        close = area.close_names(key, self._alias_places(area))
        if (
            close
            and close[0].score >= CLEAR_SCORE
            and (len(close) == 1 or close[1].score <= close[0].score - CLEAR_LEAD)
        ):
            return PlaceMatch(_town(close[0].place), typed, corrected=True)
        raise _not_found(name, [c.place.name for c in close if c.score >= OFFER_SCORE][:MOST_OFFERED])

    def _aliases(self):
        return self.area_aliases() if self.area_aliases else {}

    def _alias_places(self, area, starting=""):
        """{alias key: the NamedPlace it means} for the area's aliases (those starting so), a village's from its
        postcode."""
        places = {}
        for alias, meant in self._aliases().items():
            if not name_key_of(alias).startswith(starting):
                continue
            if POSTCODE_RE.match(meant):
                try:
                    point = self.lookup_postcode(meant)
                except GeocodingError:
                    continue  # the admin refuses such an alias; one loaded another way is left out
                named = NamedPlace(alias, name_key_of(alias), point.latitude, point.longitude, point.lad_code, 0)
            else:
                named = area.best(name_key_of(meant))
            if named is not None:
                places[name_key_of(alias)] = named
        return places

    def suggest_places(
        self,
        prefix: str,
        limit: int = 8,
        prefer_lads: Iterable[str] = (),
        county: str = "",
        district_names: dict | None = None,
    ) -> list[dict]:
        """Towns and villages starting with prefix (the area's first, then near it), then postcodes when it
        looks like one: [{"label": "Worthing, West Sussex", "value": "Worthing"}]."""
        text = " ".join(prefix.split())[:MAX_SUGGEST_PREFIX]
        key = name_key_of(text)
        if not key or limit < 1:
            return []
        prefer = frozenset(prefer_lads)
        district_names = district_names or {}
        suggestions = []
        if not any(c.isdigit() for c in key):
            area = self.gazetteer().for_area(prefer)
            # The area's villages the gazetteer lacks (aliases to a postcode) first: they are the area's own.
            villages = [
                place
                for alias_key, place in sorted(self._alias_places(area, starting=key).items())
                if place.key == alias_key
            ]
            # A same-named place elsewhere is left out: in this area the name means the village.
            village_keys = {village.key for village in villages}
            others = [place for place in area.starting_with(key, limit) if place.key not in village_keys]
            for place in [*villages, *others][:limit]:
                label = f"{place.name}, {county}" if county and place.lad in prefer else place.name
                suggestions.append({"label": label, "value": place.name})
        compact = normalise_postcode(text)
        if (
            len(suggestions) < limit
            and compact.isalnum()
            and compact.isascii()
            and (PARTIAL_POSTCODE_RE.match(compact) or POSTCODE_AREA_RE.match(compact))
        ):
            suggestions += self._postcodes_starting(compact, limit - len(suggestions), prefer, district_names)
        return suggestions

    def _postcodes_starting(self, compact, limit, prefer, district_names):
        """Outcodes then full postcodes starting with compact, each an indexed range query on the primary key."""
        conn = self._conn()
        found = []
        rows = conn.execute(
            "SELECT oc, lad FROM outcode WHERE oc >= ? AND oc < ? AND lat IS NOT NULL", (compact, compact + "~")
        ).fetchall()
        rows.sort(key=lambda row: (row[1] not in prefer, len(row[0]), row[0]))
        for oc, lad in rows[:limit]:
            district = district_names.get(lad)
            label = f"{oc.upper()}, {district}" if district else oc.upper()
            found.append({"label": label, "value": oc.upper()})
        if len(found) < limit and len(compact) >= 3:
            rows = conn.execute(
                "SELECT pc, lad FROM postcode WHERE pc >= ? AND pc < ? AND lat IS NOT NULL LIMIT ?",
                (compact, compact + "~", limit - len(found)),
            ).fetchall()
            for pc, lad in rows:
                label = format_postcode(pc)
                district = district_names.get(lad)
                found.append({"label": f"{label}, {district}" if district else label, "value": label})
        return found


MAX_SUGGEST_PREFIX = 60


def name_key_of(text):
    return geodata.name_key(text or "")


def _town(named):
    return Place(named.name, named.latitude, named.longitude, named.lad, "town")


def _not_found(name, alternatives):
    if not alternatives:
        return PlaceNotFound(name)
    error = PlaceNotFound(
        name,
        _("We could not find a town or village called '%(text)s'. Did you mean %(places)s?"),
        alternatives=alternatives,
    )
    error.params["places"] = ", ".join(alternatives)
    return error


def _without_where_words(typed, county):
    """ "Chichester, West Sussex" and "Chichester West Sussex" -> "Chichester"; "Worthing, UK" -> "Worthing"."""
    head, comma, _tail = typed.partition(",")
    if comma and head.strip():
        return head.strip()
    key = name_key_of(typed)
    endings = set(COUNTRY_WORDS)
    if county:
        county_key = name_key_of(county)
        endings |= {county_key, county_key.split()[-1]}
    for ending in sorted(endings, key=len, reverse=True):
        if key.endswith(" " + ending) and len(key) > len(ending) + 1:
            return key[: -len(ending) - 1]
    return typed


def _postcode_and_town(words):
    """Ways to read words as a postcode or outcode at either end, and a town: [(code, town)]."""
    readings = []
    if len(words) >= 3 and POSTCODE_RE.match(" ".join(words[-2:])):
        readings.append((" ".join(words[-2:]), " ".join(words[:-2])))
    if POSTCODE_RE.match(words[-1]) or OUTCODE_RE.match(words[-1]):
        readings.append((words[-1], " ".join(words[:-1])))
    if len(words) >= 3 and POSTCODE_RE.match(" ".join(words[:2])):
        readings.append((" ".join(words[:2]), " ".join(words[2:])))
    if POSTCODE_RE.match(words[0]) or OUTCODE_RE.match(words[0]):
        readings.append((words[0], " ".join(words[1:])))
    # An outcode pattern also fits some words ("A1" yes, but never a word without a digit).
    return [(code, town) for code, town in readings if any(c.isdigit() for c in code)]


@functools.cache
def default_geocoder() -> Geocoder:
    """The site's Geocoder, on settings.GEODATA_PATH with the area's place aliases, created on first use.

    cache_clear() to reset.
    """
    from django.conf import settings

    from directory.places import area_aliases, place_meant

    return Geocoder(settings.GEODATA_PATH, place_meant=place_meant, area_aliases=area_aliases)


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


def understand_place(text: str, prefer_lads: Iterable[str] = (), county: str = "", correct: bool = True) -> PlaceMatch:
    return default_geocoder().understand_place(text, prefer_lads, county, correct)


def site_area():
    """(district codes, {code: district name}, county) of the site's area profile (settings.EARLYHELP_AREA)."""
    from django.conf import settings

    return _area(settings.EARLYHELP_AREA)


@functools.cache
def _area(slug):
    from directory.area_profiles import UnknownArea, read_area

    try:
        profile = read_area(slug)
    except UnknownArea:
        return (), {}, ""
    districts = {row["code"]: row["name"] for row in profile["districts"]}
    return tuple(districts), districts, profile.get("county", "")


def suggest_places(prefix: str, limit: int = 8) -> list[dict]:
    """Place autocomplete for the site's area: [{"label": "Worthing, West Sussex", "value": "Worthing"}]."""
    lads, names, county = site_area()
    return default_geocoder().suggest_places(prefix, limit, prefer_lads=lads, county=county, district_names=names)
