"""A search stores no IP address and no postcode finer than its district, in the database or in the logs."""

import logging

import pytest

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from search.models import SearchLogEntry

SEARCHER_IP = "203.0.113.77"
POSTCODE = "BN11 1HS"


@pytest.fixture
def published_service(db):
    load_area("west-sussex")
    service = ServicePageFactory(title="Family hub drop-in")
    service.save_revision().publish()
    return service


@pytest.mark.parametrize("path", ["/search/", "/api/search"])
def test_a_search_keeps_the_district_and_nothing_finer(client, published_service, caplog, path):
    caplog.set_level(logging.DEBUG)
    response = client.get(path, {"postcode": POSTCODE, "q": "family"}, REMOTE_ADDR=SEARCHER_IP)
    assert response.status_code == 200

    entry = SearchLogEntry.objects.get()
    assert entry.district_code == "E07000229"
    stored = " ".join(str(value) for value in SearchLogEntry.objects.values().get().values()).lower()
    for secret in (SEARCHER_IP, "bn11 1hs", "bn111hs", "bn11", "50.81", "-0.37"):
        assert secret not in stored

    logged = "\n".join(record.getMessage() for record in caplog.records).lower()
    for secret in (SEARCHER_IP, "bn11 1hs", "bn111hs", "bn11+1hs", "bn11%201hs"):
        assert secret not in logged


@pytest.mark.parametrize("path", ["/search/", "/api/search"])
def test_a_search_sets_no_cookie(client, published_service, path):
    response = client.get(path, {"postcode": POSTCODE})
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
