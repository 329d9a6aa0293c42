"""Every factory in directory.factories builds a valid, saved object."""

import factory
import pytest

from directory import factories
from directory.models import DirectoryIndexPage, ServicePage
from home.models import HomePage

# Child rows need a service to belong to.
NEEDS_A_SERVICE = {factories.LocationFactory, factories.ScheduleFactory}
ALL_FACTORIES = sorted(
    (
        value
        for value in vars(factories).values()
        if isinstance(value, type)
        and issubclass(value, factory.base.BaseFactory)
        and value.__module__ == factories.__name__
    ),
    key=lambda value: value.__name__,
)


def test_there_are_factories_to_smoke_test():
    assert {f.__name__ for f in ALL_FACTORIES} >= {"ServicePageFactory", "OrganisationPageFactory", "LocationFactory"}


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", ALL_FACTORIES, ids=lambda value: value.__name__)
def test_factory_creates_a_valid_object(factory_class):
    kwargs = {"service": factories.ServicePageFactory()} if factory_class in NEEDS_A_SERVICE else {}
    instance = factory_class(**kwargs)
    assert instance.pk is not None
    instance.full_clean()


@pytest.mark.django_db
def test_vocabulary_factories_reuse_terms_by_code():
    assert factories.OutcomeTagFactory(code="ws-safe-secure") == factories.OutcomeTagFactory(code="ws-safe-secure")


@pytest.mark.django_db
def test_service_factory_builds_a_live_service_with_a_geocoded_location():
    factories.DistrictTagFactory()
    service = factories.ServicePageFactory()
    assert service.live
    location = service.locations.get()
    assert location.latitude is not None and location.district.code == "E07000229"
    assert [tag.code for tag in service.districts.all()] == ["E07000229"]


@pytest.mark.django_db
def test_service_factory_sets_tags():
    outcome = factories.OutcomeTagFactory()
    service = factories.ServicePageFactory(tags={"outcomes": [outcome], "topics": ["autism"]})
    service = ServicePage.objects.get(pk=service.pk)
    assert list(service.outcomes.all()) == [outcome]
    assert [tag.name for tag in service.topics.all()] == ["autism"]


@pytest.mark.django_db
def test_home_page_and_directory_index_are_reused():
    assert factories.home_page() == factories.home_page() == HomePage.objects.get()
    assert factories.directory_index() == DirectoryIndexPage.objects.get()
