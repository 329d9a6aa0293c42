"""Specifications for the rate limit on public forms: counted by a salted hash, in the cache only."""

import datetime

import pytest
import time_machine
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


def test_the_429_is_the_sites_own_page_in_the_readers_language(client, service, settings):
    for _ in range(6):
        response = client.post(f"/pl/report-a-problem/{service.pk}/", {"reason": "closed"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429
    body = response.content.decode()
    # The site's name and chrome come from the request's context processors.
    assert f'<bdi lang="en">{settings.WAGTAIL_SITE_NAME}</bdi>' in body
    assert '<html lang="pl"' in body


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


# --- The counting itself, on a frozen clock (issue 20: mutation testing found these unchecked) -------------


def _post(address="203.0.113.7", **headers):
    return RequestFactory().post("/", REMOTE_ADDR=address, **headers)


def test_the_wait_is_what_is_left_of_the_window_that_began_with_the_first_post():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False) as clock:
        assert ratelimit.hit(_post(), "report", limit=2, window=600) == 0
        clock.shift(100)
        assert ratelimit.hit(_post(), "report", limit=2, window=600) == 0
        clock.shift(50)
        # The third post is one too many: the window opened 150 seconds ago and lasts 600.
        assert ratelimit.hit(_post(), "report", limit=2, window=600) == 450
        clock.shift(449)
        assert ratelimit.hit(_post(), "report", limit=2, window=600) == 1
        # The window over, the count starts again, and so does the window.
        clock.shift(2)
        assert ratelimit.hit(_post(), "report", limit=2, window=600) == 0
        assert ratelimit.hit(_post(), "report", limit=2, window=600) == 0
        assert ratelimit.hit(_post(), "report", limit=2, window=600) == 600


def test_each_client_has_its_own_window():
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False) as clock:
        ratelimit.hit(_post("203.0.113.1"), "report", limit=1, window=600)
        clock.shift(100)
        ratelimit.hit(_post("203.0.113.2"), "report", limit=1, window=600)
        clock.shift(50)
        assert ratelimit.hit(_post("203.0.113.2"), "report", limit=1, window=600) == 550


def test_a_counter_that_expires_between_add_and_incr_starts_again_at_one(monkeypatch):
    request = _post()
    ratelimit.hit(request, "report", limit=1, window=60)

    def expired(key, delta=1, version=None):
        cache.delete(key)
        raise ValueError(f"Key '{key}' not found")

    monkeypatch.setattr(cache, "incr", expired)
    assert ratelimit.hit(request, "report", limit=1, window=60) == 0
    assert cache.get(ratelimit.client_key(request, "report")) == 1
    monkeypatch.undo()
    assert ratelimit.hit(request, "report", limit=1, window=60) > 0


def test_a_counter_started_again_after_expiring_ends_with_its_window(monkeypatch):
    request = _post()
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False) as clock:
        ratelimit.hit(request, "report", limit=1, window=60)
        monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
        monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: (_ for _ in ()).throw(ValueError("gone")))
        ratelimit.hit(request, "report", limit=1, window=60)  # counted again from one, for this window
        monkeypatch.undo()
        clock.shift(61)
        assert ratelimit.hit(request, "report", limit=1, window=60) == 0


def test_spaces_around_a_forwarded_address_do_not_make_another_client(settings):
    settings.RATELIMIT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    spaced = _post("10.0.0.1", HTTP_X_FORWARDED_FOR=" 203.0.113.7 , 10.0.0.1")
    plain = _post("10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert ratelimit.client_address(spaced) == ratelimit.client_address(plain) == "203.0.113.7"


def test_without_the_configured_header_the_connection_address_is_the_client(settings):
    settings.RATELIMIT_IP_HEADER = "HTTP_X_REAL_IP"

    assert ratelimit.client_address(_post("203.0.113.9")) == "203.0.113.9"


def test_the_429_page_rounds_the_wait_up_to_whole_minutes():
    request = RequestFactory().post("/")

    response = ratelimit.too_many_requests(request, 61)

    assert response.status_code == 429
    assert response["Retry-After"] == "61"
    assert "Please try again in 2 minutes" in response.content.decode()
    assert "Please try again in 1 minute." in ratelimit.too_many_requests(request, 5).content.decode()
