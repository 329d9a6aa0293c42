"""A service or provider found from a web search: sitemap with language alternates, robots.txt, head links, JSON-LD."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from django.conf import settings
from django.utils import translation

from directory.factories import DistrictTagFactory, OrganisationPageFactory, ServicePageFactory
from directory.models import Location
from directory.schedules import weekly
from earlyhelp.security import inline_script_refused_by_policy

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)

# The schema.org types used, with the properties this site promises; a hand-written subset of schema.org.
TEXT = {"type": "string", "minLength": 1}
URL = {"type": "string", "pattern": "^https?://"}
POSTAL_ADDRESS = {
    "type": "object",
    "required": ["@type", "postalCode", "addressCountry"],
    "properties": {
        "@type": {"const": "PostalAddress"},
        "postalCode": TEXT,
        "streetAddress": TEXT,
        "addressLocality": TEXT,
        "addressCountry": {"const": "GB"},
    },
}
ORGANIZATION = {
    "type": "object",
    "required": ["@context", "@type", "name", "url"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "Organization"},
        "name": TEXT,
        "url": URL,
        "description": TEXT,
        "telephone": TEXT,
        "email": TEXT,
        "sameAs": {"type": "array", "items": URL},
    },
}
SERVICE = {
    "type": "object",
    "required": ["@context", "@type", "name", "description", "url", "provider", "areaServed", "availableLanguage"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"enum": ["Service", "GovernmentService"]},
        "name": TEXT,
        "description": TEXT,
        "url": URL,
        "provider": {
            "type": "object",
            "required": ["@type", "name", "url"],
            "properties": {"@type": {"const": "Organization"}, "name": TEXT, "url": URL},
        },
        "areaServed": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "name"],
                "properties": {"@type": {"const": "AdministrativeArea"}, "name": TEXT},
            },
        },
        "address": {"type": "array", "items": POSTAL_ADDRESS},
        "availableChannel": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "serviceLocation"],
                "properties": {
                    "@type": {"const": "ServiceChannel"},
                    "serviceLocation": {
                        "type": "object",
                        "required": ["@type", "address"],
                        "properties": {"@type": {"const": "Place"}, "address": POSTAL_ADDRESS},
                    },
                },
            },
        },
        "hoursAvailable": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "dayOfWeek", "opens", "closes"],
                "properties": {
                    "@type": {"const": "OpeningHoursSpecification"},
                    "dayOfWeek": {"pattern": "^https://schema.org/(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$"},
                    "opens": {"pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                    "closes": {"pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                },
            },
        },
        "availableLanguage": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["@type", "name"],
                "properties": {"@type": {"const": "Language"}, "name": TEXT},
            },
        },
        "telephone": TEXT,
        "email": TEXT,
    },
}


def page_html(client, page, language="en-gb"):
    with translation.override(language):
        return client.get(page.url).content.decode()


def json_ld_blocks(html):
    return [json.loads(block) for block in JSON_LD.findall(html)]


@pytest.fixture
def council_service():
    organisation = OrganisationPageFactory(
        title="West Sussex County Council", phone="0330 222 7000", email="help@example.org"
    )
    service = ServicePageFactory(
        parent=organisation,
        title="Family Hub </script><script>alert(1)</script>",
        summary="Help for families & carers.",
        phone="01903 123456",
        email="hub@example.org",
        languages="English, Polish, Arabic",
        locations=[Location(name="Worthing Library", address="Richmond Road", town="Worthing", postcode="BN11 1HS")],
    )
    service.schedules = [weekly(2, datetime.time(9, 30), datetime.time(16))]
    service.districts_served.set([DistrictTagFactory(code="E07000227", name="Horsham")])
    service.save()
    service.save_revision().publish()
    return service


def test_service_page_json_ld_is_a_valid_government_service(client, council_service):
    [data] = json_ld_blocks(page_html(client, council_service))
    jsonschema.validate(data, SERVICE)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == council_service.title
    assert data["telephone"] == "01903 123456"
    assert data["hoursAvailable"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Wednesday",
        "opens": "09:30",
        "closes": "16:00",
    }
    assert data["address"][0]["postalCode"] == "BN11 1HS"
    assert "Horsham" in [area["name"] for area in data["areaServed"]]
    assert [language["name"] for language in data["availableLanguage"]] == ["English", "Polish", "Arabic"]


def test_a_charity_service_is_a_plain_service(client):
    service = ServicePageFactory(parent=OrganisationPageFactory(title="Home-Start Sussex"))
    [data] = json_ld_blocks(page_html(client, service))
    jsonschema.validate(data, SERVICE)
    assert data["@type"] == "Service"


def test_organisation_page_json_ld_is_a_valid_organization(client, council_service):
    [data] = json_ld_blocks(page_html(client, council_service.organisation))
    jsonschema.validate(data, ORGANIZATION)
    assert data["telephone"] == "0330 222 7000"


def test_json_ld_cannot_close_its_script_element_and_no_executable_inline_script(client, council_service):
    html = page_html(client, council_service)
    block = JSON_LD.search(html).group(1)
    assert "</script" not in block and "<" not in block
    assert inline_script_refused_by_policy(html) == []


def test_head_names_canonical_and_every_language_version(client, council_service):
    html = page_html(client, council_service, "pl")
    path = council_service.url.removeprefix("/pl")
    assert f'<link rel="canonical" href="http://testserver/pl{path}">' in html
    assert f'<link rel="alternate" hreflang="en-gb" href="http://testserver{path}">' in html
    assert f'<link rel="alternate" hreflang="ar" href="http://testserver/ar{path}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">' in html


def test_service_page_describes_itself_for_link_previews(client, council_service):
    html = page_html(client, council_service)
    assert '<meta name="description" content="Help for families &amp; carers.">' in html
    assert '<meta property="og:description" content="Help for families &amp; carers.">' in html
    assert '<meta property="og:title"' in html
    arabic = page_html(client, council_service, "ar")
    assert '<meta property="og:locale" content="ar">' in arabic


def test_sitemap_lists_every_live_service_with_its_language_alternates(client, council_service):
    draft = ServicePageFactory(title="Not yet published")
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link[@rel='alternate']")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    english = council_service.get_full_url()  # the Wagtail site's own root URL, not the request's host
    root, path = english.split("/services/", 1)
    expected = {
        "en-gb": english,
        "pl": f"{root}/pl/services/{path}",
        "ar": f"{root}/ar/services/{path}",
        "x-default": english,
    }
    for code in (code for code, _name in settings.LANGUAGES):
        assert entries[expected[code]] == expected
    assert not any(draft.slug in location for location in entries)


def test_robots_keeps_per_person_pages_out_and_names_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    for path in ("/search/", "/shortlist/", "/poster/", "/pl/search/", "/ar/shortlist/"):
        assert f"Disallow: {path}\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /services/" not in text
