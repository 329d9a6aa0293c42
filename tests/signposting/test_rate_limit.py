"""Specifications for the rate limit on public forms: counted by a salted hash, in the cache only."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from signposting.models import ListingReport
from sitewide import ratelimit

pytestmark = pytest.mark.django_db


def report(client, service, address="203.0.113.7"):
    return client.post(f"/report-a-problem/{service.pk}/", {"reason": "closed"}, REMOTE_ADDR=address)


def test_five_reports_in_ten_minutes_are_accepted(client, service):
    responses = [report(client, service) for _ in range(5)]

    assert [response.status_code for response in responses] == [302] * 5


def test_the_sixth_post_in_ten_minutes_is_a_friendly_429(client, service):
    for _ in range(5):
        report(client, service)

    response = report(client, service)

    assert response.status_code == 429
    assert "Please try again in 10 minutes" in response.content.decode()
    assert ListingReport.objects.count() == 5


def test_the_429_says_when_to_retry(client, service):
    for _ in range(6):
        response = report(client, service)

    assert 0 < int(response["Retry-After"]) <= 600


def test_another_client_is_counted_apart(client, service):
    for _ in range(6):
        report(client, service)

    assert report(client, service, address="198.51.100.2").status_code == 302


def test_looking_at_the_form_is_not_counted(client, service):
    for _ in range(10):
        client.get(f"/report-a-problem/{service.pk}/", REMOTE_ADDR="203.0.113.7")

    assert report(client, service).status_code == 302


def test_the_cache_key_does_not_contain_the_address():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")

    key = ratelimit.client_key(request, "report")

    assert "203.0.113.7" not in key


def test_the_address_is_never_written_to_the_database(client, service):
    report(client, service)

    row = ListingReport.objects.values().get()
    assert "203.0.113.7" not in str(row)


def test_the_counter_lives_in_the_cache(client, service):
    report(client, service)
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")

    assert cache.get(ratelimit.client_key(request, "report")) == 1


def test_a_configured_proxy_header_counts_the_forwarded_client(settings):
    settings.RATELIMIT_IP_HEADER = "HTTP_X_REAL_IP"
    one = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    two = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.2")

    assert ratelimit.client_key(one, "report") != ratelimit.client_key(two, "report")
