"""Fixtures for the sites tests: a service at three sites (Worthing, Storrington, Crawley) and a refuge."""

import pytest

from directory.models import Location


@pytest.fixture(autouse=True)
def _fresh_cache(empty_cache):
    """Every test here starts with no rate limit spent (tests/conftest.py)."""


CRAWLEY = "E07000226"
WORTHING = "E07000229"
MID_SUSSEX = "E07000228"
# A searcher in Crawley, a few hundred yards from Crawley Town Hall and 20 miles from Worthing's.
IN_CRAWLEY = "RH10 1XG"


@pytest.fixture
def clinic(make_service):
    """Family Therapy Clinic: Worthing first in the editor's order, then Storrington, then Crawley."""
    return make_service(
        title="Family Therapy Clinic",
        summary="Family therapy for emotional wellbeing.",
        tags={"topics": ["emotional wellbeing"]},
        locations=[
            Location(name="Worthing Town Hall", town="Worthing", postcode="BN11 1HA", phone="01903 111111"),
            Location(name="Storrington Village Hall", town="Storrington", postcode="RH20 4DD"),
            Location(
                name="Crawley Town Hall",
                town="Crawley",
                postcode="RH10 1UZ",
                phone="01293 222222",
                email="crawley@example.org",
                how_to_find="Side door on The Boulevard, second floor.",
            ),
        ],
    )
