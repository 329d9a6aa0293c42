"""The coverage matrix counts what a family could find, checked against a count made another way."""

import pytest

from directory.factories import ServicePageFactory
from directory.models import Location, ServicePage
from directory.vocabularies import DistrictTag, NeedLevelTag, OutcomeTag
from insight import coverage
from insight.filters import CoverageFilters

ADUR, ARUN, CRAWLEY, WORTHING = "E07000223", "E07000224", "E07000226", "E07000229"
POSTCODES = {ADUR: "BN14 9JU", ARUN: "BN11 1YA", CRAWLEY: "RH10 0AA", WORTHING: "BN11 1HS"}


def place(district):
    return Location(name=f"Hall in {district}", postcode=POSTCODES[district])


def make_service(located=(), served=(), outcomes=(), need_levels=(), topics=(), live=True, **fields):
    service = ServicePageFactory(
        locations=[place(code) for code in located],
        tags={
            "outcomes": list(OutcomeTag.objects.filter(code__in=outcomes)),
            "need_levels": list(NeedLevelTag.objects.filter(code__in=need_levels)),
            "topics": list(topics),
        },
        **fields,
    )
    if served:
        service.districts_served.set(DistrictTag.objects.filter(code__in=served))
    # Published the way the site publishes (admin, imports, feeds): the insight figures follow publishing.
    service.save_revision().publish()
    if not live:
        service.unpublish()
    return service


@pytest.fixture
def offer(area):
    outcomes = list(OutcomeTag.objects.values_list("code", flat=True))
    make_service(located=[WORTHING], outcomes=outcomes[:2], need_levels=["level-2"], topics=["autism"])
    make_service(located=[WORTHING, ADUR], outcomes=outcomes[:1], cost="paid")
    make_service(located=[], served=[CRAWLEY, ARUN], outcomes=outcomes[1:3], in_person=False, online=True)
    make_service(located=[ARUN], served=[ADUR], outcomes=[], topics=["autism"])
    make_service(located=[CRAWLEY], outcomes=outcomes[:1], live=False)  # a draft: never counted
    return outcomes


def independent_counts(vocabulary_field, filters=None):
    """The same figures the slow way: load each live service and look at its parts in Python."""
    counts = {}
    for service in ServicePage.objects.live().public().specific():
        if filters and filters.cost and service.cost != filters.cost:
            continue
        if filters and filters.topic and filters.topic not in [tag.name for tag in service.topics.all()]:
            continue
        located = {location.district.code for location in service.locations.all() if location.district}
        served = {district.code for district in service.districts_served.all()}
        terms = [tag.code for tag in getattr(service, vocabulary_field).all()] or [None]
        for district in located | served:
            for term in terms:
                cell = counts.setdefault((district, term), [0, 0, 0])
                cell[0] += district in located
                cell[1] += district in served
                cell[2] += 1
    return counts


def matrix_counts(matrix):
    return {
        key: [cell.located, cell.outreach, cell.reaching]
        for key, cell in matrix.cells.items()
        if cell.reaching or cell.located or cell.outreach
    }


@pytest.mark.django_db
@pytest.mark.parametrize("across,field", [("outcome", "outcomes"), ("need_level", "need_levels")])
def test_the_matrix_agrees_with_a_count_made_service_by_service(offer, across, field):
    matrix = coverage.coverage_matrix(CoverageFilters(across=across))
    assert matrix_counts(matrix) == independent_counts(field)


@pytest.mark.django_db
def test_filters_narrow_the_matrix_the_same_way(offer):
    for filters in (CoverageFilters(cost="paid"), CoverageFilters(topic="autism")):
        assert matrix_counts(coverage.coverage_matrix(filters)) == independent_counts("outcomes", filters)


@pytest.mark.django_db
def test_a_draft_is_never_counted(offer):
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert matrix.services == 4
    assert matrix.totals[CRAWLEY].located == 0


@pytest.mark.django_db
def test_located_and_outreach_are_counted_apart(offer):
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert (matrix.totals[ADUR].located, matrix.totals[ADUR].outreach, matrix.totals[ADUR].reaching) == (1, 1, 2)
    assert (matrix.totals[CRAWLEY].located, matrix.totals[CRAWLEY].outreach) == (0, 1)


@pytest.mark.django_db
def test_empty_and_thin_cells_are_marked(offer):
    matrix = coverage.coverage_matrix(CoverageFilters())
    marks = {cell.mark for cell in matrix.cells.values()}
    assert {"gap", "thin"} <= marks
    assert matrix.gaps > 0 and matrix.thin > 0


@pytest.mark.django_db
def test_each_cell_lists_exactly_the_services_it_counts(offer):
    filters = CoverageFilters()
    matrix = coverage.coverage_matrix(filters)
    for (district, term), cell in matrix.cells.items():
        for reach in ("located", "outreach", "reaching"):
            listed = coverage.services_in_cell(filters, district, term, reach).count()
            assert listed == getattr(cell, reach), (district, term, reach)


@pytest.mark.django_db
def test_a_service_without_an_outcome_has_its_own_column(offer):
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert matrix.terms[-1][0] is None
    assert matrix.cell(ARUN, None).located == 1


@pytest.mark.django_db
def test_no_loaded_area_gives_an_empty_matrix(db):
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert matrix.districts == [] and matrix.services == 0


@pytest.mark.django_db
def test_every_cell_links_to_a_listing_of_its_services(client, offer, commissioner):
    client.force_login(commissioner)
    context = client.get("/admin/insight/").context
    table, matrix = context["matrix_table"], context["matrix"]
    for r, (code, _, cells, _) in enumerate(matrix.rows()):
        for c, cell in enumerate(cells, start=1):
            listing = client.get(table.links[r][c])
            assert listing.status_code == 200
            assert listing.context["page_obj"].paginator.count == cell.reaching, (code, c)


@pytest.mark.django_db
def test_a_service_in_a_private_section_is_not_counted(offer):
    from wagtail.models import PageViewRestriction

    hidden = make_service(located=[CRAWLEY], outcomes=offer[:1])
    PageViewRestriction.objects.create(page=hidden.get_parent(), restriction_type="login")
    matrix = coverage.coverage_matrix(CoverageFilters())
    assert matrix_counts(matrix) == independent_counts("outcomes")
    assert matrix.totals[CRAWLEY].located == 0


@pytest.mark.django_db
def test_figures_are_kept_for_a_few_minutes_and_say_when_they_were_counted(client, offer, commissioner, settings):
    from django.core.cache import cache

    cache.clear()
    settings.INSIGHT_CACHE_SECONDS = 300
    client.force_login(commissioner)
    first = client.get("/admin/insight/").context["matrix"].services
    make_service(located=[WORTHING], outcomes=offer[:1])
    again = client.get("/admin/insight/")
    assert again.context["matrix"].services == first
    assert "Figures counted at" in again.content.decode()
    assert client.get("/admin/insight/?cost=free").context["matrix"].services == first  # the paid one is left out
    cache.clear()
    assert client.get("/admin/insight/").context["matrix"].services == first + 1
