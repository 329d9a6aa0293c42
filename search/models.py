"""The search index kept by the database backend, and the search log (which holds nothing personal)."""

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
    days = models.CharField(max_length=30, default="|")
    card = models.JSONField(default=dict)
    last_reviewed = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"], name="service_row_lat_lon")]

    def __str__(self):
        return f"{self.name} at {self.postcode or 'no fixed place'}"


class ServiceText(models.Model):
    """The words of a published service, for full-text search (one row per service).

    On SQLite an FTS5 table mirrors it (see migration 0002); on PostgreSQL a GIN index on
    to_tsvector('english', text) serves the same queries.
    """

    service_id = models.IntegerField(primary_key=True)
    text = models.TextField()

    def __str__(self):
        return f"Words of service {self.service_id}"


class SearchLogEntry(models.Model):
    """What was searched, never who searched: no IP, no postcode, no cookie, district at most."""

    searched_at = models.DateTimeField(auto_now_add=True, db_index=True)
    text = models.CharField(_("words searched"), max_length=200, blank=True)
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
