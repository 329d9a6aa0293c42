"""The local offer at a glance: live services per district and outcome (or need level, or age band).

Three counts per cell, from the counted services (one row per live, public service):
- located: services with a location (a building) in the district;
- outreach: services that name the district as served without a building there (home visits, online, phone);
- reaching: services that do either (the service's derived districts), the figure a family sees.
No Python loop touches a service: Python only lays out the grouped rows (districts × terms).
"""

from collections import Counter
from dataclasses import dataclass
from functools import cache

from django.db.models import Count

from directory.models import ServicePage
from directory.vocabularies import DistrictTag
from insight.counted import ids_of
from insight.models import CountedService

# A cell with fewer services reaching it than this is "thin"; with none it is a "gap".
THIN_BELOW = 3
NONE_KEY = None  # the column of services with no term in the chosen vocabulary
KINDS = ("located", "outreach", "reaching")  # in Cell's order
ANY_TERM = object()  # a district's total, whatever the term


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


def coverage_matrix(filters):
    """The matrix for `filters` (a CoverageFilters): districts of the loaded area down, terms across.

    One GROUP BY over the counted services (one row per live service, insight/counted.py) by their sets
    of districts and terms: services alike share a row, so Python lays out a few hundred groups, not
    100,000 services. A service counts once per cell however many locations it has there.
    """
    vocabulary = filters.vocabulary
    districts = list(DistrictTag.objects.order_by("order", "name").values_list("pk", "code", "name"))
    terms = list(vocabulary.model.objects.order_by("order", "name").values_list("pk", "code", "name"))
    district_code = {pk: code for pk, code, _ in districts}
    term_code = {pk: code for pk, code, _ in terms}
    groups = (
        CountedService.objects.filter(filters.q())
        .order_by()
        .values_list("located", "served", "reaching", vocabulary.field)
        .annotate(n=Count("pk"))
    )
    # Each distinct set is read once (there are tens), then every group adds its count to its cells.
    districts_in = cache(lambda text: tuple(district_code[pk] for pk in ids_of(text) if pk in district_code))
    terms_in = cache(lambda text: tuple(term_code[pk] for pk in ids_of(text) if pk in term_code) or (NONE_KEY,))
    counts = Counter()  # (kind index, district code, term code or ANY_TERM) -> services
    services, has_untagged = 0, False
    for located, served, reaching, term_ids, n in groups:
        services += n
        codes = terms_in(term_ids)
        has_untagged |= codes == (NONE_KEY,) and (located, served, reaching) != ("|", "|", "|")
        for kind, text in enumerate((located, served, reaching)):
            for code in districts_in(text):
                counts[(kind, code, ANY_TERM)] += n
                for term in codes:
                    counts[(kind, code, term)] += n

    def cell(code, term):
        return Cell(*(counts[(kind, code, term)] for kind in range(len(KINDS))))

    # Every cell of the grid, empty ones too: an empty cell is a gap to show, not a missing figure.
    totals = {code: cell(code, ANY_TERM) for code in district_code.values()}
    cells = {
        (code, term): cell(code, term) for code in district_code.values() for term in [*term_code.values(), NONE_KEY]
    }
    term_list = [(code, name) for _, code, name in terms]
    if has_untagged:
        term_list.append((NONE_KEY, f"No {vocabulary.legend.lower()} given"))
    return Matrix(
        districts=[(code, name) for _, code, name in districts],
        terms=term_list,
        cells=cells,
        totals=totals,
        services=services,
    )


def services_in_cell(filters, district_code, term_code, reach="reaching"):
    """The live services counted in one cell, for the listing each cell links to (`pk`, `title`).

    Read from the same counted rows as the matrix, so the listing and the cell always agree.
    """
    district = DistrictTag.objects.filter(code=district_code).first()
    if district is None:
        return no_services()
    column = {"located": "located", "outreach": "served"}.get(reach, "reaching")
    services = CountedService.objects.filter(filters.q(), **{f"{column}__contains": f"|{district.pk}|"})
    field = filters.vocabulary.field
    if term_code:
        term = filters.vocabulary.model.objects.filter(code=term_code).first()
        if term is None:
            return no_services()
        services = services.filter(**{f"{field}__contains": f"|{term.pk}|"})
    elif term_code is None:
        services = services.filter(**{field: "|"})
    return services.order_by("title", "pk")


def with_last_checked(services):
    """The services (one page of a cell's listing) with `last_reviewed` read from their pages: counting the
    whole listing then needs no join."""
    services = list(services)
    dates = dict(
        ServicePage.objects.filter(pk__in=[service.pk for service in services]).values_list("pk", "last_reviewed")
    )
    for service in services:
        service.last_reviewed = dates.get(service.pk)
    return services


def no_services():
    return CountedService.objects.none()
