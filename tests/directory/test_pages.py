"""Specifications for the directory's public pages: the A–Z index, an organisation and a service with every fact."""

import datetime
import html as html_lib
import json
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone, translation

from directory.factories import (
    AgeBandTagFactory,
    DistrictTagFactory,
    NeedLevelTagFactory,
    OrganisationPageFactory,
    OutcomeTagFactory,
    ServicePageFactory,
)
from directory.models import Location
from directory.schedules import weekly

pytestmark = pytest.mark.django_db


def get(client, page):
    """The page as an English visitor sees it (page URLs follow the active language)."""
    with translation.override("en-gb"):
        return client.get(page.url)


def text_of(response):
    """The page's text without tags, whitespace collapsed: what a reader sees."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def full_service():
    """A service with every field filled."""
    organisation = OrganisationPageFactory(title="Worthing Family Hub", slug="worthing-family-hub")
    service = ServicePageFactory(
        parent=organisation,
        title="Summer holiday club",
        slug="summer-holiday-club",
        summary="Free holiday activities and a healthy lunch.",
        description="<p>Sports and <b>cooking</b> with trained youth workers.</p>",
        eligibility="Children on benefits-related free school meals.",
        self_referral=True,
        drop_in=True,
        professional_referral=True,
        appointment=True,
        how_to_access="Book online or call the hub.",
        cost="low_cost",
        cost_detail="£2 a day for other families",
        in_person=True,
        home_visits=True,
        online=True,
        by_phone=True,
        languages="English, Polish, Arabic",
        interpreters=True,
        accessibility="Step-free access and an accessible toilet.",
        opening_times_note="Closed on bank holidays.",
        phone="01903 000111",
        email="club@example.org",
        website="https://example.org/club",
        min_age=5,
        max_age=11,
        start_date=datetime.date(2026, 7, 21),
        end_date=datetime.date(2026, 8, 29),
        last_reviewed=datetime.date(2026, 3, 5),
        schedules=[
            weekly(0, datetime.time(9), datetime.time(12, 30)),
            weekly(2, datetime.time(13), datetime.time(17)),
        ],
        locations=[
            Location(name="Worthing Library", address="Richmond Road", town="Worthing", postcode="BN11 1HS"),
            Location(name="Lancing Parish Hall", address="South Street", town="Lancing", postcode="BN15 8AJ"),
        ],
        tags={
            "outcomes": [OutcomeTagFactory(code="ws-safe-secure", name="Children are safe and secure")],
            "need_levels": [NeedLevelTagFactory(level=2, name="Additional / early help")],
            "age_bands": [AgeBandTagFactory()],
            "topics": ["holiday activities", "sport"],
        },
    )
    service.districts_served.set([DistrictTagFactory(code="E07000223", name="Adur"), DistrictTagFactory()])
    service.save()
    return service


def test_service_page_shows_every_fact(client, full_service):
    text = text_of(get(client, full_service))
    expected = [
        "Summer holiday club",
        "Free holiday activities and a healthy lunch.",
        "Sports and cooking with trained youth workers.",
        "Children on benefits-related free school meals.",
        "You can refer yourself",
        "Drop in, no appointment needed",
        "A professional can refer you",
        "By appointment",
        "Book online or call the hub.",
        "Low cost",
        "£2 a day for other families",
        "In person",
        "Home visits",
        "Online",
        "By phone",
        "English, Polish, Arabic",
        "Interpreters can be arranged",
        "Step-free access and an accessible toilet.",
        "Every Monday, 9am to 12:30pm",
        "Every Wednesday, 1pm to 5pm",
        "Closed on bank holidays.",
        "01903 000111",
        "club@example.org",
        "https://example.org/club",
        "Ages 5 to 11",
        "5–11 years",
        "Level 2: Additional / early help",
        "Children are safe and secure",
        "Runs from 21 July 2026 to 29 August 2026",
        "Worthing Library Richmond Road Worthing BN11 1HS",
        "Lancing Parish Hall South Street Lancing BN15 8AJ",
        "Also serves: Adur, Worthing",
        "holiday activities",
        "sport",
        "Run by Worthing Family Hub",
        "Last checked: 5 March 2026",
    ]
    assert [fact for fact in expected if fact not in text] == []


def test_service_page_links_phone_email_and_website(client, full_service):
    html = get(client, full_service).content.decode()
    assert 'href="tel:01903000111"' in html
    assert 'href="mailto:club@example.org"' in html
    assert 'href="https://example.org/club"' in html


def test_service_page_links_to_the_organisation_that_runs_it(client, full_service):
    html = get(client, full_service).content.decode()
    assert 'href="/services/worthing-family-hub/"' in html


def test_service_page_links_topics_to_a_search(client, full_service):
    html = get(client, full_service).content.decode()
    assert 'href="/search/?q=holiday+activities"' in html


def test_service_page_gives_directions_to_each_location(client, full_service):
    html = get(client, full_service).content.decode()
    for location in full_service.locations.all():
        assert f'href="{location.directions_url}"' in html
    assert html.count("Get directions") == 2


def test_map_container_holds_each_location_coordinates(client, full_service):
    html = get(client, full_service).content.decode()
    attribute = re.search(r'data-module="eh-map" data-locations="([^"]+)"', html).group(1)
    points = json.loads(html_lib.unescape(attribute))
    library = full_service.locations.get(name="Worthing Library")
    assert {"lat": library.latitude, "lon": library.longitude, "name": "Worthing Library"} in points
    assert len(points) == 2


def test_map_is_hidden_until_javascript_draws_it(client, full_service):
    html = get(client, full_service).content.decode()
    assert re.search(r'<div class="eh-map"[^>]*role="region" aria-label="[^"]+" hidden>', html)
    assert "vendor/leaflet/leaflet.js" in html
    assert '<script type="module" src="/static/earlyhelp/map.mjs"></script>' in html


def test_outreach_service_without_locations_has_no_map_and_no_leaflet(client):
    service = ServicePageFactory(in_person=False, by_phone=True, locations=[])
    html = get(client, service).content.decode()
    assert "eh-map" not in html
    assert "leaflet" not in html


def test_stale_warning_when_last_checked_over_a_year_ago(client):
    checked = timezone.localdate() - relativedelta(months=13)
    service = ServicePageFactory(last_reviewed=checked)
    text = text_of(get(client, service))
    assert f"This information may be out of date. It was last checked on {checked:%-d %B %Y}." in text


def test_no_stale_warning_when_checked_within_the_year(client):
    service = ServicePageFactory(last_reviewed=timezone.localdate() - relativedelta(months=11))
    html = get(client, service).content.decode()
    assert "govuk-warning-text" not in html
    assert "may be out of date" not in html


def test_service_page_has_breadcrumbs_to_its_organisation(client, full_service):
    html = get(client, full_service).content.decode()
    assert '<a class="govuk-breadcrumbs__link" href="/services/">Services</a>' in html
    assert '<a class="govuk-breadcrumbs__link" href="/services/worthing-family-hub/">Worthing Family Hub</a>' in html


def test_directory_index_lists_organisations_a_to_z_with_their_service_counts(client):
    zebra = OrganisationPageFactory(title="Zebra Crossing Youth Club")
    ServicePageFactory(parent=zebra)
    ServicePageFactory(parent=zebra)
    OrganisationPageFactory(title="Arun Parent Carer Forum")
    text = text_of(get(client, zebra.get_parent()))
    assert "Arun Parent Carer Forum 0 services" in text
    assert "Zebra Crossing Youth Club 2 services" in text
    assert text.index("Arun Parent Carer Forum") < text.index("Zebra Crossing Youth Club")


def test_directory_index_marks_organisations_own_words_as_english_on_other_languages_pages(client):
    organisation = OrganisationPageFactory(title="Zebra Crossing Youth Club", summary="Clubs for young people.")
    html = client.get("/ar" + organisation.get_parent().url).content.decode()
    assert '<bdi lang="en">Zebra Crossing Youth Club</bdi>' in html
    assert '<p class="govuk-body-s govuk-!-margin-bottom-0" lang="en" dir="auto">Clubs for young people.</p>' in html


def test_directory_index_leaves_out_unpublished_organisations(client):
    hidden = OrganisationPageFactory(title="Draft Organisation")
    hidden.unpublish()
    text = text_of(get(client, hidden.get_parent()))
    assert "Draft Organisation" not in text


def test_directory_index_does_not_count_unpublished_services(client):
    organisation = OrganisationPageFactory(title="Crawley Food Bank")
    ServicePageFactory(parent=organisation)
    ServicePageFactory(parent=organisation).unpublish()
    assert "Crawley Food Bank 1 service" in text_of(get(client, organisation.get_parent()))


def test_organisation_page_lists_its_services(client):
    organisation = OrganisationPageFactory(title="Adur Young Carers", phone="01273 000222")
    ServicePageFactory(parent=organisation, title="Young carers group", summary="A monthly group.")
    ServicePageFactory(title="Somebody else's service")
    response = get(client, organisation)
    text = text_of(response)
    assert "Young carers group A monthly group." in text
    assert "Somebody else's service" not in text
    assert 'href="tel:01273000222"' in response.content.decode()
