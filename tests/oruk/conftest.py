"""Fixtures for the ORUK API and exchange: the area, the profile's schemas, and services built with factories."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from directory.exchange import oruk_schema
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import Location
from directory.schedules import weekly
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag
from search import indexing


class IndexingClient(Client):
    """Brings the search index up to date before each request, as publishing would have.

    Factories save live pages without the publish signal that indexes them, and the ORUK lists read
    the search index. `get_as_is` asks without reindexing, for tests that count a request's queries.
    """

    def get(self, *args, **kwargs):
        indexing.rebuild_all()
        return self.get_as_is(*args, **kwargs)

    def get_as_is(self, *args, **kwargs):
        return super().get(*args, **kwargs)


@pytest.fixture
def client():
    return IndexingClient()


@pytest.fixture
def schemas():
    """The profile's schemas from settings.ORUK_SCHEMA_DIR: skipped locally without them, a failure in CI."""
    if not oruk_schema.schemas_available():
        message = f"The Open Referral UK schemas are not in {settings.ORUK_SCHEMA_DIR} (ORUK_SCHEMA_DIR)."
        if "oruk" in settings.EARLYHELP_REQUIRE:
            pytest.fail(message)
        pytest.skip(message)
    return oruk_schema


def full_service(organisation=None, **overrides):
    """A published service using every field we export: two locations, openings, every vocabulary."""
    values = {
        "title": "Worthing Family Hub",
        "summary": "Drop in for parenting support and advice.",
        "description": (
            "<p>Parenting <b>support</b> &amp; advice.</p><ul><li>Baby clinic</li><li>Stay and play</li></ul>"
        ),
        "eligibility": "Families with children under five.",
        "self_referral": True,
        "drop_in": True,
        "how_to_access": "Just come along.",
        "cost": "low_cost",
        "cost_detail": "£1 a session",
        "home_visits": True,
        "online": True,
        "languages": "English, Polish, Arabic",
        "interpreters": True,
        "accessibility": "Step-free access and a hearing loop.",
        "opening_times_note": "Closed on bank holidays.",
        "phone": "01903 123456",
        "email": "hub@example.org",
        "website": "https://example.org/hub",
        "min_age": 0,
        "max_age": 5,
        "start_date": datetime.date(2025, 1, 6),
        "end_date": datetime.date(2026, 12, 18),
        "last_reviewed": datetime.date(2025, 3, 1),
        "review_interval_months": 12,
        "locations": [
            Location(name="Worthing Library", address="Richmond Road", town="Worthing", postcode="BN11 1HS"),
            Location(name="Crawley Library", address="Southgate Avenue", town="Crawley", postcode="RH10 6HG"),
        ],
    }
    values.update(overrides)
    service = ServicePageFactory(parent=organisation or OrganisationPageFactory(phone="01903 000000"), **values)
    service.schedules = [
        weekly("MO,WE", datetime.time(9, 30), datetime.time(12)),
        weekly(4, datetime.time(13), datetime.time(15, 30)),
    ]
    service.outcomes.set([OutcomeTag.objects.get(code="ws-best-start")])
    service.need_levels.set(list(NeedLevelTag.objects.filter(level__in=[1, 2])))
    service.age_bands.set(list(AgeBandTag.objects.filter(min_age=0)))
    service.topics.set(["parenting", "health visiting"])
    service.districts_served.set([DistrictTag.objects.get(code="E07000223")])  # Adur
    service.save_revision().publish()
    return service.__class__.objects.get(pk=service.pk)


@pytest.fixture
def hub(area):
    return full_service()


@pytest.fixture
def many_services(area):
    """25 published services under 3 organisations: three pages of 10."""
    organisations = [OrganisationPageFactory() for _ in range(3)]
    return [
        ServicePageFactory(parent=organisations[n % 3], title=f"Service {n:02d}", min_age=n % 6, max_age=10 + n % 9)
        for n in range(25)
    ]
