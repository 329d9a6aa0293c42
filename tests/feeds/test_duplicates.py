"""Specifications for possible duplicates: alike across sources, normalised, listed side by side, never merged."""

import pytest
from django.urls import reverse

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.feeds import duplicates
from directory.feeds.sync import sync_feed
from directory.models import Location, ServicePage
from tests.feeds.conftest import feed_service


@pytest.mark.parametrize(
    ("one", "other"),
    [("+44 (0)1903 123456", "01903 123 456"), ("0044 1903 123456", "01903123456")],
)
def test_phone_numbers_compare_by_their_digits(one, other):
    assert duplicates.normal_phone(one) == duplicates.normal_phone(other) == "01903123456"


def test_websites_and_emails_compare_without_their_dressing():
    assert duplicates.normal_website("https://www.Example.org/hub/") == duplicates.normal_website("example.org/hub")
    assert duplicates.normal_website("https://example.org/hub") != duplicates.normal_website("https://example.org/x")
    assert duplicates.normal_email(" Hub@Example.ORG ") == "hub@example.org"


@pytest.fixture
def alike(feed, feed_server):
    """A feed's service and a local listing with the same phone written differently; an unrelated local one."""
    feed_server.serve(
        [
            feed_service(
                1,
                name="Bognor Parent Support",
                phones=[{"id": "e1e2c3d4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "number": "01243 111222"}],
            )
        ]
    )
    sync_feed(feed)
    local = OrganisationPageFactory(title="Local charity")
    twin = ServicePageFactory(parent=local, title="Parents together", phone="+44 1243 111 222")
    other = ServicePageFactory(parent=local, title="Youth club", phone="01243 999888")
    sibling = ServicePageFactory(parent=local, title="Parents together too", phone="01243 111222")
    duplicates.rebuild_all()
    return ServicePage.objects.get(title="Bognor Parent Support"), twin, other, sibling


def test_the_report_lists_the_pair_and_not_unrelated_services(client, alike, team_member):
    from_feed, twin, other, _sibling = alike
    pairs = duplicates.possible_duplicates()
    listed = {frozenset((pair.first.pk, pair.second.pk)) for pair in pairs}
    assert frozenset((from_feed.pk, twin.pk)) in listed
    assert not any(other.pk in pair for pair in listed)
    # Two listings of one organisation share its phone: that is not a duplicate.
    assert frozenset((twin.pk, _sibling.pk)) not in listed

    client.force_login(team_member)
    page = client.get(reverse("feeds_admin:duplicates")).content.decode()
    assert "Bognor Parent Support" in page and "Parents together" in page and "Same phone" in page
    assert "Youth club" not in page
    assert ServicePage.objects.count() == 4  # nothing merged


def test_same_name_and_postcode_across_sources_is_a_possible_duplicate(feed, feed_server):
    feed_server.serve([feed_service(1, name="Stay and Play", postcode="PO21 1DP")])
    sync_feed(feed)
    local = ServicePageFactory(
        parent=OrganisationPageFactory(),
        title="Stay and play!",
        locations=[Location(name="Hall", postcode="po211dp")],
    )
    duplicates.rebuild_all()
    [pair] = duplicates.possible_duplicates()
    assert {pair.first.pk, pair.second.pk} == {ServicePage.objects.get(title="Stay and Play").pk, local.pk}
    assert pair.reasons == ["Same name and postcode"]


def test_the_report_is_for_the_directory_team(client, area, provider_user):
    client.force_login(provider_user)
    assert client.get(reverse("feeds_admin:duplicates")).status_code in (302, 403)


@pytest.fixture
def provider_user(area, team):
    from directory.providers.access import give_provider_access
    from tests.people import make_user

    user = make_user("pat")
    give_provider_access(user, OrganisationPageFactory())
    return user
