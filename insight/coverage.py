"""The local offer at a glance: live services per district and outcome (or need level, or age band).

Three counts per cell, each one SQL aggregation over the live, public services:
- located: services with a location (a building) in the district;
- outreach: services that name the district as served without a building there (home visits, online, phone);
- reaching: services that do either (the service's derived districts), the figure a family sees.
No Python loop touches a service: Python only lays out the grouped counts (districts × terms).
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from wagtail.models import PageViewRestriction

from directory.models import Location, ServicePage
from directory.vocabularies import DistrictTag, ServiceDistrict

# A cell with fewer services reaching it than this is "thin"; with none it is a "gap".
THIN_BELOW = 3
NONE_KEY = None  # the column of services with no term in the chosen vocabulary


def live_services():
    """Every service a family can see: the one definition the insight pages count from."""
    return ServicePage.objects.published()


def private_sections():
    return list(PageViewRestriction.objects.values_list("page__path", "page__depth"))


def live_q(prefix="", private=None):
    """`live().public()` written against a relation ("service__"), for aggregations over related rows.

    Joining the page row once is several times cheaper than testing each row against a subquery of
    every live page (measured at 100,000 services). The private sections are Wagtail's own
    (PageViewRestriction), excluded the way `PageQuerySet.public()` does.
    """
    q = Q(**{f"{prefix}live": True})
    for path, depth in private_sections() if private is None else private:
        q &= ~Q(**{f"{prefix}path__startswith": path, f"{prefix}depth__gte": depth})
    return q


@dataclass
class Cell:
    located: int = 0
    outreach: int = 0
    reaching: int = 0

    @property
    def mark(self):
        if self.reaching == 0:
            return "gap"
        if self.reaching < THIN_BELOW:
            return "thin"
        return ""


@dataclass
class Matrix:
    districts: list  # [(code, name)]
    terms: list  # [(code, name)]; the last is (None, "None given") when some services have no term
    cells: dict  # (district code, term code) -> Cell
    totals: dict  # district code -> Cell (any term)
    services: int  # live services after the filters, anywhere

    def cell(self, district_code, term_code):
        return self.cells.get((district_code, term_code), Cell())

    def rows(self):
        for code, name in self.districts:
            yield code, name, [self.cell(code, term) for term, _ in self.terms], self.totals.get(code, Cell())

    @property
    def gaps(self):
        return sum(1 for code, _ in self.districts for term, _ in self.terms if self.cell(code, term).mark == "gap")

    @property
    def thin(self):
        return sum(1 for code, _ in self.districts for term, _ in self.terms if self.cell(code, term).mark == "thin")


def _grouped(queryset, district_field, term_field, service_field, distinct):
    """{(district id, term id): services}, one GROUP BY query.

    Tag rows are unique per (service, term) and per (service, district), so only locations (several
    can share a district) need the costlier COUNT(DISTINCT).
    """
    fields = [district_field] + ([term_field] if term_field else [])
    rows = queryset.order_by().values(*fields).annotate(n=Count(service_field, distinct=distinct))
    return {(row[district_field], row[term_field] if term_field else "*"): row["n"] for row in rows}


def coverage_matrix(filters):
    """The matrix for `filters` (a CoverageFilters): districts of the loaded area down, terms across."""
    vocabulary = filters.vocabulary
    private = private_sections()
    live = {
        prefix: live_q(prefix, private) & filters.q(prefix)
        for prefix in ("", "service__", "servicepage__", "content_object__")
    }
    districts = list(DistrictTag.objects.order_by("order", "name").values_list("pk", "code", "name"))
    terms = list(vocabulary.model.objects.order_by("order", "name").values_list("pk", "code", "name"))

    through = vocabulary.through
    located_rows = Location.objects.filter(live["service__"], district__isnull=False)
    served_through = ServicePage.districts_served.through
    outreach_rows = served_through.objects.filter(live["servicepage__"])
    reaching_rows = ServiceDistrict.objects.filter(live["content_object__"])
    sources = {
        "located": (located_rows, "district_id", f"service__{through}__tag_id", "service_id"),
        "outreach": (outreach_rows, "districttag_id", f"servicepage__{through}__tag_id", "servicepage_id"),
        "reaching": (reaching_rows, "tag_id", f"content_object__{through}__tag_id", "content_object_id"),
    }
    by_term = {kind: _grouped(rows, d, t, s, kind == "located") for kind, (rows, d, t, s) in sources.items()}
    by_district = {kind: _grouped(rows, d, None, s, kind == "located") for kind, (rows, d, _, s) in sources.items()}

    term_code = {pk: code for pk, code, _ in terms}
    has_untagged = any(key[1] is None for counts in by_term.values() for key in counts)
    cells, totals = {}, {}
    for district_pk, district_code, _ in districts:
        totals[district_code] = Cell(*(by_district[kind].get((district_pk, "*"), 0) for kind in sources))
        for term_pk in [*term_code, None]:
            counts = [by_term[kind].get((district_pk, term_pk), 0) for kind in sources]
            cells[(district_code, term_code.get(term_pk))] = Cell(*counts)
    term_list = [(code, name) for _, code, name in terms]
    if has_untagged:
        term_list.append((NONE_KEY, f"No {vocabulary.legend.lower()} given"))
    return Matrix(
        districts=[(code, name) for _, code, name in districts],
        terms=term_list,
        cells=cells,
        totals=totals,
        services=ServicePage.objects.filter(live[""]).count(),
    )


def services_in_cell(filters, district_code, term_code, reach="reaching"):
    """The live services counted in one cell, for the listing each cell links to."""
    services = filters.apply(live_services())
    if reach == "located":
        services = services.filter(locations__district__code=district_code)
    elif reach == "outreach":
        services = services.filter(districts_served__code=district_code)
    else:
        services = services.filter(tagged_districts__tag__code=district_code)
    through = filters.vocabulary.through
    if term_code:
        services = services.filter(**{f"{through}__tag__code": term_code})
    elif term_code is None:
        services = services.filter(**{f"{through}__isnull": True})
    return services.distinct().order_by("title")
