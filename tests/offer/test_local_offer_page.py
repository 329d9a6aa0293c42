"""The SEND Local Offer page: made by a migration under the home page, every need a heading with its services."""

import html as html_lib
import re

import pytest
from django.utils import translation
from wagtail.models import Page

from directory.factories import ServicePageFactory, home_page
from directory.local_offer import LocalOfferIndexPage
from tests.offer.conftest import needs, publish

pytestmark = pytest.mark.django_db


def sections(html):
    """{need code: (heading text, [service titles])} in page order."""
    found = {}
    for code, body in re.findall(r'<section[^>]*data-need="([a-z_]+)"[^>]*>(.*?)</section>', html, re.S):
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", body, re.S)[1].strip()
        titles = [html_lib.unescape(title) for title in re.findall(r"<h3[^>]*><a[^>]*><bdi[^>]*>(.*?)</bdi>", body)]
        found[code] = (heading, titles)
    return found


def get_page(client, language="en-gb"):
    with translation.override(language):
        return client.get(LocalOfferIndexPage.objects.get().url).content.decode()


@pytest.fixture
def offer():
    speech = ServicePageFactory(title="Talking Together", family_hub=True)
    speech.send_needs.set(needs("speech_language", "autism"))
    speech = publish(speech)
    wheels = ServicePageFactory(title="Accessible Cycling")
    wheels.send_needs.set(needs("physical"))
    wheels = publish(wheels)
    draft = ServicePageFactory(title="Secret Autism Club")
    draft.send_needs.set(needs("autism"))
    draft.save()
    draft.unpublish()
    ServicePageFactory(title="Chess Club")  # in no need
    return speech, wheels


def test_the_migration_puts_the_local_offer_page_under_the_home_page():
    page = LocalOfferIndexPage.objects.get()
    assert page.get_parent().specific == home_page()
    assert page.live and page.url == "/local-offer/"


def test_every_need_is_a_heading_with_its_services_listed_under_it(client, offer):
    found = sections(get_page(client))
    assert list(found) == [
        "autism",
        "adhd",
        "speech_language",
        "learning",
        "physical",
        "sensory",
        "mental_health",
        "medical",
    ]
    assert found["autism"] == ("Autism", ["Talking Together"])
    assert found["speech_language"][1] == ["Talking Together"]
    assert found["physical"] == ("Physical disabilities", ["Accessible Cycling"])
    assert found["adhd"][1] == []


def test_unpublished_services_are_not_listed(client, offer):
    html = get_page(client)
    assert "Secret Autism Club" not in html
    assert "Chess Club" not in html


def test_a_need_without_services_says_so(client, offer):
    html = get_page(client)
    adhd = re.search(r'data-need="adhd"[^>]*>(.*?)</section>', html, re.S)[1]
    assert "No services are listed for this need yet." in adhd


def test_each_need_links_to_a_search_for_it(client, offer):
    html = get_page(client)
    assert 'href="/search/?send=autism"' in html


def test_marks_show_on_the_listed_services(client, offer):
    autism = re.search(r'data-need="autism"[^>]*>(.*?)</section>', get_page(client), re.S)[1]
    assert "Family Hub" in autism


def test_the_needs_are_headed_in_the_visitors_language(client, offer):
    found = sections(get_page(client, "ar"))
    with translation.override("ar"):
        assert found["autism"][0] == translation.gettext("Autism") != "Autism"


def test_only_one_local_offer_page_can_be_added():
    assert not LocalOfferIndexPage.can_create_at(home_page())
    assert LocalOfferIndexPage.objects.count() == 1
    assert Page.objects.filter(slug="local-offer").count() == 1


def test_the_default_introduction_reads_in_the_visitors_language(client):
    html = get_page(client, "pl")
    assert '<p class="govuk-body-l"><bdi>Usługi dla dzieci i młodzieży ze specjalnymi potrzebami' in html
    # An editor's own words are shown as typed, marked English.
    LocalOfferIndexPage.objects.update(introduction="Our Local Offer, updated each term.")
    typed = '<p class="govuk-body-l" lang="en"><bdi>Our Local Offer, updated each term.</bdi></p>'
    assert typed in get_page(client, "pl")


@pytest.mark.parametrize("path", ["/", "/search/?q=autism"])
def test_the_local_offer_is_linked_from_the_home_page_and_every_footer(client, path):
    url = LocalOfferIndexPage.objects.get().url
    html = client.get(path).content.decode()
    assert f'<a class="govuk-footer__link" href="{url}">SEND Local Offer</a>' in html
    if path == "/":
        assert f'<a class="govuk-link" href="{url}">Support for children with special educational needs' in html
