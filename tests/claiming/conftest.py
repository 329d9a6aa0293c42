"""Fixtures for claiming: an imported organisation nobody looks after (with its own domain), another that is looked
after, the directory team, and helpers that walk the emails."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.providers.access import give_provider_access
from tests.people import make_user


@pytest.fixture(autouse=True)
def _fresh_cache(empty_cache):
    """Every test here starts with no rate limit spent (tests/conftest.py)."""


@pytest.fixture
def orchard(area):
    """Imported from an Open Referral feed: a website and email of its own, and no provider account."""
    return OrganisationPageFactory(
        title="Orchard Family Centre",
        slug="orchard",
        website="https://www.orchard.example/",
        email="hello@orchard.example",
    )


@pytest.fixture
def orchard_service(orchard):
    return ServicePageFactory(parent=orchard, title="Orchard stay and play", slug="orchard-stay-and-play")


@pytest.fixture
def harbour(area):
    return OrganisationPageFactory(title="Harbour Youth Trust", slug="harbour", website="https://harbour.example")


@pytest.fixture
def harbour_service(harbour):
    return ServicePageFactory(parent=harbour, title="Harbour youth club", slug="harbour-youth-club")


@pytest.fixture
def harbour_provider(harbour, team):
    user = make_user("hana")
    give_provider_access(user, harbour)
    return user


@pytest.fixture
def team_client(client, moderator):
    client.force_login(moderator)
    return client


def claim_url(service):
    return reverse("claims:claim", args=[service.pk])


def ask(client, service, email="jo@orchard.example", **extra):
    data = {"name": "Jo Fielding", "email": email, "role": "Centre manager", "message": "I run the centre."}
    return client.post(claim_url(service), {**data, **extra})


def link_in(message, pattern):
    """The path of the first link in an email that matches `pattern`."""
    url = re.search(rf"https?://\S+{pattern}\S+/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def check_link(message):
    return link_in(message, "/is-this-your-service/confirm/")


def invite_link(message):
    return link_in(message, "/providers/invite/")


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]
