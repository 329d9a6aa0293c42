"""Fixtures for the signposting tests: the West Sussex vocabularies, published services, a tidy cache."""

import pytest
from django.core.cache import cache

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import Location
from search import indexing


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limit counts in the cache: every test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def area(db):
    load_area("west-sussex")


@pytest.fixture
def organisation(area):
    return OrganisationPageFactory(title="Sunflower Family Trust")


@pytest.fixture
def make_service(organisation):
    """Build a published service with contact details; indexed, so search (and the topic poster) finds it."""

    def make(**kwargs):
        kwargs.setdefault("parent", organisation)
        kwargs.setdefault("phone", "01903 123456")
        kwargs.setdefault("website", "https://example.org/help")
        service = ServicePageFactory(**kwargs)
        indexing.update_service(service)
        return service

    return make


@pytest.fixture
def service(make_service):
    return make_service(
        title="Little Steps Parenting Group",
        locations=[Location(name="Worthing Library", address="Richmond Road", town="Worthing", postcode="BN11 1HS")],
    )
