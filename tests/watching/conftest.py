"""Fixtures for watching: a commissioner (the organisations, services and people are in tests/conftest.py)."""

import pytest
from django.contrib.auth.models import Group

from tests.people import make_user


@pytest.fixture
def commissioner(db):
    user = make_user("cora", first_name="Cora")
    user.groups.add(Group.objects.get_or_create(name="Commissioner")[0])
    return user


@pytest.fixture
def commissioner_client(client, commissioner):
    client.force_login(commissioner)
    return client
