"""The facts a family relies on, checked in each ORUK service before it counts: places, ages, addresses, names."""

import math
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from directory import geo
from directory.gazetteer import kilometres_apart

# Great Britain and Northern Ireland with their islands, Scilly to Shetland; anything outside is a typo or (0, 0).
UK_LATITUDES = (49.8, 61.0)
UK_LONGITUDES = (-8.7, 2.0)
OLDEST_AGE = 120
_email = EmailValidator()
_HOST_RE = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$")


def tolerance_km() -> float:
    """How far given coordinates may sit from their postcode's centre (rural postcodes cover a few km)."""
    return settings.ORUK_POSTCODE_TOLERANCE_KM


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _shown(value) -> str:
    text = repr(value)  # quoted when it is text; a number or True as it is
    return text if len(text) <= 60 else text[:57] + "..."


def web_address_problem(value) -> str | None:
    text = _text(value)
    if not text:
        return None
    parts = urlsplit(text) if len(text) <= 2000 else None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname  # "https://" alone, or only a port
        or not _HOST_RE.match(parts.netloc)
    ):
        return f"{_shown(value)} is not a web address (http:// or https:// and a host)"
    if "." not in parts.hostname and parts.hostname != "localhost":
        return f"{_shown(value)} is not a web address (its host has no domain)"
    return None


def email_problem(value) -> str | None:
    text = _text(value)
    if not text:
        return None
    try:
        _email(text)
    except ValidationError:
        return f"{_shown(value)} is not an email address"
    return None


class Checks:
    """Collects (JSONPath, reason) for one record."""

    def __init__(self):
        self.found: list[tuple[str, str]] = []

    def add(self, path, reason):
        self.found.append((path, reason))

    def text_required(self, record, key, path):
        if not _text(record.get(key)):
            self.add(f"{path}.{key}", "is required and is empty")

    def web_address(self, record, key, path):
        if (problem := web_address_problem(record.get(key))) is not None:
            self.add(f"{path}.{key}", problem)

    def email(self, record, key, path):
        if (problem := email_problem(record.get(key))) is not None:
            self.add(f"{path}.{key}", problem)

    def ages(self, service, path):
        ages = {}
        for key in ("minimum_age", "maximum_age"):
            value = service.get(key)
            if value is None:
                continue
            if not _is_number(value) or not math.isfinite(value) or not 0 <= value <= OLDEST_AGE:
                self.add(f"{path}.{key}", f"{_shown(value)} is not an age (0 to {OLDEST_AGE})")
            else:
                ages[key] = value
        if len(ages) == 2 and ages["minimum_age"] > ages["maximum_age"]:
            self.add(
                f"{path}.minimum_age",
                f"the minimum age {ages['minimum_age']:g} is above the maximum age {ages['maximum_age']:g}",
            )

    def location(self, location, path):
        """A place people go: inside the UK, at a postcode that geocodes, and the two agreeing."""
        latitude, longitude = location.get("latitude"), location.get("longitude")
        given = latitude is not None or longitude is not None
        point = None
        if given:
            point = self._coordinates(latitude, longitude, path)
        addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
        address = next((a for a in addresses if a.get("address_type") == "physical"), addresses[0] if addresses else {})
        postcode = _text(address.get("postal_code"))
        place = None
        if postcode:
            where = f"{path}.addresses[{addresses.index(address)}].postal_code"
            try:
                place = geo.lookup_postcode(postcode)
            except geo.MalformedPostcode:
                self.add(where, f"{_shown(postcode)} is not a UK postcode")
            except geo.UnknownPostcode:
                self.add(where, f"{_shown(postcode)} is not a postcode we can place (Great Britain only)")
            except geo.GeocodingError as error:
                self.add(where, f"{_shown(postcode)} does not geocode: {error}")
        elif not given:
            self.add(path, "a place people go needs a postcode, or a latitude and longitude")
        if point is not None and place is not None:
            away = kilometres_apart(*point, place.latitude, place.longitude)
            if away > tolerance_km():
                self.add(
                    f"{path}.latitude",
                    f"({point[0]:g}, {point[1]:g}) is {away:,.0f} km from the postcode {place.postcode} "
                    f"(more than {tolerance_km():g} km)",
                )

    def _coordinates(self, latitude, longitude, path) -> tuple[float, float] | None:
        problems_before = len(self.found)
        for key, value, limit, noun in (
            ("latitude", latitude, 90, "latitude"),
            ("longitude", longitude, 180, "longitude"),
        ):
            if value is None:
                self.add(
                    f"{path}.{key}", f"is missing while the {'longitude' if key == 'latitude' else 'latitude'} is given"
                )
            elif not _is_number(value) or not math.isfinite(value) or not -limit <= value <= limit:
                self.add(f"{path}.{key}", f"{_shown(value)} is not a {noun}")
        if len(self.found) > problems_before:
            return None
        if not (UK_LATITUDES[0] <= latitude <= UK_LATITUDES[1] and UK_LONGITUDES[0] <= longitude <= UK_LONGITUDES[1]):
            self.add(f"{path}.latitude", f"({latitude:g}, {longitude:g}) is outside the UK")
            return None
        return float(latitude), float(longitude)


def organisation_problems(organisation: dict, path: str) -> list[tuple[str, str]]:
    checks = Checks()
    checks.text_required(organisation, "name", path)
    checks.web_address(organisation, "website", path)
    checks.email(organisation, "email", path)
    return checks.found


def service_problems(service: dict, path: str) -> list[tuple[str, str]]:
    """(JSONPath, reason) for each fact in `service` a family could not rely on; empty when it may go in.
    Fields left out are fine: only what is given is checked."""
    checks = Checks()
    checks.text_required(service, "name", path)
    checks.web_address(service, "url", path)
    checks.email(service, "email", path)
    checks.ages(service, path)
    for i, contact in enumerate(service.get("contacts") or []):
        if isinstance(contact, dict):
            checks.email(contact, "email", f"{path}.contacts[{i}]")
    if isinstance(service.get("organization"), dict):
        checks.found.extend(organisation_problems(service["organization"], f"{path}.organization"))
    for i, link in enumerate(service.get("service_at_locations") or []):
        location = link.get("location") if isinstance(link, dict) else None
        if isinstance(location, dict) and location.get("location_type", "physical") == "physical":
            checks.location(location, f"{path}.service_at_locations[{i}].location")
    return checks.found
