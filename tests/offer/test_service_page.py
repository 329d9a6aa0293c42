"""The service page: accessibility site by site, the SEND Local Offer section, Family Hub and Start for Life marks."""

import html as html_lib
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.test.utils.form_data import querydict_from_html

from directory.accessibility import AccessibilityFeature
from directory.factories import ServicePageFactory
from directory.models import ServicePage
from tests.offer.conftest import needs, publish, site

pytestmark = pytest.mark.django_db


def page_html(client, service, language="en-gb"):
    with translation.override(language):
        return client.get(service.url).content.decode()


def text_of(fragment):
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def location_blocks(html):
    """Each site's block on the page, by the site's name."""
    blocks = re.findall(r'<div class="eh-location">(.*?)</div>', html, re.S)
    return {text_of(re.search(r"<h3[^>]*>(.*?)</h3>", block, re.S)[1]): block for block in blocks}


@pytest.fixture
def two_sites():
    service = ServicePageFactory(
        locations=[
            site("Worthing Library", "BN11 1HS", "Worthing", ["step_free", "hearing_loop", "baby_change"]),
            site("Lancing Parish Hall", "BN15 8AJ", "Lancing"),
        ],
        accessibility="Ring the bell at the side door for the lift.",
    )
    return publish(service)


def test_each_site_lists_its_own_accessibility_features_in_words(client, two_sites):
    blocks = location_blocks(page_html(client, two_sites))
    library = text_of(blocks["Worthing Library"])
    assert "Accessibility here" in library
    assert "Step-free access" in library and "Hearing loop" in library and "Baby changing" in library
    assert "Accessibility here" not in text_of(blocks["Lancing Parish Hall"])


def test_a_features_icon_is_hidden_from_screen_readers_and_its_name_written_beside_it(client, two_sites):
    block = location_blocks(page_html(client, two_sites))["Worthing Library"]
    items = re.findall(r'<li class="eh-feature" data-feature="([a-z_]+)">(.*?)</li>', block, re.S)
    assert [code for code, _item in items] == ["step_free", "hearing_loop", "baby_change"]  # the editorial order
    for _code, item in items:
        assert re.search(r'<svg[^>]*aria-hidden="true"[^>]*focusable="false"', item)
        assert text_of(item)  # words, always


def test_the_features_are_translated(client, two_sites):
    library = text_of(location_blocks(page_html(client, two_sites, "pl"))["Worthing Library"])
    assert "Step-free access" not in library
    with translation.override("pl"):
        assert translation.gettext("Step-free access") in library


def test_the_free_text_accessibility_notes_stay(client, two_sites):
    assert "Ring the bell at the side door for the lift." in text_of(page_html(client, two_sites))


@pytest.fixture
def send_service():
    service = ServicePageFactory(
        title="Speech and language drop-in",
        send_identifying="A speech and language therapist meets you and your child.",
        send_adapting="Short sessions, picture cards and a quiet room.",
        send_contact="Ask for the SEND lead on 01903 000000.",
        send_complaints="Write to the service manager; we reply within 10 working days.",
    )
    service.send_needs.set(needs("speech_language", "autism"))
    return publish(service)


def test_the_send_section_says_which_needs_and_how(client, send_service):
    html = page_html(client, send_service)
    section = re.search(r"<section[^>]*data-local-offer[^>]*>(.*?)</section>", html, re.S)
    assert section, "the service page has no SEND section"
    words = text_of(section[1])
    assert "Support for special educational needs and disabilities (SEND)" in words
    assert words.index("Autism") < words.index("Speech, language and communication")  # the needs' order
    for heading, text in [
        ("How they find out what your child needs", send_service.send_identifying),
        ("How they adapt for your child", send_service.send_adapting),
        ("Who to talk to", send_service.send_contact),
        ("How to complain", send_service.send_complaints),
    ]:
        assert heading in words and text in words
    assert 'href="/local-offer/"' in section[1]


def test_a_service_without_needs_has_no_send_section(client, two_sites):
    html = page_html(client, two_sites)
    assert "data-local-offer" not in html
    assert "special educational needs" not in text_of(html)


def test_family_hub_and_start_for_life_marks_show_on_the_service_page(client):
    service = publish(ServicePageFactory(family_hub=True, start_for_life=True))
    marks = re.findall(
        r'<strong class="govuk-tag govuk-tag--purple eh-mark">(.*?)</strong>', page_html(client, service)
    )
    assert marks == ["Family Hub", "Start for Life"]


def test_a_service_without_marks_shows_no_badge(client, two_sites):
    assert "eh-mark" not in page_html(client, two_sites)


def test_editors_choose_a_sites_features_and_the_services_needs_in_the_admin(client, two_sites):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(editor)
    html = client.get(f"/admin/pages/{two_sites.pk}/edit/").content.decode()
    assert re.search(r'name="locations-0-access_features"[^>]*value="\d+"[^>]*checked', html) or re.search(
        r'checked[^>]*name="locations-0-access_features"', html
    )
    assert 'name="send_needs"' in html and 'name="family_hub"' in html and 'name="start_for_life"' in html


def test_an_editor_publishing_from_the_admin_keeps_each_sites_features_and_the_needs(client, two_sites):
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "password")
    client.force_login(editor)
    url = f"/admin/pages/{two_sites.pk}/edit/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    ids = dict(AccessibilityFeature.objects.values_list("code", "pk"))
    data.setlist("locations-0-access_features", [str(ids["changing_places"])])
    data.setlist("locations-1-access_features", [str(ids["quiet_space"]), str(ids["parking"])])
    data.setlist("send_needs", [str(need.pk) for need in needs("adhd")])
    data["start_for_life"] = "on"
    data["in_person"] = "on"  # ticked on the page, but the HTML reader leaves this box out
    data["action-publish"] = "action-publish"
    response = client.post(url, {key: data.getlist(key) for key in data})  # every value of a list
    assert response.status_code == 302
    service = ServicePage.objects.get(pk=two_sites.pk)
    chosen = {
        location.name: sorted(location.access_features.values_list("code", flat=True))
        for location in service.locations.all()
    }
    assert chosen == {"Worthing Library": ["changing_places"], "Lancing Parish Hall": ["parking", "quiet_space"]}
    assert [need.code for need in service.send_needs.all()] == ["adhd"]
    assert service.start_for_life
