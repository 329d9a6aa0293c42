"""The ORUK API's query parameters read into a ServiceQuery: a bad value is a 400 that names it, never a 500."""

import datetime
import math
import re
import uuid

from django.utils.translation import gettext as _

from directory import geo
from directory.exchange.oruk import terms_with_ids, vocabulary_terms
from directory.models import OLDEST_SERVICE_AGE
from directory.vocabularies import ALL, DistrictTag, Weekday
from search.forms import MAX_PLACE_LENGTH, MAX_TEXT_LENGTH
from search.query import DEFAULT_RADIUS_MILES, MAX_PAGE_SIZE, MAX_RADIUS_MILES, ServiceQuery

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = MAX_PAGE_SIZE
MAX_PAGE = 100_000
MAX_SEARCH_LENGTH = MAX_TEXT_LENGTH
METRES_PER_MILE = 1609.344
# ORUK measures in metres; the search contract in miles, and no wider than MAX_RADIUS_MILES.
MAX_PROXIMITY_METRES = MAX_RADIUS_MILES * METRES_PER_MILE
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
_ID_EXAMPLE = "6c8a1e0e-3f4b-5a8e-9d7c-2b1a0f9e8d7c"


class BadParameter(ValueError):
    """str() is the message for the caller; `parameter` names the culprit."""

    def __init__(self, parameter, message):
        self.parameter = parameter
        super().__init__(message)


def whole_number(params, name, default, minimum, maximum):
    # The value as sent: "page=" or " 2" is as wrong as "page=two", as the document says.
    value = params.get(name)
    if value is None:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", value) or not minimum <= int(value) <= maximum:
        message = _("%(name)s must be a whole number from %(minimum)s to %(maximum)s.")
        raise BadParameter(name, message % {"name": name, "minimum": minimum, "maximum": maximum})
    return int(value)


def number(params, name, maximum, *, above_zero=False, why=""):
    value = params.get(name)
    if value is None:
        return None
    try:
        parsed = float(value)
    except ValueError:
        parsed = math.nan
    if not math.isfinite(parsed) or not 0 <= parsed <= maximum or (above_zero and parsed == 0):
        if above_zero:
            message = _("%(name)s must be a number more than %(minimum)s and at most %(maximum)s.")
        else:
            message = _("%(name)s must be a number from %(minimum)s to %(maximum)s.")
        raise BadParameter(name, message % {"name": name, "minimum": 0, "maximum": maximum} + why)
    return parsed


def time_of_day(params, name) -> datetime.time | None:
    value = params.get(name)
    if value is None:
        return None
    match = _TIME_RE.match(value)
    if not match:
        raise BadParameter(name, _("%(name)s must be a time like 09:30 (24-hour clock).") % {"name": name})
    return datetime.time(int(match[1]), int(match[2]), int(match[3] or 0))


def uuid_list(params, name) -> list[uuid.UUID]:
    """One id, or several separated by commas (any of them matches)."""
    try:
        return [uuid.UUID(part.strip()) for part in params.get(name).split(",")] if name in params else []
    except ValueError:
        message = _("%(name)s must be an id like %(example)s.") % {"name": name, "example": _ID_EXAMPLE}
        raise BadParameter(name, message) from None


def paging(params) -> tuple[int, int]:
    """(page, per_page)."""
    return whole_number(params, "page", 1, 1, MAX_PAGE), whole_number(
        params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE
    )


