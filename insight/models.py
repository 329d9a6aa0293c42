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
