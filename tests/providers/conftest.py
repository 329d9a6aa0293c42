"""Fixtures for provider access: two organisations with a service each, their providers and the directory team."""

import pytest
from django.contrib.auth import get_user_model

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.providers.access import ensure_directory_team, give_provider_access


@pytest.fixture
def area(db):
    load_area("west-sussex")


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="not-a-real-password-42", **extra
    )


@pytest.fixture
def team(db):
    return ensure_directory_team()


@pytest.fixture
def org_a(area):
    return OrganisationPageFactory(title="Acorn Family Trust", slug="acorn")


@pytest.fixture
def org_b(area):
    return OrganisationPageFactory(title="Beacon Youth Project", slug="beacon")


@pytest.fixture
def service_a(org_a):
    return ServicePageFactory(parent=org_a, title="Acorn parenting group", slug="acorn-parenting")


@pytest.fixture
def service_b(org_b):
    return ServicePageFactory(parent=org_b, title="Beacon youth club", slug="beacon-youth-club")


@pytest.fixture
def provider_a(org_a, team):
    user = make_user("alice", first_name="Alice")
    give_provider_access(user, org_a)
    return user


@pytest.fixture
def provider_b(org_b, team):
    user = make_user("bob", first_name="Bob")
    give_provider_access(user, org_b)
    return user


@pytest.fixture
def moderator(team):
    user = make_user("mo", first_name="Mo")
    user.groups.add(team)
    return user


@pytest.fixture
def client_a(client, provider_a, provider_b):
    """Provider A logged in, with provider B's group there too: "only their own" means something only then."""
    client.force_login(provider_a)
    return client


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client
