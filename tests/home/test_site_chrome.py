"""Specifications for what every public page carries: exit, language, demo banner, footer licences, no inline code."""

import re

import pytest
from django.test import override_settings
from django.utils import translation

from directory.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


def text_of(response):
    """The page's text without tags, whitespace collapsed: what a reader sees."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.parametrize("path", ["/", "/services/", "/pl/", "/ar/services/"])
def test_every_public_page_has_the_exit_this_page_button(client, path):
    html = client.get(path).content.decode()
    assert 'data-module="govuk-exit-this-page"' in html
    assert f'href="{NEUTRAL_SITE}" role="button"' in html
    assert "govuk-js-exit-this-page-button" in html


def test_skip_link_leads_to_the_main_content(client):
    html = client.get("/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">' in html
    assert 'id="main-content"' in html


@override_settings(DEMO_MODE=True)
def test_demo_banner_says_the_services_are_fictional_in_demo_mode(client):
    text = text_of(client.get("/"))
    assert "This is demonstration data: every service here is fictional" in text


@override_settings(DEMO_MODE=False)
def test_no_demo_banner_outside_demo_mode(client):
    html = client.get("/").content.decode()
    assert "govuk-phase-banner" not in html
    assert "demonstration data" not in html


def test_footer_credits_the_postcode_data_under_the_open_government_licence(client):
    text = text_of(client.get("/"))
    assert (
        "Contains OS data © Crown copyright and database right; Contains Royal Mail data; "
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
    ) in text


def test_footer_credits_geonames_and_open_referral_uk(client):
    text = text_of(client.get("/"))
    assert "Place names from GeoNames ( CC BY 4.0 )" in text
    assert "Open Referral UK data standard ( CC BY-SA 4.0 )" in text


def test_footer_links_to_browsing_safely_accessibility_and_suggest_a_service(client):
    html = client.get("/").content.decode()
    for path in ("/browsing-safely/", "/accessibility/", "/suggest-a-service/"):
        assert f'class="govuk-footer__link" href="{path}"' in html


def test_footer_does_not_claim_crown_copyright_for_a_council_site(client):
    html = client.get("/").content.decode()
    assert "govuk-footer__copyright-logo" not in html
    assert "govuk-footer__crown" not in html


def test_english_pages_are_left_to_right(client):
    html = client.get("/").content.decode()
    assert '<html lang="en-gb" dir="ltr"' in html


def test_arabic_pages_are_right_to_left(client):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert "earlyhelp/rtl.css" in html


def test_arabic_service_pages_are_right_to_left(client):
    service = ServicePageFactory()
    with translation.override("ar"):
        response = client.get(service.url)
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl"' in response.content.decode()


def test_language_switcher_links_to_this_page_in_each_language(client):
    html = client.get("/services/").content.decode()
    assert 'href="/pl/services/" rel="alternate" lang="pl"' in html
    assert 'href="/ar/services/" rel="alternate" lang="ar"' in html
    assert '<span class="govuk-language-navigation__text" aria-current="true" lang="en-gb"' in html


def test_language_switcher_links_back_to_english_without_a_prefix(client):
    html = client.get("/pl/services/").content.decode()
    assert 'href="/services/" rel="alternate" lang="en-gb"' in html
    assert 'aria-current="true" lang="pl"' in html


def test_language_switcher_keeps_the_query(client):
    html = client.get("/?q=autism").content.decode()
    assert 'href="/pl/?q=autism"' in html


def test_language_switcher_works_on_a_page_that_does_not_exist(client):
    html = client.get("/pl/no-such-page/").content.decode()
    assert 'href="/no-such-page/" rel="alternate" lang="en-gb"' in html
    assert 'href="/ar/no-such-page/" rel="alternate" lang="ar"' in html


def test_navigation_marks_the_current_section(client):
    html = client.get("/services/").content.decode()
    assert 'href="/services/" aria-current="page"' in html
    assert 'href="/" aria-current' not in html


def test_navigation_keeps_the_language_prefix(client):
    html = client.get("/pl/").content.decode()
    for path in ("/pl/services/", "/pl/shortlist/", "/pl/browsing-safely/"):
        assert f'class="govuk-service-navigation__link" href="{path}"' in html


@pytest.mark.parametrize("path", ["/", "/services/", "/no-such-page/"])
def test_pages_have_no_inline_script_style_or_event_handler(client, path):
    """A strict Content-Security-Policy (no 'unsafe-inline') must not break any page."""
    html = client.get(path).content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert re.findall(r"\sstyle=", html) == []
    assert re.findall(r"\son[a-z]+=", html) == []


def test_scripts_are_es_modules_from_static_files(client):
    html = client.get("/").content.decode()
    assert '<script type="module" src="/static/earlyhelp/init.mjs"></script>' in html


def test_navigation_marks_find_support_on_the_search_results(client):
    html = client.get("/search/").content.decode()
    assert 'href="/" aria-current="true"' in html
