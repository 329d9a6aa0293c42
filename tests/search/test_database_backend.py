"""The database backend beyond the contract: a search stays in SQL and its cost does not grow with the directory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# The nearest site is measured by directory.sites, the one rule every output uses.
from directory import sites as results_module
from directory.factories import AgeBandTagFactory, DistrictTagFactory, NeedLevelTagFactory, OutcomeTagFactory
from search.backends.database import DatabaseSearchBackend, indexer
from search.models import FacetLane, ServiceLocationRow
from search.query import ServiceQuery
from tests.places import WORTHING

pytestmark = pytest.mark.django_db

PAGE_SIZE = 10
# The vocabularies, the search with its facets, totals and page, the cards, and with words whether the index
# knows them (spelling) and, until cached, the synonym groups and the topics' names: a handful.
MOST_QUERIES = 10


def _document(number):
    """A service near Worthing with two locations (one in Crawley), as search.documents builds them."""
    offset = (number % 40) * 0.001
    return {
        "id": 10_000 + number,
        "name": f"Parenting group {number:04d}",
        "url": f"/services/provider/parenting-group-{number}/",
        "summary": "Support for families.",
        "organisation": "Sussex Family Trust",
        "text": f"Parenting group {number} courses for parents",
        "topics": [],
        "cost": "free" if number % 2 else "paid",
        "self_referral": bool(number % 3),
        "min_age": 0,
        "max_age": 11,
        "outcomes": ["safe"] if number % 2 else ["healthy"],
        "need_levels": ["level-1"],
        "age_bands": ["0-4"],
        "districts": ["E07000229", "E07000226"],
        "served_districts": ["E07000229"] if number % 5 == 0 else [],
        "delivery": ["in_person"],
        "languages": ["english"],
        "days": ["monday"],
        "last_reviewed": "2026-01-05",
        "card": {"outcomes": [], "need_levels": [], "age_bands": []},
        "locations": [
            {
                "id": 2 * number,
                "name": "Worthing Library",
                "town": "Worthing",
                "postcode": "BN11 1HS",
                "latitude": 50.814049 + offset,
                "longitude": -0.373189 - offset,
                "district": "E07000229",
            },
            {
                "id": 2 * number + 1,
                "name": "Crawley Hub",
                "town": "Crawley",
                "postcode": "RH10 1AA",
                "latitude": 51.116858,
                "longitude": -0.188177,
                "district": "E07000226",
            },
        ],
    }


@pytest.fixture
def backend():
    return DatabaseSearchBackend()


@pytest.fixture
def directory(backend):
    """Adds synthetic services to the index (no pages: only the index is searched)."""
    OutcomeTagFactory(code="safe")
    OutcomeTagFactory(code="healthy")
    NeedLevelTagFactory(level=1, code="level-1")
    AgeBandTagFactory(code="0-4", min_age=0, max_age=4)
    DistrictTagFactory(code="E07000229", name="Worthing")
    added = []

    def add(count):
        start = len(added)
        documents = [_document(number) for number in range(start, start + count)]
        backend.write_documents(documents)
        added.extend(documents)

    return add


SEARCHES = {
    "words, place, filters and facets": ServiceQuery(
        text="parenting", near=WORTHING, outcomes=("safe",), free_only=True, age=3, page_size=PAGE_SIZE
    ),
    "place only": ServiceQuery(near=WORTHING, page_size=PAGE_SIZE),
    "words only": ServiceQuery(text="parents", page_size=PAGE_SIZE),
    "nothing": ServiceQuery(page_size=PAGE_SIZE),
    "a later page": ServiceQuery(near=WORTHING, page=3, page_size=PAGE_SIZE),
}


def _queries(backend, query):
    with CaptureQueriesContext(connection) as captured:
        results = backend.search(query)
    assert results.total > 0
    return len(captured)


@pytest.mark.parametrize("query", SEARCHES.values(), ids=SEARCHES.keys())
def test_a_search_costs_a_few_queries(backend, directory, query, django_assert_max_num_queries):
    directory(30)
    with django_assert_max_num_queries(MOST_QUERIES):
        backend.search(query)


@pytest.mark.parametrize("query", SEARCHES.values(), ids=SEARCHES.keys())
def test_the_queries_a_search_costs_do_not_grow_with_the_directory(backend, directory, query):
    directory(30)
    few = _queries(backend, query)
    directory(300)
    assert _queries(backend, query) <= few  # fewer: the backend keeps the vocabularies it read


def test_only_the_rows_of_the_page_are_loaded(backend, directory, monkeypatch):
    directory(300)
    loaded = []
    original = ServiceLocationRow.from_db.__func__

    def counting(cls, *args, **kwargs):
        loaded.append(1)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(ServiceLocationRow, "from_db", classmethod(counting))
    backend.search(SEARCHES["words, place, filters and facets"])
    # Each service on the page has two locations.
    assert len(loaded) <= 2 * PAGE_SIZE


def test_exact_distances_are_measured_only_for_the_page(backend, directory, monkeypatch):
    directory(300)
    measured = []
    original = results_module.distance_miles

    def counting(*args):
        measured.append(args)
        return original(*args)

    monkeypatch.setattr(results_module, "distance_miles", counting)
    results = backend.search(SEARCHES["place only"])
    assert len(results.items) == PAGE_SIZE
    assert len(measured) <= 2 * PAGE_SIZE


def test_the_order_by_distance_agrees_with_the_exact_distances(backend, directory):
    directory(60)
    results = backend.search(ServiceQuery(near=WORTHING, page_size=60))
    distances = [item.distance_miles for item in results.items if not item.serves_your_area]
    assert distances == sorted(distances)


def test_a_search_finding_nothing_costs_a_bounded_number_of_queries(backend, directory):
    directory(30)
    query = ServiceQuery(
        text="xylophone", near=WORTHING, outcomes=("safe",), free_only=True, self_referral=True, age=3, day=2
    )
    with CaptureQueriesContext(connection) as captured:
        results = backend.search(query)
    assert results.total == 0
    # Then one count query for each suggestion tried: 3 wider radii, 5 filters, without the words.
    assert len(captured) <= MOST_QUERIES + 3 + 5 + 1


@pytest.mark.parametrize("name", ["words, place, filters and facets", "place only", "nothing"])
def test_terms_beyond_the_facet_packs_are_counted_and_filtered_from_their_codes(backend, directory, monkeypatch, name):
    directory(30)
    query = SEARCHES[name].without(outcomes=("safe",), districts=("E07000229",))
    packed = backend.search(query)
    indexer.clear()
    monkeypatch.setattr(indexer, "FACET_PACKS", 1)  # three lanes: the rest are counted from the codes
    backend.write_documents([_document(number) for number in range(30)])
    assert FacetLane.objects.filter(lane=None).exclude(vocabulary="served_districts").exists()
    unpacked = backend.search(query)
    assert (unpacked.total, unpacked.facets, [item.service_id for item in unpacked.items]) == (
        packed.total,
        packed.facets,
        [item.service_id for item in packed.items],
    )


def test_the_covering_indexes_outlive_every_migration():
    """A later migration that rebuilds the rows table on SQLite would drop them, and searches slow down."""
    table = ServiceLocationRow._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table])
            expected = {"search_row_near", "search_row_first", "search_row_served", "search_row_by_name"}
        else:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
            expected = {"search_row_near_covering", "search_row_first_covering", "search_row_by_name_covering"}
        names = {name for (name,) in cursor.fetchall()}
    assert expected <= names


def test_near_a_place_the_words_are_scored_once_only_for_the_services_found(backend, directory):
    # Scoring every service the words match across the index made a search near a place cost as much as
    # one without: the scores must be restricted to the services near (boxed) or serving the place (served).
    # And worked out in one pass: each pass runs the full-text query again (a third of a search near Worthing).
    directory(30)
    with CaptureQueriesContext(connection) as captured:
        results = backend.search(SEARCHES["words, place, filters and facets"])
    assert results.total > 0
    scorer = "bm25(" if connection.vendor == "sqlite" else "ts_rank("
    # The search's statement (on PostgreSQL the words are a subquery in place, with no `words` set).
    statement = next(query["sql"] for query in captured if scorer in query["sql"])
    assert statement.count(scorer) == 1
    scoring = statement[statement.index(scorer) :]
    # Among them: IN on SQLite, = ANY(ARRAY(...)) on PostgreSQL.
    assert "(SELECT service_id FROM boxed UNION ALL SELECT service_id FROM served)" in scoring


def test_near_a_place_the_words_are_tested_on_the_services_found_when_ranking_or_counting(backend, directory):
    # On SQLite every row in the box looked up among every hit of a common word was a third of a search near
    # a place at 100,000 services; the full-text index scanned once against the few services found costs a
    # tenth of it. On PostgreSQL each row's words were tested, then each candidate's again to score it.
    # Nearest first the words come first: they leave fewer services to group for their nearest site.
    directory(30)
    query = SEARCHES["words, place, filters and facets"]
    ranked, nearest = query.without(sort="relevance"), query.without(sort="distance")
    with CaptureQueriesContext(connection) as captured:
        assert backend.search(ranked).total == backend.count(ranked) == backend.search(nearest).total > 0
    words = "MATCH" if connection.vendor == "sqlite" else "@@"
    ranked_sql, counted_sql, nearest_sql = [query["sql"] for query in captured if words in query["sql"]]
    for statement in (ranked_sql, counted_sql):
        assert "(SELECT service_id FROM boxed" in statement
        assert "words AS" not in statement  # SQLite's set of every hit (PostgreSQL has none)
    assert "boxed" not in nearest_sql


def test_counting_for_suggestions_scores_nothing(backend, directory):
    # A suggestion's count needs the number of services, not their order: scoring the words there cost a third
    # of a count near a place at 100,000 services.
    directory(30)
    query = SEARCHES["words, place, filters and facets"]
    with CaptureQueriesContext(connection) as captured:
        total = backend.count(query)
    assert total == backend.search(query).total > 0
    scorer = "bm25(" if connection.vendor == "sqlite" else "ts_rank("
    assert [sql for sql in (query["sql"] for query in captured) if scorer in sql] == []


def test_without_a_place_or_words_the_page_is_read_in_the_order_of_the_index_by_name(backend, directory):
    # Sorting every service the filters found for the first 20 names was 40% of a search by filters alone at
    # 100,000 services; the rows' index by name gives them in order, and the page stops at its end. (With facet
    # counts the set is stored instead, read for the total, the sums and the page.)
    directory(30)
    query = SEARCHES["nothing"].without(outcomes=("safe",), free_only=True, facets=False)
    with CaptureQueriesContext(connection) as captured:
        results = backend.search(query)
    assert results.total > PAGE_SIZE
    names = [item.name for item in results.items]
    assert names == sorted(names)
    statement = next(query for query in captured if "ROW_NUMBER()" in query["sql"])
    sql, params = statement["sql"], []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = [row[3] for row in cursor.fetchall()]
            page = plan[plan.index("CO-ROUTINE page") :]
            assert any("search_row_by_name" in step for step in page)
            assert not any(step == "USE TEMP B-TREE FOR ORDER BY" for step in page[: page.index("SCAN page")])
        else:
            # 30 services: sorting them costs less than reading an index in order. Sorting made dear, the plan
            # shows whether an index can give the page in its order at all (as at 100,000 services).
            for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "search_row_by_name_covering" in plan
            assert "Sort" not in plan
