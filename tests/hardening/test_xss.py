"""Hostile markup typed by the public or arriving in an import is escaped wherever it is shown."""

import csv
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from directory.area_profiles import load_area
from directory.exchange.csv_import import import_services_csv
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import ServicePage
from signposting.models import ListingReport

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def area():
    load_area("west-sussex")
    cache.clear()


def assert_inert(html):
    # No live tag carries the payload, wherever it sits on the page...
    assert not re.search(r"<script[^>]*>\s*alert", html, re.IGNORECASE)
    assert not re.search(r"<img\b[^>]*\bonerror", html, re.IGNORECASE)
    # ...and the page did show the hostile text, as text: an empty page is not a safe one.
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_suggested_service_keeps_hostile_text_as_text_in_the_draft(client, admin_client):
    response = client.post(
        "/suggest-a-service/",
        {
            "name": "Dads group",
            "summary": PAYLOAD,
            "details": PAYLOAD,
            "organisation_name": PAYLOAD,
            "phone": "01903 000000",
        },
    )
    assert response.status_code in (200, 302), response.status_code
    draft = ServicePage.objects.filter(title="Dads group").first()
    assert draft is not None, response.content.decode()[-3000:]
    assert "<script>" not in draft.description
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "&lt;script&gt;" in edit
    assert "<script>alert" not in edit


def test_a_report_with_hostile_details_is_escaped_for_the_directory_team(client, admin_client):
    service = ServicePageFactory()
    service.save_revision().publish()
    client.post(f"/report-a-problem/{service.pk}/", {"reason": "other", "details": PAYLOAD})
    report = ListingReport.objects.get()
    assert report.details == PAYLOAD  # stored as typed, escaped on output
    for name in ("listing_reports:inspect", "listing_reports:edit"):
        html = admin_client.get(reverse(name, args=[report.pk])).content.decode()
        assert "&lt;script&gt;" in html
        assert_inert(html)


def test_a_csv_import_with_hostile_text_renders_inert_on_the_public_page(client):
    OrganisationPageFactory(title="Harbour Family Trust").save_revision().publish()
    with open("docs/services-template.csv", newline="", encoding="utf-8") as template:
        header = next(csv.reader(template))
    row = dict.fromkeys(header, "")
    row.update(
        {"organisation": "Harbour Family Trust", "service name": "Safe group", "summary": PAYLOAD,
         "description": PAYLOAD, "cost": "free", "delivery": "in person", "location name": "Library",
         "postcode": "BN11 1HS"}
    )  # fmt: skip
    data = io.StringIO()
    writer = csv.DictWriter(data, fieldnames=header)
    writer.writeheader()
    writer.writerow(row)
    import_services_csv(data.getvalue().encode(), publish=True)
    page = ServicePage.objects.get(title="Safe group")
    html = client.get(page.url).content.decode()
    assert_inert(html.replace('<script type="module"', ""))
    assert "&lt;script&gt;" in html


def test_a_search_for_hostile_words_echoes_them_escaped(client):
    html = client.get("/search/", {"q": PAYLOAD, "postcode": "BN11 1HS"}).content.decode()
    assert_inert(html)
    assert "&lt;script&gt;" in html
