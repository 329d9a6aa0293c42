"""The search log writer: what was searched and found, never who searched or where exactly."""

import datetime
import logging
import queue
import re
import threading

from django.conf import settings
from django.db import close_old_connections, connection, transaction

from directory.vocabularies import Weekday
from search.models import SearchLogEntry

logger = logging.getLogger("earlyhelp.search")

MAX_LOGGED_TEXT = 200

# People type their postcode, phone number, email, date of birth or address into the keyword box too:
# none of it is kept. Each family of patterns catches the ways people write one thing (spaced, hyphenated,
# spelled out); the words around it stay, so the log still says what was looked for.
_GAP = r"[\s.\-]*"  # between the characters of a postcode or an NI number: nothing, spaces, dots, hyphens
_POSTCODE_RE = re.compile(
    r"(?<![A-Z0-9])[A-Z]" + _GAP + r"(?:[A-Z]" + _GAP + r")?[0-9]" + _GAP + r"(?:[A-Z0-9]" + _GAP + r")?"
    r"[0-9]" + _GAP + r"[A-Z]" + _GAP + r"[A-Z](?![A-Z0-9])",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(r"\S+@\S+")
_TOP_LEVEL = r"(?:com|org|net|uk|gov|nhs|sch|ac|edu|info|io|me|co)"
_DOT = r"(?:\s*\.\s*|\s+dot\s+|\s*[(\[]\s*dot\s*[)\]]\s*)"
_SPELLED_EMAIL_RE = re.compile(
    r"\b[\w+\-]+(?:" + _DOT + r"[\w+\-]+)*\s*(?:\s+at\s+|[(\[]\s*at\s*[)\]])\s*"
    r"[\w\-]+(?:" + _DOT + r"[\w\-]+)*" + _DOT + _TOP_LEVEL + r"\b",
    re.IGNORECASE,
)
_NATIONAL_INSURANCE_RE = re.compile(
    r"\b[A-Z]" + _GAP + r"[A-Z]" + _GAP + r"(?:[0-9]" + _GAP + r"){6}[A-D]\b", re.IGNORECASE
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
_DATE_RE = re.compile(
    r"\b(?:"
    r"[0-3]?[0-9]\s*[/.\-]\s*[01]?[0-9]\s*[/.\-]\s*(?:[0-9]{4}|[0-9]{2})"  # 12/03/2015, 12-3-15
    r"|[0-9]{4}\s*[/.\-]\s*[01]?[0-9]\s*[/.\-]\s*[0-3]?[0-9]"  # 2015-03-12
    r"|" + _DAY + r"(?:\s+of)?\s+" + _MONTHS + r",?(?:\s+[0-9]{2,4})?"  # 12th of March 2015, 12 Mar
    r"|" + _MONTHS + r"\s+" + _DAY + r",?(?:\s+[0-9]{2,4})?"  # March 12th, 2015
    r")\b",
    re.IGNORECASE,
)
_STREET_WORDS = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|grove|gardens|gdns|place|pl|"
    r"terrace|court|ct|hill|park|square|sq|walk|rise|mews|row|parade|green|view|vale)"
)
_HOUSE_AND_STREET_RE = re.compile(
    r"\b(?:flat\s+[0-9]+[a-z]?,?\s+)?[0-9]{1,4}[a-z]?,?\s+(?:[a-z'\-]+\s+){1,3}" + _STREET_WORDS + r"\b",
    re.IGNORECASE,
)
# Phone and NHS numbers, whatever the grouping: seven or more digits with spaces, dots, hyphens or brackets.
_LONG_NUMBER_RE = re.compile(r"\+?\(?[0-9](?:[\s().\-]*[0-9]){6,}\)?")
_COORDINATES_RE = re.compile(r"[-+]?\d{1,3}\.\d+\s*,\s*[-+]?\d{1,3}\.\d+")

# In this order: an email can hold anything; a long number first, so a date is never found inside a phone
# number (leaving digits either side); then the shorter shapes.
_FAMILIES = [
    (_EMAIL_RE, "[email]"),
    (_SPELLED_EMAIL_RE, "[email]"),
    (_COORDINATES_RE, "[place]"),
    (_LONG_NUMBER_RE, "[number]"),
    (_DATE_RE, "[date]"),
    (_NATIONAL_INSURANCE_RE, "[ni number]"),
    (_HOUSE_AND_STREET_RE, "[address]"),
    (_POSTCODE_RE, "[postcode]"),
]


def scrub(text):
    """The words searched, with anything that could locate or identify a person taken out."""
    for pattern, replacement in _FAMILIES:
        text = pattern.sub(f" {replacement} ", text)
    return " ".join(text.split())[:MAX_LOGGED_TEXT]


def logged_filters(query):
    """The filters as JSON: codes and flags, never the place."""
    filters = {}
    for name, value in query.filters.items():
        if name == "day":
            value = Weekday(value).code
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, datetime.time):  # opening times
            value = value.isoformat("minutes")
        elif isinstance(value, datetime.date):  # on a date
            value = value.isoformat()
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
    Written by this process's background writer when settings.SEARCH_LOG_IN_BACKGROUND (returns None), else
    here (returns the row, or None if it could not be written).
    """
    if query.page != 1 or not asks_something(query):
        return None
    fields = {
        "text": scrub(query.text),
        "corrected_text": scrub(corrected_text or ""),
        "district_code": (query.near.lad_code or "") if query.near else "",
        "place_kind": query.near.kind if query.near else "",
        "filters": logged_filters(query),
        "result_count": total,
        "via_api": via_api,
    }
    if settings.SEARCH_LOG_IN_BACKGROUND:
        background_writer.put(fields)
        return None
    return _write(fields)


def _write(fields):
    try:
        # A savepoint, so a failed write cannot spoil the request's transaction on PostgreSQL.
        with transaction.atomic():
            return SearchLogEntry.objects.create(**fields)
    except Exception:
        # The search matters more than its statistics.
        logger.warning("Could not write the search log", exc_info=True)
        return None


class BackgroundWriter:
    """One thread per process writes the log rows, so a family's search never waits for the row's write.

    On SQLite a write waits for any other writer (a feed import holds the lock for batches of about 0.3 s):
    written in the request, that wait was the searcher's. A queue of rows not yet written is kept in memory;
    if it is full (the database has stopped taking writes) a row is dropped with a warning, never the search.
    """

    def __init__(self, max_waiting=10_000):
        self._rows = queue.Queue(maxsize=max_waiting)
        self._thread = None
        self._starting = threading.Lock()

    def put(self, fields):
        with self._starting:  # started on first use, so in each worker process and never before a fork
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="search-log-writer", daemon=True)
                self._thread.start()
        try:
            self._rows.put_nowait(fields)
        except queue.Full:
            logger.warning("The search log writer is behind: a search was not logged")

    def flush(self):
        """Wait until every row handed over so far is written (or has failed with a warning)."""
        self._rows.join()

    def stop(self):
        """Write the rows waiting, then end the thread and close its connection (a test's end, a worker's exit)."""
        with self._starting:
            if self._thread is not None and self._thread.is_alive():
                self._rows.put(_STOP)
                self._thread.join()
            self._thread = None

    def _run(self):
        while True:
            fields = self._rows.get()
            try:
                if fields is _STOP:
                    connection.close()
                    return
                close_old_connections()  # this thread keeps its own connection: drop it if it has gone stale
                _write(fields)
            finally:
                self._rows.task_done()


_STOP = object()


background_writer = BackgroundWriter()