def vocabulary_filters(params) -> dict[str, tuple[str, ...]]:
    """taxonomy_id and taxonomy_term_id as the ServiceQuery's vocabulary fields: {"need_levels": codes, ...}.

    A taxonomy means any of its terms; terms of one vocabulary mean any of them; vocabularies all apply.
    """
    by_id = {vocabulary.oruk_id: vocabulary for vocabulary in ALL}
    chosen = {}
    for taxonomy_id in uuid_list(params, "taxonomy_id"):
        if taxonomy_id not in by_id:
            message = _("No taxonomy has the id %(id)s: see /taxonomies for ours.") % {"id": taxonomy_id}
            raise BadParameter("taxonomy_id", message)
        vocabulary = by_id[taxonomy_id]
        # No term at all must still find nothing, not everything: a code no service has.
        codes = [term.code for term in vocabulary_terms(vocabulary)] or [""]
        chosen.setdefault(vocabulary.field, []).extend(codes)
    term_ids = uuid_list(params, "taxonomy_term_id")
    terms = terms_with_ids(term_ids)
    for term_id in term_ids:
        if term_id not in terms:
            message = _("No taxonomy term has the id %(id)s: see /taxonomy_terms for ours.") % {"id": term_id}
            raise BadParameter("taxonomy_term_id", message)
        chosen.setdefault(terms[term_id].vocabulary.field, []).append(terms[term_id].code)
    return {field: tuple(dict.fromkeys(codes)) for field, codes in chosen.items()}


def near(params) -> tuple[geo.Place | None, float]:
    """postcode and proximity (metres) as the query's place and radius in miles."""
    text = (params.get("postcode") or "").strip()
    if len(text) > MAX_PLACE_LENGTH:
        message = _("postcode must be at most %(count)s characters.") % {"count": MAX_PLACE_LENGTH}
        raise BadParameter("postcode", message)
    why = " " + _("That is %(miles)s miles, the widest search.") % {"miles": int(MAX_RADIUS_MILES)}
    metres = number(params, "proximity", MAX_PROXIMITY_METRES, above_zero=True, why=why)
    if not text:
        if metres is not None:
            raise BadParameter("proximity", _("proximity needs a postcode to measure from."))
        return None, DEFAULT_RADIUS_MILES
    place = geo.resolve_place(text, prefer_lads=list(DistrictTag.objects.values_list("code", flat=True)))
    return place, DEFAULT_RADIUS_MILES if metres is None else min(metres / METRES_PER_MILE, MAX_RADIUS_MILES)


def _age_range(minimum_age, maximum_age):
    """The ages as /api/search reads them: services for anyone from minimum_age to maximum_age."""
    if minimum_age is None and maximum_age is None:
        return None
    return (minimum_age or 0, OLDEST_SERVICE_AGE if maximum_age is None else maximum_age)


def service_query(params, *, with_place=False) -> ServiceQuery:
    """The ServiceQuery of /services (no place) or /service_at_locations; by name, or nearest first."""
    page, per_page = paging(params)
    text = params.get("search") or ""
    if len(text) > MAX_SEARCH_LENGTH:
        raise BadParameter("search", _("search must be at most %(count)s characters.") % {"count": MAX_SEARCH_LENGTH})
    minimum_age, maximum_age = (
        number(params, "minimum_age", OLDEST_SERVICE_AGE),
        number(params, "maximum_age", OLDEST_SERVICE_AGE),
    )
    day = params.get("day")
    if day is not None and Weekday.from_code(day) is None:
        raise BadParameter("day", _("day must be a day of the week, like MO or Monday."))
    start_time, end_time = time_of_day(params, "start_time"), time_of_day(params, "end_time")
    if start_time and end_time and start_time >= end_time:
        raise BadParameter("end_time", _("end_time must be after start_time."))
    place, radius_miles = near(params) if with_place else (None, DEFAULT_RADIUS_MILES)
    return ServiceQuery(
        text=" ".join(text.split()),
        near=place,
        radius_miles=radius_miles,
        **vocabulary_filters(params),
        age_range=_age_range(minimum_age, maximum_age),
        day=None if day is None else Weekday.from_code(day).value,
        opens_after=start_time,
        closes_before=end_time,
        sort="distance" if place else "name",
        page=page,
        page_size=per_page,
        facets=False,  # the ORUK API shows no facet counts, nor other searches to try
        suggestions=False,
    )
