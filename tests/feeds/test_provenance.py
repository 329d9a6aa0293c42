"""Specifications for provenance: a service from a feed says where its information comes from, and when."""

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.feeds.sync import sync_feed
from directory.models import ServicePage
from tests.feeds.conftest import feed_service


def test_a_service_from_a_feed_names_its_publisher_and_when_it_was_confirmed(client, feed, feed_server):
    feed_server.serve([feed_service(1)])
    sync_feed(feed)
    page = client.get(ServicePage.objects.get().url).content.decode()
    assert "This information comes from" in page
    assert '<a class="govuk-link" href="https://seaside.example.org/">Seaside Council</a>' in page
    assert "The feed last confirmed it on" in page


def test_a_local_service_says_nothing_about_feeds(client, area):
    service = ServicePageFactory(parent=OrganisationPageFactory())
    page = client.get(service.url).content.decode()
    assert "This information comes from" not in page
    assert "Open Referral UK data standard" in page  # the footer's credit, on every page
