"""The search log writer: what was searched and found, never who searched or where exactly."""

import logging
import re

from django.db import transaction

from directory.vocabularies import Weekday
from search.models import SearchLogEntry

logger = logging.getLogger("earlyhelp.search")

MAX_LOGGED_TEXT = 200

# People type their postcode, phone number or email into the keyword box too; none of it is kept.
_POSTCODE_IN_TEXT_RE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b", re.IGNORECASE)
_EMAIL_RE = re.compile(r"\S+@\S+")
_LONG_NUMBER_RE = re.compile(r"\+?\d[\d\s().-]{5,}\d")
_COORDINATES_RE = re.compile(r"[-+]?\d{1,3}\.\d+\s*,\s*[-+]?\d{1,3}\.\d+")


def scrub(text):
    """The words searched, with anything that could locate or identify a person taken out."""
    text = _EMAIL_RE.sub("[email]", text)
    text = _COORDINATES_RE.sub("[place]", text)
    text = _POSTCODE_IN_TEXT_RE.sub("[postcode]", text)
    text = _LONG_NUMBER_RE.sub("[number]", text)
    return " ".join(text.split())[:MAX_LOGGED_TEXT]


def logged_filters(query):
    """The filters as JSON: codes and flags, never the place."""
    filters = {}
    for name, value in query.filters.items():
        if name == "day":
            value = Weekday(value).code
        elif isinstance(value, tuple):
            value = list(value)
        elif hasattr(value, "isoformat"):  # opening times
            value = value.isoformat("minutes")
        filters[name] = value
    if query.near is not None:
        filters["radius_miles"] = query.radius_miles
    return filters


def asks_something(query):
    return bool(query.text or query.near is not None or query.filters)


def record_search(query, total, *, via_api=False, corrected_text=""):
    """One row per search: only its first page (paging is not searching again), and only if it asked something.

    corrected_text: the words searched instead of a misspelt text (scrubbed too), so the directory team
    sees what families misspell; zero-result searches are the rows with result_count 0.
    """
    if query.page != 1 or not asks_something(query):
        return None
    try:
        # A savepoint, so a failed write cannot spoil the request's transaction on PostgreSQL.
        with transaction.atomic():
            return SearchLogEntry.objects.create(
                text=scrub(query.text),
                corrected_text=scrub(corrected_text or ""),
                district_code=(query.near.lad_code or "") if query.near else "",
                place_kind=query.near.kind if query.near else "",
                filters=logged_filters(query),
                result_count=total,
                via_api=via_api,
            )
    except Exception:
        # The search matters more than its statistics.
        logger.warning("Could not write the search log", exc_info=True)
        return None
