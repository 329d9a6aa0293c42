"""A published service with two sites, for the schedule tests."""

import pytest

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import Location


@pytest.fixture
def service(db):
    organisation = OrganisationPageFactory(title="Crawley Family Hub")
    return ServicePageFactory(
        parent=organisation,
        title="Stay and play",
        locations=[
            Location(name="Crawley Library", postcode="RH10 1FG"),
            Location(name="Broadfield Hub", postcode="RH11 9BA"),
        ],
    )


def save(service, schedules):
    """Give the service these schedules, publish, and return them as saved (with their sites)."""
    service.schedules = schedules
    service.save_revision().publish()
    return list(service.schedules.select_related("location", "term_dates"))
