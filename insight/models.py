"""The public quarterly summary: the offer's shape for a chosen quarter, published by the directory team."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


def this_year():
    return datetime.date.today().year


class QuarterlySummaryPage(Page):
    """County and district figures for one quarter, in plain English, with the charts.

    The figures are taken when the page is saved (draft or publish) and kept with the revision, so a
    published summary keeps saying what was true then. Save the page again to take them afresh.
    """

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)], default=this_year
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        choices=[
            (1, _("January to March")),
            (2, _("April to June")),
            (3, _("July to September")),
            (4, _("October to December")),
        ],
        default=1,
    )
    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    figures = models.JSONField(default=dict, blank=True, editable=False)
    figures_taken_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("quarter")], heading=_("Which quarter")),
        FieldPanel("introduction"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("quarterly summary")
        permissions = [("view_insight", "Can see the local offer insight pages")]

    def take_figures(self):
        from django.utils import timezone

        from insight.summary import quarter_figures

        self.figures = quarter_figures(self.year, self.quarter)
        self.figures_taken_at = timezone.now()

    def save(self, *args, **kwargs):
        if not self.figures:
            self.take_figures()
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.take_figures()
        return super().save_revision(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from insight.summary import summary_context

        context = super().get_context(request, *args, **kwargs)
        context.update(summary_context(self.figures))
        return context


class CountedService(models.Model):
    """One service a family can see, as the insight pages count it: kept by the publish signals (insight/signals.py).

    The insight pages group these rows (a few hundred distinct combinations) instead of joining every
    service's tag rows: the district and term sets are kept as "|id|id|" so rows alike group together.
    Nothing here is new information: it is the published listing, in the shape the pages count.
    `last_reviewed` is not copied (some paths change it without publishing): freshness joins the page.
    """

    service = models.OneToOneField(
        "directory.ServicePage", primary_key=True, on_delete=models.CASCADE, related_name="+", db_constraint=True
    )
    title = models.CharField(max_length=255)
    organisation_path = models.CharField(max_length=255)  # the parent page's tree path (a service's provider)
    cost = models.CharField(max_length=10)
    in_person = models.BooleanField(default=False)
    home_visits = models.BooleanField(default=False)
    online = models.BooleanField(default=False)
    by_phone = models.BooleanField(default=False)
    located = models.CharField(max_length=500, default="|")  # districts with one of its locations
    served = models.CharField(max_length=500, default="|")  # districts it names as served (outreach)
    reaching = models.CharField(max_length=500, default="|")  # its derived districts: either of those
    outcomes = models.CharField(max_length=500, default="|")
    need_levels = models.CharField(max_length=500, default="|")
    age_bands = models.CharField(max_length=500, default="|")
    topics = models.CharField(max_length=1000, default="|")  # topic tag ids
    no_contact = models.BooleanField(default=False)
    no_opening_times = models.BooleanField(default=False)
    no_age_range = models.BooleanField(default=False)
    no_place = models.BooleanField(default=False)

    class Meta:
        # Each grouping the pages make reads one of these instead of the table, in order (no sorting):
        # several times faster at 100,000 services (bench/insight.py).
        indexes = [
            models.Index(fields=["title"], name="counted_service_title"),
            models.Index(fields=["located", "served", "reaching", "outcomes"], name="counted_service_by_outcome"),
            models.Index(fields=["located", "served", "reaching", "need_levels"], name="counted_service_by_need"),
            models.Index(fields=["located", "served", "reaching", "age_bands"], name="counted_service_by_age"),
            models.Index(fields=["reaching"], name="counted_service_reaching"),
            models.Index(fields=["organisation_path"], name="counted_service_provider"),
            models.Index(fields=["topics"], name="counted_service_topics"),
            models.Index(
                fields=["no_contact", "no_opening_times", "no_age_range", "no_place"], name="counted_service_missing"
            ),
        ]

    def __str__(self):
        return self.title


class SearchCount(models.Model):
    """Searches made on one day from one district with the same words: the search log, counted as it is written.

    Holds no more than the log does (less: no time of day, no filters), so it adds nothing about anyone.
    """

    day = models.DateField()
    district_code = models.CharField(max_length=9, blank=True)
    words = models.CharField(max_length=200, blank=True)  # the scrubbed text, lower case
    searches = models.PositiveIntegerField(default=0)
    found_nothing = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "district_code", "words"], name="search_count_one_row_a_day")
        ]
        # Covering the two groupings of a period (by day and district; by words and district), so neither
        # reads the table.
        indexes = [
            models.Index(fields=["day", "district_code", "searches", "found_nothing"], name="search_count_by_day"),
            models.Index(
                fields=["words", "district_code", "day", "searches", "found_nothing"], name="search_count_by_words"
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.district_code} “{self.words}”: {self.searches}"
