"""Specifications for "Suggest a service": a draft for moderation, a record, the team told."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from directory.models import OrganisationPage, ServicePage
from directory.providers.access import DIRECTORY_TEAM
from signposting.models import ServiceSuggestion

pytestmark = pytest.mark.django_db

URL = "/suggest-a-service/"
GOOD = {
    "name": "Bognor Dads Group",
    "organisation_name": "Bognor Community Centre",
    "summary": "A Saturday morning group for dads and their children.",
    "phone": "01243 000000",
    "town": "Bognor Regis",
    "postcode": "po21 1bh",
}


@pytest.fixture
def team_member(django_user_model, area):
    user = django_user_model.objects.create_user("team", "team@council.example", "pw")
    user.groups.add(Group.objects.get_or_create(name=DIRECTORY_TEAM)[0])
    return user


def test_a_suggestion_becomes_a_draft_service_that_is_not_live(client, area):
    response = client.post(URL, GOOD)

    assert response.status_code == 302
    draft = ServicePage.objects.get(title="Bognor Dads Group")
    assert not draft.live
    assert draft.has_unpublished_changes


def test_the_draft_waits_under_an_unpublished_suggested_services_organisation(client, area):
    client.post(URL, GOOD)

    parent = ServicePage.objects.get(title="Bognor Dads Group").get_parent().specific
    assert isinstance(parent, OrganisationPage)
    assert (parent.title, parent.live) == ("Suggested services", False)


def test_suggestions_share_one_suggested_services_organisation(client, area):
    client.post(URL, GOOD)
    client.post(URL, {**GOOD, "name": "Another group"})

    assert OrganisationPage.objects.filter(slug="suggested-services").count() == 1


def test_the_draft_carries_what_was_suggested(client, area):
    client.post(URL, GOOD)

    draft = ServicePage.objects.get(title="Bognor Dads Group")
    assert draft.summary == GOOD["summary"]
    assert draft.phone == "01243 000000"
    assert "Bognor Community Centre" in draft.description
    assert [location.postcode for location in draft.locations.all()] == ["PO21 1BH"]


def test_a_suggestion_is_recorded_for_the_team(client, area):
    client.post(URL, GOOD)

    suggestion = ServiceSuggestion.objects.get()
    assert (suggestion.name, suggestion.organisation_name, suggestion.service.title) == (
        "Bognor Dads Group",
        "Bognor Community Centre",
        "Bognor Dads Group",
    )


def test_a_suggestion_emails_the_directory_team(client, team_member):
    client.post(URL, GOOD)

    assert [message.to for message in mail.outbox] == [["team@council.example"]]
    assert "Bognor Dads Group" in mail.outbox[0].subject


def test_a_draft_is_not_in_search(client, area):
    from search.models import ServiceLocationRow

    client.post(URL, GOOD)

    assert not ServiceLocationRow.objects.exists()


def test_an_empty_suggestion_names_each_missing_field(client, area):
    response = client.post(URL, {})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the name of the service" in page
    assert "Enter what help the service offers" in page
    assert "Enter at least one way to contact the service" in page
    assert not ServicePage.objects.exists()


def test_an_unknown_postcode_is_a_field_error(client, area):
    response = client.post(URL, {**GOOD, "postcode": "ZZ99 9ZZ"})

    assert response.status_code == 400
    assert response.context["form"].errors["postcode"]


def test_a_website_without_a_scheme_is_accepted(client, area):
    client.post(URL, {**GOOD, "phone": "", "website": "www.example.org"})

    assert ServicePage.objects.get().website == "https://www.example.org"


def test_a_filled_honeypot_creates_nothing(client, area):
    response = client.post(URL, {**GOOD, "nickname": "bot"})

    assert response.status_code == 302
    assert not ServiceSuggestion.objects.exists()
    assert not ServicePage.objects.exists()


def test_two_suggestions_with_one_name_get_different_slugs(client, area):
    client.post(URL, GOOD)
    client.post(URL, GOOD)

    assert sorted(ServicePage.objects.values_list("slug", flat=True)) == ["bognor-dads-group", "bognor-dads-group-1"]
