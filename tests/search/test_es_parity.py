"""bench.parity's table: what `make es-check` prints and when it fails."""

from bench.parity import compare, table
from search.query import FacetValue, SearchResults, ServiceQuery
from search.results import result_item


def _results(total, ids, safe=1):
    items = [
        result_item(
            {
                "service_id": n,
                "name": f"S{n}",
                "url": "",
                "summary": "",
                "organisation": "",
                "cost": "",
                "self_referral": False,
            },
            [],
            None,
            False,
        )
        for n in ids
    ]
    facets = {"outcomes": [FacetValue(code="safe", name="Safe", count=safe)]}
    return SearchResults(query=ServiceQuery(), total=total, items=items, facets=facets)


def test_the_same_answer_is_the_same():
    assert compare(_results(2, [1, 2]), _results(2, [1, 2])) == (True, "same", True)


def test_the_same_page_in_another_order_says_order():
    assert compare(_results(2, [1, 2]), _results(2, [2, 1]))[1] == "order"


def test_another_total_page_or_facet_count_differs():
    assert compare(_results(2, [1, 2]), _results(3, [1, 3], safe=2)) == (False, "differs", False)


def test_the_table_counts_the_searches_that_differ():
    text, differing = table(
        [("q=autism", _results(1, [1]), _results(1, [1])), ("q=adhd", _results(1, [1]), _results(0, []))]
    )
    assert differing == 1
    assert text.splitlines()[-1] == "1 of 2 searches answer the same on both backends."
    assert "q=adhd" in text and "differs" in text
