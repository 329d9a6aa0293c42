"""Fixtures for the signposting tests: the West Sussex vocabularies, published services, a tidy cache."""

import pytest

from directory.models import Location


@pytest.fixture(autouse=True)
def _fresh_cache(empty_cache):
    """Every test here starts with no rate limit spent (tests/conftest.py)."""


@pytest.fixture
def service(make_service):
    return make_service(
        title="Little Steps Parenting Group",
        locations=[Location(name="Worthing Library", address="Richmond Road", town="Worthing", postcode="BN11 1HS")],
    )
