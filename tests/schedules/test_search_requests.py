"""The "when can I go" filters as Elasticsearch asks them (no cluster needed), and as the search form reads them."""

import datetime
import json

import pytest
import time_machine

from directory.schedules import index_openings, weekly
from search.backends.elasticsearch import when_filters
from search.forms import query_parameters
from search.query import ServiceQuery

D, T = datetime.date, datetime.time


def as_json(filters):
    return [f.to_dict() for f in filters]


def test_weekends_ask_for_saturday_or_sunday():
    assert as_json(when_filters(ServiceQuery(weekends=True))) == [{"terms": {"days": ["saturday", "sunday"]}}]


def test_after_6pm_alone_asks_the_evening_flag():
    assert as_json(when_filters(ServiceQuery(evenings=True))) == [{"term": {"evening": True}}]


def test_on_a_date_asks_one_opening_valid_that_day_and_after_6pm_on_the_same_opening():
    (nested,) = as_json(when_filters(ServiceQuery(on_date=D(2026, 12, 24), evenings=True)))
    assert nested["nested"]["path"] == "openings"
    assert nested["nested"]["query"]["bool"]["filter"] == [
        {"term": {"openings.day": 3}},
        {"range": {"openings.valid_from": {"lte": "2026-12-24"}}},
        {"range": {"openings.valid_to": {"gte": "2026-12-24"}}},
        {"range": {"openings.closes": {"gt": "18:00:00"}}},
    ]


@time_machine.travel(datetime.datetime(2027, 7, 5, 16, 30, tzinfo=datetime.UTC), tick=False)
def test_open_now_asks_london_time_in_summer():
    (nested,) = as_json(when_filters(ServiceQuery(open_now=True)))
    within = nested["nested"]["query"]["bool"]["filter"]
    assert {"range": {"openings.opens": {"lte": "17:30:00"}}} in within  # 16:30 UTC is 17:30 BST
    assert {"range": {"openings.closes": {"gt": "17:30:00"}}} in within
    assert {"term": {"openings.day": 0}} in within


@time_machine.travel(datetime.datetime(2027, 7, 5, 16, 30, tzinfo=datetime.UTC), tick=False)
def test_open_now_on_another_date_matches_nothing():
    assert as_json(when_filters(ServiceQuery(open_now=True, on_date=D(2027, 7, 6)))) == [{"match_none": {}}]


def test_the_filters_survive_a_link_back_to_the_search():
    query = ServiceQuery(open_now=True, weekends=True, evenings=True, on_date=D(2026, 12, 24))
    assert query_parameters(query)[-4:] == [
        ("open_now", "true"),
        ("weekends", "true"),
        ("evenings", "true"),
        ("date", "2026-12-24"),
    ]


def test_index_rows_cut_weekly_validity_around_closures():
    from directory.schedules import Schedule

    rows = index_openings(
        [weekly(0, T(9), T(12)), Schedule(kind="closed", valid_from=D(2026, 12, 22), valid_to=D(2027, 1, 3))],
        D(2026, 12, 1),
    )
    assert [(r[3], r[4]) for r in rows] == [(D(2000, 1, 3), D(2026, 12, 21)), (D(2027, 1, 4), D.max)]


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 12, 6, 12, tzinfo=datetime.UTC))
def test_the_search_form_reads_the_filters_and_refuses_an_impossible_date(rf):
    from search.forms import SearchForm

    form = SearchForm({"open_now": "true", "weekends": "yes", "evenings": "1", "date": "24/12/2026"})
    assert form.is_valid(), form.errors
    query = form.to_query()
    assert (query.open_now, query.weekends, query.evenings, query.on_date) == (True, True, True, D(2026, 12, 24))
    bad = SearchForm({"date": "31/02/2027"})
    assert not bad.is_valid() and "real date" in bad.errors["date"][0]
    assert json.dumps(bad.parameter_errors())


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 12, 6, 12, tzinfo=datetime.UTC))
@pytest.mark.parametrize(
    ("typed", "accepted"),
    [("06/12/2026", True), ("06/12/2027", True), ("05/12/2026", False), ("08/12/2027", False)],
)
def test_a_date_is_from_today_to_a_year_ahead_the_dated_sessions_indexed(typed, accepted):
    from search.forms import SearchForm

    form = SearchForm({"date": typed})

    assert form.is_valid() is accepted
    if not accepted:
        assert form.errors["date"] == ["Choose a date from today to a year from now."]
