"""Only commissioners, the directory team and superusers see a figure; providers get 403, strangers the login page."""

import pytest
from django.contrib.auth.models import Group

from directory.factories import ServicePageFactory

PAGES = ["/admin/insight/", "/admin/insight/searches/", "/admin/insight/quality/", "/admin/insight/cell/"]
DOWNLOADS = ["/admin/insight/?download=coverage&format=csv", "/admin/insight/searches/?download=searches-by-topic"]


@pytest.fixture
def listed(area):
    return ServicePageFactory(title="Secret Service Count")


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES + DOWNLOADS)
def test_a_commissioner_sees_each_page_and_a_provider_is_refused(client, listed, commissioner, provider, url):
    client.force_login(commissioner)
    allowed = client.get(url)
    assert allowed.status_code == 200
    client.force_login(provider)
    refused = client.get(url)
    assert refused.status_code == 403
    assert b"Secret Service Count" not in refused.content and b"Live services" not in refused.content


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES + DOWNLOADS)
def test_the_directory_team_sees_each_page_and_a_stranger_is_sent_to_log_in(client, listed, team_member, url):
    client.force_login(team_member)
    assert client.get(url).status_code == 200
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_the_menu_shows_insight_to_commissioners_only(client, area, commissioner, provider):
    client.force_login(commissioner)
    assert "Local offer insight" in client.get("/admin/").content.decode()
    client.force_login(provider)
    assert "Local offer insight" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_groups_are_made_by_migration(db):
    assert Group.objects.get(name="Commissioner").permissions.filter(codename="view_insight").exists()
    assert Group.objects.get(name="Directory team").permissions.filter(codename="view_insight").exists()
