"""Any period, any filter, any cell, any empty area: a clear message, never a server error."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insight.periods import MIN_DAYS, period_from

URLS = ["/admin/insight/", "/admin/insight/searches/", "/admin/insight/quality/", "/admin/insight/cell/"]
NAMES = ["start", "end", "across", "cost", "delivery", "topic", "district", "term", "reach", "p", "download", "format"]
texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "2026-13-40", "0000-00-00", "9999-12-31", "1900-01-01", "2026-02-30", "yesterday", "-1"]),
    st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    st.sampled_from(["outcome", "need_level", "age_band", "district", "free", "paid", "online", "phone", "E07000229"]),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=st.sampled_from(URLS), params=st.dictionaries(st.sampled_from(NAMES), texts, max_size=6))
def test_no_query_string_makes_a_server_error(client, area, commissioner, url, params):
    client.force_login(commissioner)
    params = {name: value.replace("\x00", "") for name, value in params.items()}
    response = client.get(url, params)
    assert response.status_code in (200, 404), (url, params)


@given(start=st.dates(), end=st.dates())
def test_any_period_becomes_a_real_one_of_at_least_a_week(start, end):
    today = timezone.localdate()
    period, problems = period_from({"start": start.isoformat(), "end": end.isoformat()}, today=today)
    assert period.start <= period.end <= today
    assert period.days >= MIN_DAYS
    if not (start <= end <= today and (end - start).days + 1 >= MIN_DAYS and start.year >= 2000):
        assert problems


@pytest.mark.parametrize(
    "params,words",
    [
        ({"start": "2026-05-01", "end": "2026-04-01"}, "start before it ends"),
        ({"start": "01/05/2026"}, "year-month-day"),
        ({"start": "1066-10-14", "end": "1066-12-25"}, "outside the years"),
        ({"start": "2026-05-01", "end": "2026-05-02"}, "shortest period"),
    ],
)
def test_a_bad_period_says_what_was_wrong(params, words):
    period, problems = period_from(params, today=datetime.date(2026, 12, 6))
    assert any(words in problem for problem in problems)


@pytest.mark.django_db
def test_an_unknown_filter_is_named_and_left_out(client, area, commissioner):
    client.force_login(commissioner)
    response = client.get("/admin/insight/", {"cost": "priceless", "across": "horoscope"})
    assert response.status_code == 200
    assert "that choice is not one we know" in response.content.decode()


@pytest.mark.django_db
def test_pages_work_with_no_area_loaded_and_say_so(client, commissioner):
    client.force_login(commissioner)
    response = client.get("/admin/insight/")
    assert response.status_code == 200
    assert "No districts are loaded" in response.content.decode()
    assert client.get("/admin/insight/searches/").status_code == 200
    assert client.get("/admin/insight/quality/").status_code == 200
