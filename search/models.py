"""The search index kept by the database backend, and the search log (which holds nothing personal)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceLocationRow(models.Model):
    """One row per published service and location (or one row with no place, for services without one).

    Everything a result card shows is here, so a results page costs a query or two, not one per
    result. Vocabulary codes are stored as "|code|code|" so one SQL LIKE tests membership and one
    aggregate query counts every facet.
    """

    service_id = models.IntegerField(db_index=True)
    location_id = models.IntegerField(null=True)
    name = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    summary = models.CharField(max_length=300)
    organisation = models.CharField(max_length=255)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    postcode = models.CharField(max_length=10, blank=True)
    place_name = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    cost = models.CharField(max_length=10)
    self_referral = models.BooleanField(default=False)
    min_age = models.PositiveSmallIntegerField(null=True)
    max_age = models.PositiveSmallIntegerField(null=True)
    outcomes = models.CharField(max_length=500, default="|")
    need_levels = models.CharField(max_length=100, default="|")
    age_bands = models.CharField(max_length=200, default="|")
    districts = models.CharField(max_length=500, default="|")
    served_districts = models.CharField(max_length=500, default="|")
    delivery = models.CharField(max_length=100, default="|")
    languages = models.CharField(max_length=300, default="|")
    days = models.CharField(max_length=80, default="|")  # all seven days take 58
    # The topics' slugs, "|food-bank|autism|". Nullable, no default: SQLite then adds the column in
    # place instead of rebuilding the table, which would drop migration 0003's covering indexes.
    topics = models.CharField(max_length=500, null=True)  # noqa: DJ001
    # Issue 13's filters, "|step_free|hearing_loop|" as the others (search/offer_filters.py). Nullable, no
    # default, as `topics`: SQLite adds them in place.
    access_features = models.CharField(max_length=500, null=True)  # noqa: DJ001
    send_needs = models.CharField(max_length=300, null=True)  # noqa: DJ001
    marks = models.CharField(max_length=100, null=True)  # noqa: DJ001
    card = models.JSONField(default=dict)
    last_reviewed = models.DateField(null=True)
    # True on exactly one row of each service: searches without a place count and sort services by it.
    first_of_service = models.BooleanField(default=False)
    # The delivery modes and opening days again, one bit each (search.query's DELIVERY_MODES, then
    # WEEKDAYS): a filter on them is one bitwise AND instead of a text search.
    delivery_day_bits = models.IntegerField(default=0)
    # The vocabulary codes again, as bits for counting facets: each term has a lane (FacetLane) of
    # LANE_BITS bits in one of these numbers, holding 1 when the service has the term. Summing a pack
    # over the services found counts LANES_PER_PACK terms at once, several times cheaper in SQL than
    # testing every term on every row, and a filter on a term is one bitwise AND.
    facet_pack_0 = models.BigIntegerField(default=0)
    facet_pack_1 = models.BigIntegerField(default=0)
    facet_pack_2 = models.BigIntegerField(default=0)
    facet_pack_3 = models.BigIntegerField(default=0)
    facet_pack_4 = models.BigIntegerField(default=0)
    facet_pack_5 = models.BigIntegerField(default=0)
    facet_pack_6 = models.BigIntegerField(default=0)
    facet_pack_7 = models.BigIntegerField(default=0)
    facet_pack_8 = models.BigIntegerField(default=0)
    facet_pack_9 = models.BigIntegerField(default=0)
    facet_pack_10 = models.BigIntegerField(default=0)
    facet_pack_11 = models.BigIntegerField(default=0)
    facet_pack_12 = models.BigIntegerField(default=0)
    facet_pack_13 = models.BigIntegerField(default=0)
    facet_pack_14 = models.BigIntegerField(default=0)
    facet_pack_15 = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"], name="service_row_lat_lon")]

    def __str__(self):
        return f"{self.name} at {self.postcode or 'no fixed place'}"


FACET_PACKS = 16
LANES_PER_PACK = 3
LANE_BITS = 21  # a count of up to 2,097,151 services per term fits its lane; 3 lanes fill 63 bits


class FacetLane(models.Model):
    """Which lane of the facet packs counts a vocabulary term: given on first use, never moved.

    Lanes beyond the packs' room are null: those terms are counted from the codes text instead
    (slower, same answer). Every district some service serves is listed too, as vocabulary
    "served_districts" with no lane. Rebuilding the index gives the lanes out afresh.
    """

    # "outcomes", "need_levels", "age_bands", "districts" or "served_districts"
    vocabulary = models.CharField(max_length=20)
    code = models.CharField(max_length=40)
    lane = models.PositiveSmallIntegerField(null=True, unique=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["vocabulary", "code"], name="facet_lane_term")]

    def __str__(self):
        return f"{self.vocabulary} {self.code}: lane {self.lane}"


class ServiceOpening(models.Model):
    """One weekly opening of a published service, for the opening-time filters (one row per opening)."""

    service_id = models.IntegerField(db_index=True)
    weekday = models.PositiveSmallIntegerField()  # 0 = Monday, as Weekday
    opens = models.TimeField()
    closes = models.TimeField()
    # A weekly opening holds between these days (closures cut it in parts); a dated session has its `date`
    # and these equal to it (directory.schedules.index_openings).
    valid_from = models.DateField(default=datetime.date.min)
    valid_to = models.DateField(default=datetime.date.max)
    date = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["weekday", "valid_from"], name="search_opening_weekday"),
            models.Index(fields=["date"], name="search_opening_date"),
        ]

    def __str__(self):
        return f"Service {self.service_id} opens on day {self.weekday} {self.opens}–{self.closes}"


class ServiceText(models.Model):
    """The words of a published service, for full-text search (one row per service).

    On SQLite an FTS5 table mirrors it (see migration 0002); on PostgreSQL a stored column
    search_vector = to_tsvector('english', text) with a GIN index serves the same queries
    (migration 0003; Django does not know the column, PostgreSQL fills it).
    """

    service_id = models.IntegerField(primary_key=True)
    text = models.TextField()
    # The parts that weigh more in the ranking (migration 0007): matches in the name, then the topics, then the
    # summary count for more than matches in the rest of the text. Nullable: SQLite then adds them in place.
    name = models.TextField(null=True)  # noqa: DJ001
    topics = models.TextField(null=True)  # noqa: DJ001
    summary = models.TextField(null=True)  # noqa: DJ001
    # When the listing was last checked, beside its words: the ranking puts stale listings after fresh ones
    # without reading the wide index rows for each hit.
    last_reviewed = models.DateField(null=True)

    def __str__(self):
        return f"Words of service {self.service_id}"


class SearchTerm(models.Model):
    """A word some indexed service contains, folded as search reads it: what a misspelt word is corrected to.

    Kept by the indexer (added as services are indexed, emptied on rebuild); a word whose last service left
    stays until the next rebuild, and a correction to it finds nothing, which the page then says.
    """

    word = models.CharField(max_length=40, primary_key=True)
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["initial", "length"], name="search_term_initial_length")]

    def __str__(self):
        return self.word


class SynonymGroup(models.Model):
    """Words and phrases families type that mean the same thing: searching one finds the others.

    Kept by the directory team as a snippet. The database search reads a change at once; saving
    replaces Elasticsearch's synonyms set, whose search analysers reload it (search/signals.py).
    """

    phrases = models.TextField(
        _("words and phrases"),
        help_text=_('Separated by commas, e.g. "food bank, food parcel, pantry".'),
    )

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["pk"]

    def phrase_list(self):
        return [phrase.strip() for phrase in self.phrases.split(",") if phrase.strip()]

    def __str__(self):
        return ", ".join(self.phrase_list())


class SearchLogEntry(models.Model):
    """What was searched, never who searched: no IP, no postcode, no cookie, district at most."""

    searched_at = models.DateTimeField(auto_now_add=True, db_index=True)
    text = models.CharField(_("words searched"), max_length=200, blank=True)
    # The words searched instead when a misspelt word was corrected (scrubbed as text is), else blank.
    corrected_text = models.CharField(_("corrected to"), max_length=200, blank=True, default="")
    district_code = models.CharField(_("district of the place"), max_length=9, blank=True)
    place_kind = models.CharField(max_length=12, blank=True)
    filters = models.JSONField(default=dict)
    result_count = models.IntegerField()
    via_api = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("search log entry")
        verbose_name_plural = _("search log")
        ordering = ["-searched_at"]

    def __str__(self):
        return f"{self.searched_at:%Y-%m-%d %H:%M} “{self.text}” ({self.result_count})"
