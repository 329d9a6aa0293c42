"""The search API answers a flood from one client with a polite 429 and Retry-After; other clients carry on."""

import json

import pytest

# Each test starts with no rate limit spent (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("empty_cache")


@pytest.mark.django_db
def test_search_api_limits_one_client_and_says_when_to_come_back(client, settings):
    settings.SEARCH_API_RATE_PER_MINUTE = 3
    statuses = [client.get("/api/search", {"q": "parenting"}, REMOTE_ADDR="198.51.100.1").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]

    refused = client.get("/api/search", {"q": "parenting"}, REMOTE_ADDR="198.51.100.1")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "wait" in json.loads(refused.content)["errors"][0]["message"]

    other_client = client.get("/api/search", {"q": "parenting"}, REMOTE_ADDR="198.51.100.2")
    assert other_client.status_code == 200


@pytest.mark.django_db
def test_public_forms_are_limited_with_a_friendly_page(client, settings):
    from directory.area_profiles import load_area
    from directory.factories import ServicePageFactory

    load_area("west-sussex")
    service = ServicePageFactory()
    service.save_revision().publish()
    url = f"/report-a-problem/{service.pk}/"
    responses = [client.post(url, {"reason": "out_of_date"}, REMOTE_ADDR="198.51.100.9") for _ in range(6)]
    assert responses[-1].status_code == 429
    assert "Retry-After" in responses[-1]
    assert "try again" in responses[-1].content.decode().lower()


@pytest.mark.django_db
def test_an_exempt_client_is_never_limited_and_others_still_are(client, settings):
    # The load test's client only: `make load` measures the site, not the limiter.
    settings.SEARCH_API_RATE_PER_MINUTE = 2
    settings.RATELIMIT_EXEMPT_IPS = {"198.51.100.50"}
    exempt = [client.get("/api/search", {"q": "x"}, REMOTE_ADDR="198.51.100.50").status_code for _ in range(4)]
    other = [client.get("/api/search", {"q": "x"}, REMOTE_ADDR="198.51.100.51").status_code for _ in range(3)]
    assert exempt == [200] * 4
    assert other == [200, 200, 429]
