"""Fixtures for watching: the providers' organisations, services and people, plus a commissioner."""

import pytest
from django.contrib.auth.models import Group

from tests.providers.conftest import (  # noqa: F401  (fixtures shared with the providers' tests)
    area,
    client_a,
    make_user,
    moderator,
    moderator_client,
    org_a,
    org_b,
    provider_a,
    provider_b,
    service_a,
    service_b,
    team,
)


@pytest.fixture
def commissioner(db):
    user = make_user("cora", first_name="Cora")
    user.groups.add(Group.objects.get_or_create(name="Commissioner")[0])
    return user


@pytest.fixture
def commissioner_client(client, commissioner):
    client.force_login(commissioner)
    return client
