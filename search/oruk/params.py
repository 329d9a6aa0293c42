"""The ORUK API's query parameters, read strictly: a bad value is a 400 that names it, never a 500."""

import datetime
import math
import re
import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _

from directory.exchange.oruk import ICAL_DAYS, VOCABULARIES

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 100_000
MAX_AGE = 120
# Wider than any county; a bigger circle would make one request touch every location in the country.
MAX_PROXIMITY_METRES = 200_000
MAX_SEARCH_WORDS = 10
MAX_SEARCH_LENGTH = 200
MAX_PLACE_LENGTH = 100
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")


class BadParameter(ValueError):
    """str() is the message for the caller; `parameter` names the culprit."""

    def __init__(self, parameter, message):
        self.parameter = parameter
        super().__init__(message)


def text_value(params, name) -> str | None:
    """The value as sent, None when absent: "page=" or " 2" is as wrong as "page=two", as the document says."""
    return params.get(name)


def whole_number(params, name, default, minimum, maximum):
    value = text_value(params, name)
    if value is None:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", value) or not minimum <= int(value) <= maximum:
        raise BadParameter(
            name,
            _("%(name)s must be a whole number from %(minimum)s to %(maximum)s.")
            % {"name": name, "minimum": minimum, "maximum": maximum},
        )
    return int(value)


def number(params, name, minimum, maximum, *, above_minimum=False):
    value = text_value(params, name)
    if value is None:
        return None
    try:
        parsed = float(value)
    except ValueError:
        parsed = math.nan
    if not math.isfinite(parsed) or not minimum <= parsed <= maximum or (above_minimum and parsed == minimum):
        raise BadParameter(
            name,
            (
                _("%(name)s must be a number more than %(minimum)s and at most %(maximum)s.")
                if above_minimum
                else _("%(name)s must be a number from %(minimum)s to %(maximum)s.")
            )
            % {"name": name, "minimum": minimum, "maximum": maximum},
        )
    return parsed


def time_of_day(params, name) -> datetime.time | None:
    value = text_value(params, name)
    if value is None:
        return None
    match = _TIME_RE.match(value)
    if not match:
        raise BadParameter(name, _("%(name)s must be a time like 09:30 (24-hour clock).") % {"name": name})
    return datetime.time(int(match[1]), int(match[2]), int(match[3] or 0))


def weekday(params, name="day") -> int | None:
    """0 for Monday, as OpeningTime.weekday: from MO..SU (as in ORUK's byday) or the day's name."""
    value = text_value(params, name)
    if value is None:
        return None
    if value.upper() in ICAL_DAYS:
        return ICAL_DAYS.index(value.upper())
    if value.lower() in DAY_NAMES:
        return DAY_NAMES.index(value.lower())
    raise BadParameter(name, _("day must be a day of the week, like MO or Monday."))


def uuid_list(params, name) -> list[uuid.UUID]:
    """One id, or several separated by commas (any of them matches)."""
    value = text_value(params, name)
    if value is None:
        return []
    ids = []
    for part in value.split(","):
        try:
            ids.append(uuid.UUID(part.strip()))
        except ValueError:
            raise BadParameter(
                name,
                _("%(name)s must be an id like %(example)s.")
                % {
                    "name": name,
                    "example": "6c8a1e0e-3f4b-5a8e-9d7c-2b1a0f9e8d7c",
                },
            ) from None
    return ids


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


def paging(params) -> Paging:
    return Paging(
        page=whole_number(params, "page", 1, 1, MAX_PAGE),
        per_page=whole_number(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )


@dataclass(frozen=True)
class ServiceFilters:
    words: tuple[str, ...] = ()
    taxonomy_keys: tuple[str, ...] = ()  # our vocabularies: any term of one of them
    terms: tuple = ()  # directory.exchange.oruk.Term: any of them
    minimum_age: float | None = None
    maximum_age: float | None = None
    day: int | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None


def service_filters(params, find_terms) -> ServiceFilters:
    """The filters of /services and /service_at_locations. `find_terms()` gives {id: Term}, asked only if needed."""
    taxonomy_ids = uuid_list(params, "taxonomy_id")
    by_id = {vocabulary.id: vocabulary.key for vocabulary in VOCABULARIES}
    for taxonomy_id in taxonomy_ids:
        if taxonomy_id not in by_id:
            raise BadParameter(
                "taxonomy_id", _("No taxonomy has the id %(id)s: see /taxonomies for ours.") % {"id": taxonomy_id}
            )
    term_ids = uuid_list(params, "taxonomy_term_id")
    terms = find_terms() if term_ids else {}
    for term_id in term_ids:
        if term_id not in terms:
            raise BadParameter(
                "taxonomy_term_id",
                _("No taxonomy term has the id %(id)s: see /taxonomy_terms for ours.") % {"id": term_id},
            )
    minimum_age = number(params, "minimum_age", 0, MAX_AGE)
    maximum_age = number(params, "maximum_age", 0, MAX_AGE)
    start_time, end_time = time_of_day(params, "start_time"), time_of_day(params, "end_time")
    if start_time and end_time and start_time >= end_time:
        raise BadParameter("end_time", _("end_time must be after start_time."))
    return ServiceFilters(
        words=search_words(params),
        taxonomy_keys=tuple(by_id[taxonomy_id] for taxonomy_id in taxonomy_ids),
        terms=tuple(terms[term_id] for term_id in term_ids),
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        day=weekday(params),
        start_time=start_time,
        end_time=end_time,
    )


def search_words(params) -> tuple[str, ...]:
    text = text_value(params, "search") or ""
    if len(text) > MAX_SEARCH_LENGTH:
        raise BadParameter("search", _("search must be at most %(count)s characters.") % {"count": MAX_SEARCH_LENGTH})
    return tuple(text.split()[:MAX_SEARCH_WORDS])


def place_text(params) -> str | None:
    text = (text_value(params, "postcode") or "").strip()
    if len(text) > MAX_PLACE_LENGTH:
        message = _("postcode must be at most %(count)s characters.") % {"count": MAX_PLACE_LENGTH}
        raise BadParameter("postcode", message)
    return text or None


def proximity(params) -> float | None:
    return number(params, "proximity", 0, MAX_PROXIMITY_METRES, above_minimum=True)
