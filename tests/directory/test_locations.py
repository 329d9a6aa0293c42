"""A location's postcode gives its coordinates and district, or a clear error on the postcode field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.factories import DistrictTagFactory, OrganisationPageFactory, ServicePageFactory
from directory.models import Location, ServicePage

WORTHING = "E07000229"
CRAWLEY = "E07000226"


def service_form_data(locations=None, **fields):
    """POST data for the Wagtail admin's ServicePage form, as the browser sends it."""
    data = {
        "title": "Evening Parenting Group",
        "slug": "evening-parenting-group",
        "summary": "A group for parents.",
        "description": rich_text("<p>A friendly group.</p>"),
        "cost": "free",
        "in_person": "on",
        "languages": "English",
        "last_reviewed": "2026-11-01",
        "review_interval_months": "6",
        "locations": inline_formset(
            locations if locations is not None else [{"name": "Worthing Library", "postcode": "BN11 1HS"}]
        ),
        "schedules": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


@pytest.fixture
def districts(db):
    return {
        WORTHING: DistrictTagFactory(code=WORTHING, name="Worthing"),
        CRAWLEY: DistrictTagFactory(code=CRAWLEY, name="Crawley", slug="e07000226"),
    }


def postcode_error(postcode):
    location = Location(name="Somewhere", postcode=postcode)
    with pytest.raises(ValidationError) as caught:
        location.full_clean(exclude=["service"])
    return caught.value.message_dict


@pytest.mark.django_db
def test_valid_postcode_sets_coordinates_and_district(districts):
    location = Location(name="Worthing Library", postcode="bn111hs")
    location.full_clean(exclude=["service"])
    assert location.postcode == "BN11 1HS"
    assert location.latitude == pytest.approx(50.814, abs=0.001)
    assert location.longitude == pytest.approx(-0.373, abs=0.001)
    assert location.district == districts[WORTHING]
    assert location.lad_code == WORTHING


@pytest.mark.django_db
def test_postcode_outside_the_area_keeps_its_lad_code_without_a_district(districts):
    location = Location(name="Edinburgh", postcode="EH1 1YZ")
    location.full_clean(exclude=["service"])
    assert (location.district, location.lad_code) == (None, "S12000036")


@pytest.mark.django_db
def test_unknown_postcode_is_an_error_on_the_postcode_field():
    assert postcode_error("BN99 9ZZ") == {
        "postcode": ["We could not find the postcode BN99 9ZZ. Check it and try again."]
    }


@pytest.mark.django_db
def test_malformed_postcode_is_an_error_on_the_postcode_field():
    assert postcode_error("XYZ") == {"postcode": ["'XYZ' is not a valid UK postcode. Enter a postcode like BN11 1HS."]}


@pytest.mark.django_db
def test_postcode_without_a_location_is_an_error_on_the_postcode_field():
    errors = postcode_error("AB11 3AG")
    assert list(errors) == ["postcode"]
    assert "no longer in use" in errors["postcode"][0]


@pytest.mark.django_db
def test_empty_postcode_is_an_error_on_the_postcode_field():
    assert "postcode" in postcode_error("")


@pytest.mark.django_db
def test_districts_are_the_locations_districts_and_the_districts_served(districts):
    service = ServicePageFactory(parent=OrganisationPageFactory())
    service.districts_served = [districts[CRAWLEY]]
    service.save_revision().publish()
    service = ServicePage.objects.get(pk=service.pk)
    assert {tag.code for tag in service.districts.all()} == {WORTHING, CRAWLEY}


@pytest.mark.django_db
def test_outreach_service_districts_are_the_districts_served(districts):
    service = ServicePageFactory(parent=OrganisationPageFactory(), locations=[], in_person=False, by_phone=True)
    service.districts_served = [districts[CRAWLEY]]
    service.save()
    assert [tag.code for tag in service.districts.all()] == [CRAWLEY]


@pytest.mark.django_db
def test_removing_the_last_location_in_a_district_removes_the_district(districts):
    service = ServicePageFactory(parent=OrganisationPageFactory(), by_phone=True)
    service.locations = []
    service.districts_served = [districts[CRAWLEY]]
    service.save_revision().publish()
    assert [tag.code for tag in ServicePage.objects.get(pk=service.pk).districts.all()] == [CRAWLEY]


@pytest.mark.django_db
def test_sites_given_without_an_order_keep_the_order_they_were_given_in():
    """An import or a script sets no sort_order; PostgreSQL would return such sites in any order."""
    names = ["Worthing Town Hall", "Storrington Village Hall", "Crawley Town Hall"]
    service = ServicePageFactory(
        parent=OrganisationPageFactory(),
        locations=[Location(name=name, postcode="BN11 1HA") for name in names],
    )
    service.save_revision().publish()

    saved = Location.objects.filter(service=service)
    assert sorted((location.sort_order, location.name) for location in saved) == list(enumerate(names))


class AdminLocationFormTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        DistrictTagFactory(code=WORTHING, name="Worthing")
        cls.organisation = OrganisationPageFactory()

    def setUp(self):
        self.login()

    def post_service(self, data):
        url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", self.organisation.pk])
        return self.client.post(url, {**data, "action-publish": "action-publish"})

    def assert_postcode_refused(self, postcode, message):
        response = self.post_service(service_form_data(locations=[{"name": "Hall", "postcode": postcode}]))
        self.assertEqual(response.status_code, 200)
        location_form = response.context["form"].formsets["locations"].forms[0]
        self.assertEqual(location_form.errors["postcode"], [message])
        self.assertContains(response, escape(message))
        self.assertFalse(ServicePage.objects.exists())

    def test_valid_location_is_saved_with_its_district(self):
        self.assertCanCreate(self.organisation, ServicePage, service_form_data())
        location = ServicePage.objects.get().locations.get()
        self.assertEqual((location.postcode, location.district.code), ("BN11 1HS", WORTHING))

    def test_unknown_postcode_is_refused_on_the_postcode_field(self):
        self.assert_postcode_refused("BN99 9ZZ", "We could not find the postcode BN99 9ZZ. Check it and try again.")

    def test_malformed_postcode_is_refused_on_the_postcode_field(self):
        self.assert_postcode_refused("XYZ", "'XYZ' is not a valid UK postcode. Enter a postcode like BN11 1HS.")

    def test_postcode_without_a_location_is_refused_on_the_postcode_field(self):
        self.assert_postcode_refused(
            "AB11 3AG",
            "The postcode AB11 3AG is no longer in use (it has no location). "
            "Use the current postcode for this address.",
        )
