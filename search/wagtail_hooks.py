"""The "What people search for" admin report: searches grouped by words and district, unmet searches first.

Spelling corrections show beside the words typed, so the directory team can add synonyms for them.
"""

import datetime

import django_filters
from django.db.models import Count, Max, Q
from django.db.models.functions import Lower
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.vocabularies import DistrictTag
from search.models import SearchLogEntry, SynonymGroup

search_log_permission_policy = ModelPermissionPolicy(SearchLogEntry)


class SearchLogFilterSet(WagtailFilterSet):
    searched_at = django_filters.DateFromToRangeFilter(label=_("Searched between"), widget=DateRangePickerWidget)
    district_code = django_filters.ChoiceFilter(
        label=_("District"), empty_label=_("Any district"), choices=lambda: _district_choices()
    )
    via_api = django_filters.ChoiceFilter(
        label=_("Searched on"),
        empty_label=_("The website or the API"),
        choices=[("0", _("The website")), ("1", _("The API"))],
    )

    class Meta:
        model = SearchLogEntry
        fields = ["searched_at", "district_code", "via_api"]


def _district_choices():
    return [(code, name) for code, name in DistrictTag.objects.order_by("order", "name").values_list("code", "name")]


class SearchLogReportView(ReportView):
    page_title = _("What people search for")
    header_icon = "search"
    index_url_name = "search_log_report"
    index_results_url_name = "search_log_report_results"
    permission_policy = search_log_permission_policy
    permission_required = "view"
    filterset_class = SearchLogFilterSet
    paginate_by = 50
    verbose_name = _("search term")
    verbose_name_plural = _("search terms")
    columns = [
        Column("words", label=_("Words searched")),
        Column("district", label=_("District")),
        Column("searches", label=_("Searches")),
        Column("unmet", label=_("Found nothing")),
        Column("corrected", label=_("Spelling corrected to")),
        Column("last_searched", label=_("Last searched")),
    ]
    list_export = ["words", "district", "searches", "unmet", "corrected", "last_searched"]
    export_headings = {
        "words": _("Words searched"),
        "district": _("District"),
        "searches": _("Searches"),
        "unmet": _("Found nothing"),
        "corrected": _("Spelling corrected to"),
        "last_searched": _("Last searched"),
    }

    def get_filename(self):
        return f"search-log-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        entries = self.filter_queryset(SearchLogEntry.objects.all())
        # One row per (words, district): searches that found nothing come first, as they show the gaps.
        return (
            entries.annotate(words_key=Lower("text"))
            .values("words_key", "district_code")
            .annotate(
                searches=Count("id"),
                unmet=Count("id", filter=Q(result_count=0)),
                last_searched_at=Max("searched_at"),
                # Misspelt words searched as the index's nearest words: a synonym, or a word to add, may be due.
                corrected=Max("corrected_text"),
            )
            .order_by("-unmet", "-searches", "words_key", "district_code")
        )

    @cached_property
    def district_names(self):
        return dict(DistrictTag.objects.values_list("code", "name"))

    # The table is built before decoration, so both present the grouped rows the same way.
    def get_table(self, object_list):
        return super().get_table(self._present(object_list))

    def decorate_paginated_queryset(self, object_list):
        return self._present(object_list)

    def _present(self, object_list):
        return [
            {
                "words": row["words_key"] or _("(no words: a place or filters only)"),
                "district": self.district_names.get(row["district_code"], row["district_code"])
                or _("(no place, or outside the area)"),
                "searches": row["searches"],
                "unmet": row["unmet"],
                "corrected": row["corrected"] or "",
                "last_searched": date_format(row["last_searched_at"], "j M Y"),
            }
            for row in object_list
        ]


class SearchLogMenuItem(MenuItem):
    def is_shown(self, request):
        return search_log_permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_search_log_urls():
    return [
        path("reports/search-log/", SearchLogReportView.as_view(), name="search_log_report"),
        path(
            "reports/search-log/results/",
            SearchLogReportView.as_view(results_only=True),
            name="search_log_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_search_log_menu_item():
    return SearchLogMenuItem(
        _("What people search for"),
        reverse("search_log_report"),
        name="search-log",
        icon_name="search",
        order=1300,
    )


class SynonymGroupViewSet(SnippetViewSet):
    """Synonym groups for the directory team: what families type, and what it should also find."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = True
    list_display = ["__str__"]
    search_fields = ["phrases"]


register_snippet(SynonymGroupViewSet)
