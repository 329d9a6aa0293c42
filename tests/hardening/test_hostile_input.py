"""Property-based: whatever arrives in a search or API parameter, the answer is well formed and never a 5xx."""

import json
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory

PARAMETERS = [
    "q", "postcode", "radius", "outcome", "need_level", "age", "age_band", "district", "free",
    "delivery", "self_referral", "language", "day", "sort", "page", "page_size",
]  # fmt: skip

NASTY = st.sampled_from(
    [
        "NaN", "nan", "inf", "-inf", "-1", "0", "1e309", "99999999999999999999999", "-99999999999999999999",
        "' OR 1=1 --", '"; DROP TABLE search_servicelocationrow; --', "<script>alert(1)</script>",
        "%00", "\x00", "\u202e", "..", "../../etc/passwd", "AND", "NEAR(", '"', "*", "(", "OR OR", "x" * 5000,
        "51.5,-0.1", "91,181", "BN11 1HS", "bn111hs", "ZZ99 9ZZ", "Worthing", "level-2", "E07000229", "monday",
    ]
)  # fmt: skip
VALUES = st.one_of(NASTY, st.text(max_size=300), st.integers().map(str), st.floats().map(str))
QUERIES = st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=6)

HYPOTHESIS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def directory_with_a_service(db):
    load_area("west-sussex")
    service = ServicePageFactory(title="Parenting drop-in", tags={"topics": ["parenting"]})
    service.save_revision().publish()


def safe_urlencode(params):
    # The test client cannot send a NUL byte raw in a URL any more than a browser can; it arrives percent-encoded.
    return urlencode(params)


@HYPOTHESIS
@given(params=QUERIES)
def test_search_api_answers_every_input_without_a_server_error(client, directory_with_a_service, params):
    response = client.get("/api/search?" + safe_urlencode(params))
    assert response.status_code in (200, 400, 429), response.content[:500]
    body = json.loads(response.content)
    if response.status_code == 200:
        assert isinstance(body["total"], int) and isinstance(body["results"], list)
    elif response.status_code == 400:
        assert body["errors"] and all(error["parameter"] and error["message"] for error in body["errors"])


@HYPOTHESIS
@given(params=QUERIES)
def test_search_page_answers_every_input_without_a_server_error(client, directory_with_a_service, params):
    response = client.get("/search/?" + safe_urlencode(params))
    assert response.status_code in (200, 400, 429)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
