"""Specifications for the home page: the search boxes, popular topics and the urgent help panel."""

import pytest
from wagtail.models import Site

from home.models import HomePage, UrgentHelpSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(client):
    return client.get("/")


def test_home_page_is_the_site_root(home):
    assert home.status_code == 200
    assert home.context["page"].specific_class is HomePage


def test_home_page_form_asks_for_a_postcode_or_town_and_sends_it_to_search(home):
    html = home.content.decode()
    assert 'action="/search/" method="get"' in html
    assert "Postcode or town" in html
    assert 'name="postcode" type="text" autocomplete="postal-code"' in html


def test_home_page_form_asks_what_the_family_is_looking_for(home):
    html = home.content.decode()
    assert "What are you looking for?" in html
    assert 'name="q" type="text"' in html
    assert '<button type="submit" class="govuk-button"' in html


def test_home_page_shows_its_introduction(client):
    HomePage.objects.update(introduction="Help for families in Worthing and beyond.")
    assert "Help for families in Worthing and beyond." in client.get("/").content.decode()


@pytest.mark.parametrize("topic", ["parenting", "autism", "food+bank", "holiday+activities", "SEND", "young+carers"])
def test_home_page_links_popular_topics_to_a_search(home, topic):
    assert f'href="/search/?q={topic}"' in home.content.decode()


def test_popular_topics_search_by_the_readers_name_for_the_topic(client):
    html = client.get("/pl/").content.decode()
    # Named topics search in Polish (a synonym of the English tag); a topic not named in Polish searches as tagged.
    assert '<a class="govuk-link" href="/pl/search/?q=rodzicielstwo">Rodzicielstwo</a>' in html
    assert 'href="/pl/search/?q=bank+%C5%BCywno%C5%9Bci"' in html
    assert 'href="/pl/search/?q=holiday+activities"' in html


def test_urgent_help_panel_gives_999_front_door_and_childline_as_phone_links(home):
    html = home.content.decode()
    assert 'href="tel:999"' in html
    assert "Integrated Front Door (children&#x27;s services)" in html
    assert 'href="tel:01403229900" dir="ltr">01403 229900</a>' in html
    assert 'href="tel:03302226664" dir="ltr">0330 222 6664</a>' in html
    assert 'href="tel:08001111" dir="ltr">0800 1111</a>' in html


def test_urgent_help_panel_shows_what_the_directory_team_set_in_settings(client):
    settings = UrgentHelpSettings.for_site(Site.objects.get(is_default_site=True))
    settings.front_door_name = "Lancashire Children's Social Care"
    settings.front_door_phone = "0300 123 6720"
    settings.save()
    html = client.get("/").content.decode()
    assert "Lancashire Children&#x27;s Social Care" in html
    assert 'href="tel:03001236720" dir="ltr">0300 123 6720</a>' in html


def test_urgent_help_text_typed_by_editors_is_escaped(client):
    settings = UrgentHelpSettings.for_site(Site.objects.get(is_default_site=True))
    settings.emergency = "<script>alert(1)</script> Call 999."
    settings.save()
    html = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
