"""The insight pages in the Wagtail admin: coverage, searches, freshness and quality, and one cell's services.

Each page takes its period and filters from the query string, checks them (a clear message, never an
error), builds its tables once, and answers `?download=<table>&format=csv|xlsx` from the same tables.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseForbidden
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from insight import coverage, demand, figures, quality
from insight.access import can_see_insight
from insight.cache import kept
from insight.filters import CoverageFilterForm, coverage_filters
from insight.periods import period_from
from insight.suppression import RULE
from insight.tables import table_download

REACHES = {
    "reaching": gettext_lazy("located there or serving it"),
    "located": gettext_lazy("with a location there"),
    "outreach": gettext_lazy("serving it without a building there"),
}


class InsightView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"
    uses_period = False
    tab = ""

    def dispatch(self, request, *args, **kwargs):
        # Providers reach the admin too: a plain 403 for them, never a figure.
        # (Raising PermissionDenied would be turned by the admin into a redirect to the dashboard.)
        if not can_see_insight(request.user):
            return HttpResponseForbidden(_("Sorry, these pages are for commissioners and the directory team only."))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.counted_at = None
        self.problems = []
        self.period = None
        if self.uses_period:
            self.period, problems = period_from(request.GET)
            self.problems += problems
        context = self.get_context_data(**kwargs)
        wanted = request.GET.get("download")
        if wanted:
            table = next((table for table in context["tables"] if table.slug == wanted), None)
            if table is None:
                raise Http404(_("There is no table of that name to download."))
            return table_download(table, self.period, RULE, request.GET.get("format", "csv"))
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.figures())
        context.update(
            {
                "problems": self.problems,
                "period": self.period,
                "tab": self.tab,
                "counted_at": self.counted_at,
                "suppression_rule": RULE,
                "query": self.request.GET.urlencode(),
                "download_query": _without(self.request.GET, "download", "format"),
            }
        )
        return context

    def figures(self):
        return {"tables": []}


def _without(params, *names):
    copy = params.copy()
    for name in names:
        copy.pop(name, None)
    return copy.urlencode()


class CoverageView(InsightView):
    page_title = gettext_lazy("Local offer insight: coverage")
    template_name = "insight/coverage.html"
    tab = "coverage"

    def figures(self):
        form, filters, problems = coverage_filters(self.request.GET)
        self.problems += problems
        matrix, self.counted_at = kept(
            "matrix", sorted(filters.params().items()), lambda: coverage.coverage_matrix(filters)
        )
        names = demand.district_names()
        totals = {code: total.reaching for code, total in matrix.totals.items()}
        matrix_table = figures.coverage_tables(matrix, filters)
        supply = figures.supply_table(totals, names)
        if not matrix.districts:
            self.problems.append(_("No districts are loaded, so there is nothing to count. Load an area first."))
        return {
            "form": form,
            "filters": filters,
            "matrix": matrix,
            "matrix_table": matrix_table,
            "heatmap": coverage_heatmap(matrix, filters),
            "map": figures.supply_map(totals, names),
            "supply_table": supply,
            "tables": [figures.coverage_download_table(matrix, filters), supply],
        }


def coverage_heatmap(matrix, filters):
    from insight import charts

    return charts.heatmap(matrix, f"Live services by district and {str(filters.vocabulary.legend).lower()}")


class CellView(InsightView):
    """The live services counted in one cell of the matrix, each linking to its page in the admin."""

    page_title = gettext_lazy("Local offer insight: services in a cell")
    template_name = "insight/cell.html"
    tab = "coverage"

    def figures(self):
        form, filters, problems = coverage_filters(self.request.GET)
        self.problems += problems
        names = demand.district_names()
        district = self.request.GET.get("district", "")
        reach = self.request.GET.get("reach", "reaching")
        if reach not in REACHES:
            reach = "reaching"
        term = self.request.GET.get("term", "")
        term_code = None if term == "__none__" else term
        term_names = dict(filters.vocabulary.model.objects.values_list("code", "name"))
        if district not in names:
            self.problems.append(_("Choose a district from the matrix: that one is not in the loaded area."))
            services = coverage.no_services()
        elif term_code and term_code not in term_names:
            self.problems.append(_("That term is not in the vocabulary, so no services are listed."))
            services = coverage.no_services()
        else:
            services = coverage.services_in_cell(filters, district, term_code, reach)
        paginator = Paginator(services, figures.PAGE_ROWS)
        page = paginator.get_page(self.request.GET.get("p"))
        page.object_list = coverage.with_last_checked(page.object_list)
        term_label = (
            _("no %(vocabulary)s given") % {"vocabulary": str(filters.vocabulary.legend).lower()}
            if term_code is None
            else term_names.get(
                term_code, _("any %(vocabulary)s") % {"vocabulary": str(filters.vocabulary.legend).lower()}
            )
        )
        return {
            "filters": filters,
            "district_name": names.get(district, ""),
            "term_label": term_label,
            "reach_label": REACHES[reach],
            "page_obj": page,
            "tables": [],
        }


class DemandView(InsightView):
    page_title = gettext_lazy("Local offer insight: what families search for")
    template_name = "insight/demand.html"
    uses_period = True
    tab = "demand"

    def figures(self):
        names = demand.district_names()
        found, self.counted_at = kept("demand", self.period, lambda: demand.demand(self.period))
        tables = figures.demand_tables(found, names)
        supply, _supply_counted_at = kept("supply", (), lambda: (demand.supply_by_topic(), demand.supply_by_district()))
        gap_topics, gap_districts = figures.gap_tables(found, names, *supply)
        if not found.total:
            self.problems.append(_("No searches were made in this period."))
        for table in (*tables.values(), gap_topics):
            table.limit = figures.PAGE_ROWS
        return {
            "found": found,
            "total": figures.suppress(found.total),
            "zero": figures.suppress(found.zero),
            "searches_chart": figures.searches_chart(found),
            "named_tables": tables,
            "gap_topics": gap_topics,
            "gap_districts": gap_districts,
            "page_rows": figures.PAGE_ROWS,
            "tables": [*tables.values(), gap_topics, gap_districts],
        }


class QualityView(InsightView):
    page_title = gettext_lazy("Local offer insight: freshness and quality")
    template_name = "insight/quality.html"
    uses_period = True
    tab = "quality"

    def figures(self):
        names = demand.district_names()
        wants_all = bool(self.request.GET.get("download"))
        limit = None if wants_all else figures.PAGE_ROWS
        (freshness, missing_counts, missing_list), self.counted_at = kept(
            "quality",
            limit,
            lambda: (
                quality.all_freshness(),
                quality.missing_facts_counts(),
                quality.listings_missing_facts(limit=limit),
            ),
        )
        by_provider, by_district, by_month, chart = figures.freshness_tables(names, freshness)
        missing, listings = figures.missing_tables(missing_counts, missing_list)
        reports, by_reason = figures.report_tables(self.period)
        by_provider.limit = listings.limit = figures.PAGE_ROWS
        return {
            "by_provider": by_provider,
            "by_district": by_district,
            "by_month": by_month,
            "freshness_chart": chart,
            "missing": missing,
            "listings": listings,
            "reports": reports,
            "by_reason": by_reason,
            "page_rows": figures.PAGE_ROWS,
            "tables": [by_provider, by_district, by_month, missing, listings, reports, by_reason],
        }


__all__ = ["CoverageView", "CellView", "DemandView", "QualityView", "CoverageFilterForm"]
