"""The search contract: what a search asks (ServiceQuery) and what every backend answers (SearchResults)."""

import datetime
from dataclasses import dataclass, field, replace

from directory.geo import Place
from directory.schedules import now_in_london
from directory.vocabularies import DeliveryMode, Weekday

DEFAULT_RADIUS_MILES = 5.0
MAX_RADIUS_MILES = 50.0
# The radii a searcher may choose, in miles: the form, the views and the suggestions read this one list.
RADIUS_CHOICES_MILES = (1.0, 2.0, 5.0, 10.0, 20.0, 50.0)
MAX_PAGE_SIZE = 200
# Only the first 10,000 results can be paged to (Elasticsearch's index.max_result_window; both backends agree).
RESULT_WINDOW = 10_000
# Facet counts are given when a search finds no more than this many services: they help narrow a list someone
# could read, and counting every term over tens of thousands cost the database backend half its time.
FACETS_COUNTED_UP_TO = 1_000
SORTS = ("distance", "relevance", "name", "last_checked")
# Aliases kept for modules that still import them; the registry (directory.vocabularies) defines both.
DELIVERY_MODES = tuple(mode.value for mode in DeliveryMode)
WEEKDAYS = tuple(day.code for day in Weekday)


@dataclass(frozen=True)
class ServiceQuery:
    """One search. Vocabulary filters hold term codes (OutcomeTag.code ...); empty means any."""

    text: str = ""
    near: Place | None = None
    radius_miles: float = DEFAULT_RADIUS_MILES
    outcomes: tuple[str, ...] = ()
    need_levels: tuple[str, ...] = ()
    age: int | None = None
    age_bands: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    free_only: bool = False
    delivery: tuple[str, ...] = ()
    self_referral: bool = False
    languages: tuple[str, ...] = ()
    day: int | None = None  # 0 = Monday, as OpeningTime.weekday
    topics: tuple[str, ...] = ()  # topic names or slugs: a service with any of them
    age_range: tuple[int, int] | None = None  # (youngest, oldest): the service's ages overlap them
    # An opening (on `day`, or any day without one) from this time or later, until this time or earlier.
    opens_after: datetime.time | None = None
    closes_before: datetime.time | None = None
    # When families can go (directory.schedules, London time): open at the moment of searching, a session on
    # Saturday or Sunday, a session still on after 6pm, a session on that date.
    open_now: bool = False
    weekends: bool = False
    evenings: bool = False
    on_date: datetime.date | None = None
    # Issue 13: codes a service must have every one of (search/offer_filters.py): accessibility features at
    # any of its sites (AccessibilityFeature.code), SEND needs it supports (SendNeed.code), marks (Mark).
    access_features: tuple[str, ...] = ()
    send_needs: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    # District codes a service must serve every one of: with all the area's, the services for anyone in it
    # (search/beyond_area.py). Not a form filter.
    serves_all: tuple[str, ...] = ()
    sort: str = ""  # "" means relevance with text (then distance near a place), distance with a place, else name
    exact: bool = False  # True: search the words as typed, without correcting their spelling
    # False: no facet counts, or no other searches to try when nothing is found, for callers that show none (the
    # ORUK API, posters): the backend skips the work. A search page leaves both True.
    facets: bool = True
    suggestions: bool = True
    page: int = 1
    page_size: int = 20
    # The vocabularies' (code, name) terms by field, when the caller has read them already (the search form
    # has): a backend then names the facets without reading them again. Not part of what is asked.
    vocabulary_terms: dict | None = field(default=None, compare=False, hash=False, repr=False)

    def counts_facets_of(self, vocabulary):
        """Whether a vocabulary's terms are counted: not where a filter is chosen in it, as ticking another box there
        widens the search and a count of the services found would say 0 (and never over FACETS_COUNTED_UP_TO)."""
        return not getattr(self, vocabulary)

    @property
    def effective_sort(self):
        if self.sort == "distance" and self.near is None:
            return "relevance" if self.text else "name"
        if self.sort:
            return self.sort
        if self.text:
            return "relevance"  # near a place: relevance bands, then distance (search/backends/database/plan.py)
        return "distance" if self.near is not None else "name"

    def session_moment(self):
        """(the date, the time or None) a session must be on for open_now / on_date; None when neither is asked.

        Asking for open now on another date is a date with no such moment: (None, None), which matches nothing.
        """
        if not (self.open_now or self.on_date):
            return None
        if not self.open_now:
            return self.on_date, None
        now = now_in_london()
        if self.on_date and self.on_date != now.date():
            return None, None
        return now.date(), now.time().replace(microsecond=0)

    def without(self, **changes):
        """The same query with some filters changed: used to make suggestions."""
        return replace(self, page=1, **changes)

    @property
    def filters(self):
        """The filters that are set, by name, for the search log and suggestions."""
        names = ("outcomes", "need_levels", "age", "age_bands", "districts", "free_only", "delivery")
        names += ("self_referral", "languages", "day", "topics", "age_range", "opens_after", "closes_before")
        names += ("open_now", "weekends", "evenings", "on_date")
        names += ("access_features", "send_needs", "marks")
        return {name: getattr(self, name) for name in names if getattr(self, name) not in ((), None, False)}


@dataclass(frozen=True)
class ResultLocation:
    postcode: str
    latitude: float
    longitude: float
    name: str = ""
    town: str = ""

    @property
    def confidential(self):
        """A site whose address is withheld (a refuge): indexed without a postcode, at its district's centre
        (search/documents.py), with the district's name as its town."""
        return not self.postcode


@dataclass
class ResultItem:
    """One service in the results: enough to draw its card without touching the page tree."""

    service_id: int
    name: str
    url: str
    summary: str
    organisation: str
    distance_miles: float | None
    serves_your_area: bool
    nearest_location: ResultLocation | None
    cost: str = ""
    self_referral: bool = False
    outcomes: list[str] = field(default_factory=list)
    need_levels: list[str] = field(default_factory=list)
    age_bands: list[str] = field(default_factory=list)
    last_reviewed: str = ""
    marks: list[str] = field(default_factory=list)  # Mark codes: the card's Family Hub / Start for Life badges


@dataclass(frozen=True)
class FacetValue:
    code: str
    name: str
    count: int | None  # None: not counted (a filter is chosen in its vocabulary, or too many were found)


@dataclass(frozen=True)
class Suggestion:
    """A true alternative: "12 services within 10 miles" with the query that finds them."""

    message: str
    count: int
    query: ServiceQuery


@dataclass
class SearchResults:
    query: ServiceQuery
    total: int
    items: list[ResultItem]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestions: list[Suggestion] = field(default_factory=list)
    backend: str = ""
    # A misspelt search answered for the corrected words: "Showing results for <corrected_text>".
    corrected_text: str = ""
    original_text: str = ""

    @property
    def place(self):
        return self.query.near

    @property
    def page_count(self):
        """Pages that can be reached: those within the first RESULT_WINDOW results."""
        return max(1, -(-min(self.total, RESULT_WINDOW) // self.query.page_size))

    @property
    def showing_first(self):
        """RESULT_WINDOW when there are more results than can be paged to ("showing the first 10,000"), else None."""
        return RESULT_WINDOW if self.total > RESULT_WINDOW else None
