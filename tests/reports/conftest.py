"""Fixtures for reports: the providers' two organisations, their services and people, and the directory team."""

from tests.providers.conftest import (  # noqa: F401  (fixtures, shared on purpose)
    area,
    client_a,
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
