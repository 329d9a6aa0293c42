"""An impossible schedule in the admin is an error on the field to fix, and nothing is saved."""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset

from directory.factories import DistrictTagFactory, OrganisationPageFactory
from directory.models import ServicePage
from directory.schedules import Schedule
from tests.directory.test_locations import WORTHING, service_form_data

EVERY_DAY = {"kind": "open", "freq": "WEEKLY", "interval": "1", "byday": "MO,TU,WE,TH,FR,SA,SU"}


class ScheduleFormPosting:
    """Posts a new service with its schedules through the admin, as a signed-in editor."""

    @classmethod
    def setUpTestData(cls):
        DistrictTagFactory(code=WORTHING, name="Worthing")
        cls.organisation = OrganisationPageFactory()

    def setUp(self):
        self.login()

    def post_service(self, schedules, **extra):
        data = {**service_form_data(schedules=inline_formset(schedules)), **extra}
        url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", self.organisation.pk])
        return self.client.post(url, {**data, "action-publish": "action-publish"})

    def schedule_errors(self, response):
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ServicePage.objects.exists())
        self.assertFalse(Schedule.objects.exists())
        return response.context["form"].formsets["schedules"].forms[0].errors


class AdminScheduleFormTest(ScheduleFormPosting, WagtailPageTestCase):
    def test_a_weekly_time_is_saved(self):
        self.post_service([{**EVERY_DAY, "byday": "MO", "opens_at": "09:00", "closes_at": "12:00"}])
        schedule = ServicePage.objects.get().schedules.get()
        self.assertEqual((schedule.byday, str(schedule.opens_at)), ("MO", "09:00:00"))

    def test_closing_before_opening_is_an_error_on_the_closing_time(self):
        errors = self.schedule_errors(self.post_service([{**EVERY_DAY, "opens_at": "12:00", "closes_at": "09:00"}]))
        self.assertIn("finishing time must be after", errors["closes_at"][0])

    def test_the_31st_of_february_is_an_error_on_the_date(self):
        response = self.post_service([{**EVERY_DAY, "freq": "", "dtstart": "2027-02-31"}])
        self.assertIn("dtstart", self.schedule_errors(response))

    def test_a_rule_that_never_fires_is_an_error_on_the_days(self):
        response = self.post_service([{**EVERY_DAY, "byday": "MO", "dtstart": "2027-01-05", "until": "2027-01-05"}])
        self.assertIn("never happen", self.schedule_errors(response)["byday"][0])

    def test_more_than_500_sessions_a_year_saves_nothing(self):
        response = self.post_service([EVERY_DAY, EVERY_DAY])
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "sessions in a year (more than 500)")
        self.assertFalse(ServicePage.objects.exists())

    def test_a_schedule_offers_only_this_services_own_locations(self):
        from directory.factories import ServicePageFactory
        from directory.models import Location

        mine = ServicePageFactory(parent=self.organisation, locations=[Location(name="Mine", postcode="BN11 1HS")])
        ServicePageFactory(parent=self.organisation, locations=[Location(name="Secret refuge", postcode="BN11 1HS")])
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[mine.pk]))
        self.assertContains(response, "Mine")
        self.assertNotContains(response, "Secret refuge")
