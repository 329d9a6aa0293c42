"""Each rate limit is counted on its own, and a forwarded header's first address is the client (issue 20)."""

import pytest

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory

# Each test starts with no rate limit spent (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("empty_cache")

CLIENT = "198.51.100.20"


@pytest.fixture
def service(db):
    load_area("west-sussex")
    service = ServicePageFactory(title="Kestrel Club")
    service.save_revision().publish()
    return service


def _api_searches(client, times, **headers):
    return [client.get("/api/search", {"q": "parenting"}, **headers).status_code for _ in range(times)]


@pytest.mark.django_db
def test_a_client_blocked_from_the_api_can_still_report_a_problem(client, settings, service):
    settings.SEARCH_API_RATE_PER_MINUTE = 5
    assert _api_searches(client, 6, REMOTE_ADDR=CLIENT) == [200] * 5 + [429]
    report = client.post(f"/report-a-problem/{service.pk}/", {"reason": "out_of_date"}, REMOTE_ADDR=CLIENT)
    assert report.status_code == 302


@pytest.mark.django_db
def test_reports_used_up_leave_the_api_open(client, settings, service):
    settings.SEARCH_API_RATE_PER_MINUTE = 5
    url = f"/report-a-problem/{service.pk}/"
    reports = [client.post(url, {"reason": "out_of_date"}, REMOTE_ADDR=CLIENT).status_code for _ in range(6)]
    assert reports == [302] * 5 + [429]
    assert _api_searches(client, 5, REMOTE_ADDR=CLIENT) == [200] * 5


@pytest.mark.django_db
def test_the_first_address_of_a_forwarded_header_is_the_client(client, settings):
    settings.RATELIMIT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.SEARCH_API_RATE_PER_MINUTE = 2
    # The same visitor through two different proxies is one client...
    same = [
        *_api_searches(client, 1, HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1"),
        *_api_searches(client, 2, HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.2"),
    ]
    assert same == [200, 200, 429]
    # ...and another visitor through the first proxy is another client, not blocked with the first.
    assert _api_searches(client, 2, HTTP_X_FORWARDED_FOR="203.0.113.8, 10.0.0.1") == [200, 200]
    # Written without spaces, and with the visitor's address alone, it is still the same client.
    assert _api_searches(client, 1, HTTP_X_FORWARDED_FOR="203.0.113.8,10.0.0.3") == [429]
    assert _api_searches(client, 1, HTTP_X_FORWARDED_FOR="203.0.113.8") == [429]
