"""Factories for the directory's pages and vocabularies.

Use in tests: `service = ServicePageFactory(parent=OrganisationPageFactory())` builds a published
service under an organisation under the directory index (created on demand). Vocabulary factories
reuse terms by code, so `OutcomeTagFactory(code="ws-safe-secure")` never duplicates.
"""

import datetime

import factory
import wagtail_factories
from wagtail.models import Site

from directory.models import DirectoryIndexPage, Location, OrganisationPage, Schedule, ServicePage
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag


class OutcomeTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeTag
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"outcome-{n}")
    name = factory.Sequence(lambda n: f"Outcome {n}")
    slug = factory.LazyAttribute(lambda tag: tag.code)


class NeedLevelTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedLevelTag
        django_get_or_create = ("code",)

    level = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda tag: f"level-{tag.level}")
    name = factory.LazyAttribute(lambda tag: f"Level {tag.level}")
    slug = factory.LazyAttribute(lambda tag: tag.code)


class AgeBandTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgeBandTag
        django_get_or_create = ("code",)

    code = "5-11"
    name = "5–11 years"
    slug = factory.LazyAttribute(lambda tag: tag.code)
    min_age = 5
    max_age = 11


class DistrictTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DistrictTag
        django_get_or_create = ("code",)

    code = "E07000229"
    name = "Worthing"
    slug = factory.LazyAttribute(lambda tag: tag.code.lower())


def home_page():
    """The default site's root page: the HomePage that home's migration creates (directory never imports home)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def directory_index():
    index = DirectoryIndexPage.objects.first()
    if index is None:
        index = home_page().add_child(instance=DirectoryIndexPage(title="Services", slug="services"))
    return index


class OrganisationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OrganisationPage

    title = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    summary = "A fictional organisation for tests."
    parent = factory.LazyFunction(directory_index)


class ServicePageFactory(wagtail_factories.PageFactory):
    """A service with one location in Worthing. Pass `locations=[LocationFactory.build(...)]` for others."""

    class Meta:
        model = ServicePage
        skip_postgeneration_save = True  # the hooks below save when they change something

    title = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "Support for families."
    parent = factory.SubFactory(OrganisationPageFactory)
    last_reviewed = factory.LazyFunction(datetime.date.today)

    @factory.post_generation
    def locations(self, create, extracted, **kwargs):
        if extracted is None:
            extracted = [Location(name="Worthing Library", postcode="BN11 1HS", town="Worthing")]
        if extracted:
            self.locations = extracted
            if create:
                self.save()

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        """tags={"outcomes": [...], "need_levels": [...], "age_bands": [...], "topics": ["autism"]}"""
        for name, values in (extracted or {}).items():
            getattr(self, name).set(values)
        if extracted and create:
            self.save()


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = "Worthing Library"
    town = "Worthing"
    postcode = "BN11 1HS"


class ScheduleFactory(factory.django.DjangoModelFactory):
    """A weekly opening, Mondays 9am to 5pm: `ScheduleFactory(service=page, byday="TU,TH")`."""

    class Meta:
        model = Schedule

    freq = Schedule.Freq.WEEKLY
    byday = "MO"
    opens_at = datetime.time(9)
    closes_at = datetime.time(17)
