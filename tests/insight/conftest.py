"""Fixtures for the insight tests: the West Sussex vocabularies, and a user of each kind."""

import pytest
from django.contrib.auth.models import Group

from directory.factories import OrganisationPageFactory
from directory.providers.access import give_provider_access


@pytest.fixture
def commissioner(db, django_user_model):
    user = django_user_model.objects.create_user("commissioner", password="pw")
    user.groups.add(Group.objects.get(name="Commissioner"))
    return user


@pytest.fixture
def team_member(db, django_user_model):
    user = django_user_model.objects.create_user("team", password="pw")
    user.groups.add(Group.objects.get(name="Directory team"))
    return user


@pytest.fixture
def provider(db, django_user_model):
    user = django_user_model.objects.create_user("provider", password="pw")
    give_provider_access(user, OrganisationPageFactory())
    return user


@pytest.fixture(autouse=True)
def count_afresh(settings):
    """Every test counts its own data: no figures kept from an earlier test."""
    settings.INSIGHT_CACHE_SECONDS = 0
