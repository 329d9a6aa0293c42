"""The demo: enough realistic, clearly fictional services to click through, across the whole area, loaded once."""

import datetime
import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from wagtail.models import Site

from directory import geo
from directory.area_profiles import load_area, read_area
from directory.demo import accounts
from directory.demo import loader as demo_loader
from directory.demo.places import VENUES, Venue
from directory.demo.planner import DEMO_NOTE, plan_demo
from directory.models import Location, OrganisationPage, Schedule, SendNeed, ServicePage
from directory.providers.access import organisations_for
from directory.schedules import sessions
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag
from search.backends import get_search_backend
from search.query import ServiceQuery

AREAS = ["west-sussex", "lancashire", "essex"]
DOMAIN_TOPICS = {
    "parenting",
    "health visiting",
    "breastfeeding",
    "stop smoking in pregnancy",
    "healthy weight and activity",
    "emotional wellbeing",
    "anxiety",
    "self-harm",
    "bullying",
    "domestic abuse",
    "exploitation and online safety",
    "missing from home",
    "drugs and alcohol",
    "young carers",
    "SEND",
    "autism",
    "ADHD",
    "speech and language",
    "childcare",
    "funded early education for 2-year-olds",
    "school readiness",
    "school attendance and exclusion",
    "NEET",
    "jobs",
    "training",
    "apprenticeships",
    "volunteering",
    "youth clubs",
    "holiday activities and food (HAF)",
    "housing and homelessness",
    "debt and money",
    "food bank",
    "fuel poverty",
    "peer support groups",
    "English as an additional language and interpreters",
    "care leavers",
    "foster and kinship carers",
    "teenage parents",
}


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def months_ago(date, today):
    return (today - date).days / 30.44


# --- The loaded West Sussex demo (built once for the class) --------------------------------------------------


@override_settings(DEMO_MODE=True)
class WestSussexDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_area("west-sussex")
        cls.report = demo_loader.load_demo("west-sussex")

    def services(self):
        return ServicePage.objects.prefetch_related("locations", "districts", "districts_served", "schedules")

    def test_at_least_150_services_are_created_and_published(self):
        self.assertGreaterEqual(self.report.services_created, 150)
        self.assertEqual(ServicePage.objects.live().count(), self.report.services_created)
        self.assertFalse(ServicePage.objects.filter(last_published_at=None).exists())

    def test_published_services_are_in_the_search_index(self):
        results = get_search_backend().search(ServiceQuery(page_size=10))
        self.assertEqual(results.total, ServicePage.objects.live().count())

    def test_every_district_has_services(self):
        for district in DistrictTag.objects.all():
            with self.subTest(district=district.name):
                self.assertGreaterEqual(ServicePage.objects.filter(districts=district).count(), 10)

    def test_every_district_has_a_service_with_a_building_there(self):
        for district in DistrictTag.objects.all():
            with self.subTest(district=district.name):
                self.assertTrue(Location.objects.filter(district=district).exists())

    def test_every_outcome_need_level_and_age_band_is_used(self):
        for model in (OutcomeTag, NeedLevelTag, AgeBandTag):
            for term in model.objects.all():
                with self.subTest(term=term.name):
                    self.assertTrue(term.tagged_services.exists())

    def test_every_location_is_geocoded_into_a_district_of_the_area(self):
        area_codes = set(DistrictTag.objects.values_list("code", flat=True))
        locations = Location.objects.select_related("district")
        self.assertGreater(locations.count(), 150)
        for location in locations:
            with self.subTest(location=str(location)):
                self.assertIsNotNone(location.latitude)
                self.assertIsNotNone(location.longitude)
                self.assertIn(location.district.code, area_codes)

    def test_some_services_have_several_locations(self):
        several = [service for service in self.services() if len(service.locations.all()) > 1]
        self.assertGreaterEqual(len(several), 10)

    def test_outreach_only_services_have_no_building_and_serve_districts(self):
        outreach = [service for service in self.services() if not service.in_person]
        self.assertGreaterEqual(len(outreach), 10)
        for service in outreach:
            with self.subTest(service=service.title):
                self.assertEqual(list(service.locations.all()), [])
                self.assertTrue(service.districts_served.all())
                self.assertEqual(set(service.districts.all()), set(service.districts_served.all()))

    def test_time_limited_holiday_activities_run_in_summer_2027(self):
        dated = ServicePage.objects.exclude(start_date=None)
        self.assertGreaterEqual(dated.count(), 3)
        for service in dated:
            with self.subTest(service=service.title):
                self.assertEqual((service.start_date.year, service.end_date.year), (2027, 2027))
                self.assertIn(service.start_date.month, (7, 8))
                self.assertLessEqual(service.start_date, service.end_date)
                self.assertIn("holiday activities and food (HAF)", service.topics.names())

    def test_costs_mix_free_low_cost_and_paid(self):
        costs = Counter(ServicePage.objects.values_list("cost", flat=True))
        self.assertEqual(set(costs), {"free", "low_cost", "paid"})
        self.assertGreater(costs["free"], costs["low_cost"] + costs["paid"])

    def test_every_delivery_mode_and_access_route_is_used(self):
        for flag in ("in_person", "home_visits", "online", "by_phone"):
            with self.subTest(flag=flag):
                self.assertTrue(ServicePage.objects.filter(**{flag: True}).exists())
        for flag in ("self_referral", "drop_in", "professional_referral", "appointment"):
            with self.subTest(flag=flag):
                self.assertTrue(ServicePage.objects.filter(**{flag: True}).exists())
        self.assertTrue(ServicePage.objects.filter(self_referral=False, professional_referral=True).exists())

    def test_many_services_have_weekly_opening_times(self):
        with_times = ServicePage.objects.filter(schedules__isnull=False).distinct().count()
        self.assertGreater(with_times, ServicePage.objects.count() / 2)
        self.assertTrue(Schedule.objects.filter(byday__contains="SA").exists())

    def test_community_languages_and_interpreters_are_offered(self):
        languages = " ".join(ServicePage.objects.values_list("languages", flat=True))
        for language in ("Polish", "Arabic", "Urdu", "Romanian"):
            with self.subTest(language=language):
                self.assertIn(language, languages)
        self.assertTrue(ServicePage.objects.filter(interpreters=True).exists())
        self.assertTrue(ServicePage.objects.filter(languages="English").exists())

    def test_topics_are_domain_topics_and_cover_most_of_them(self):
        used = {tag.name for service in ServicePage.objects.prefetch_related("topics") for tag in service.topics.all()}
        self.assertLessEqual(used, DOMAIN_TOPICS)
        self.assertGreaterEqual(len(used), len(DOMAIN_TOPICS) - 2)

    def test_ages_are_stored_as_numbers_where_they_apply(self):
        self.assertTrue(ServicePage.objects.filter(min_age=0).exists())
        self.assertTrue(ServicePage.objects.filter(max_age=25).exists())
        self.assertTrue(ServicePage.objects.filter(min_age=None, max_age=None).exists())

    def test_last_checked_dates_are_mostly_recent_some_due_and_a_few_stale(self):
        today = datetime.date.today()
        ages = [months_ago(date, today) for date in ServicePage.objects.values_list("last_reviewed", flat=True)]
        recent = sum(age < 6 for age in ages)
        due = sum(7 <= age < 12 for age in ages)
        stale = sum(age > 12 for age in ages)
        self.assertGreater(recent, len(ages) / 2)
        self.assertGreaterEqual(due, 10)
        self.assertGreaterEqual(stale, 5)
        self.assertTrue(all(age >= 0 for age in ages))

    def test_organisations_group_the_services(self):
        organisations = OrganisationPage.objects.live()
        self.assertTrue(25 <= organisations.count() <= 35)
        for organisation in organisations:
            with self.subTest(organisation=organisation.title):
                self.assertTrue(ServicePage.objects.child_of(organisation).exists())

    def test_each_organisation_has_a_provider_user_with_access_to_it_only(self):
        for organisation in OrganisationPage.objects.all():
            with self.subTest(organisation=organisation.title):
                user = get_user_model().objects.get(username=f"provider-{organisation.slug}")
                self.assertEqual(list(organisations_for(user)), [organisation])
                self.assertTrue(user.check_password(accounts.PROVIDER_PASSWORD))
                self.assertFalse(user.is_superuser)

    def test_everything_says_it_is_fictional(self):
        for organisation in OrganisationPage.objects.all():
            self.assertTrue(organisation.title.endswith("(demo)"), organisation.title)
            self.assertTrue(organisation.email.endswith("example.org"))
        self.assertFalse(ServicePage.objects.exclude(description__contains=DEMO_NOTE).exists())
        # Ofcom's drama numbers only.
        for phone in ServicePage.objects.values_list("phone", flat=True):
            self.assertTrue(phone.startswith(("01632 960", "07700 900")), phone)

    def test_the_local_offer_lists_services_under_every_need_and_search_finds_them(self):
        for need in SendNeed.objects.all():
            supporting = ServicePage.objects.live().filter(send_needs=need)
            self.assertTrue(supporting.exists(), need.code)
            service = supporting.first()
            self.assertTrue(service.send_identifying and service.send_contact and service.send_complaints)
            found = get_search_backend().search(ServiceQuery(send_needs=(need.code,), page_size=10)).total
            self.assertEqual(found, supporting.count(), need.code)
        autism = self.client.get("/local-offer/").content.decode()
        self.assertIn("Autism Parent Support Group", autism)

    def test_family_hub_and_start_for_life_services_carry_their_marks(self):
        self.assertTrue(ServicePage.objects.filter(family_hub=True, title__startswith="Money Matters").exists())
        self.assertTrue(ServicePage.objects.filter(start_for_life=True, title__startswith="Bumps and Babies").exists())
        self.assertFalse(ServicePage.objects.filter(start_for_life=True, title__contains="Youth Club").exists())

    def test_term_time_sessions_skip_the_school_holidays(self):
        # "Term time only." in words, and the sessions on the demo's term dates: none over Christmas.
        term_time = ServicePage.objects.filter(opening_times_note="Term time only.", schedules__isnull=False).distinct()
        self.assertTrue(term_time.exists())
        christmas = datetime.date(datetime.date.today().year, 12, 24)
        for service in term_time:
            for schedule in service.schedules.filter(kind=Schedule.Kind.OPEN):
                with self.subTest(service=service.title):
                    self.assertIsNotNone(schedule.term_dates_id)
                    self.assertEqual(schedule.dates(christmas, christmas + datetime.timedelta(days=10)), [])
                    self.assertTrue(schedule.dates(christmas - datetime.timedelta(days=21), christmas))

    def test_no_session_falls_over_christmas_and_new_year(self):
        # Weekly sessions close for the holiday, as venues do; the closure says why.
        christmas = datetime.date(datetime.date.today().year, 12, 24)
        weekly = ServicePage.objects.filter(schedules__kind=Schedule.Kind.OPEN).distinct()
        self.assertGreater(weekly.count(), 50)
        for service in weekly:
            schedules = list(service.schedules.all())
            with self.subTest(service=service.title):
                self.assertEqual(sessions(schedules, christmas, christmas + datetime.timedelta(days=8)), [])
                self.assertTrue(sessions(schedules, christmas - datetime.timedelta(days=14), christmas))
                self.assertIn("Christmas and New Year", [schedule.description for schedule in schedules])

    def test_a_demo_service_page_is_served(self):
        service = ServicePage.objects.filter(locations__isnull=False).first()
        self.assertEqual(self.client.get(service.url).status_code, 200)

    def test_loading_again_creates_nothing(self):
        counts = (ServicePage.objects.count(), OrganisationPage.objects.count(), get_user_model().objects.count())
        report = demo_loader.load_demo("west-sussex")
        self.assertEqual((report.services_created, report.organisations_created, report.users_created), (0, 0, 0))
        self.assertEqual(report.services_planned, self.report.services_created)
        after = (ServicePage.objects.count(), OrganisationPage.objects.count(), get_user_model().objects.count())
        self.assertEqual(after, counts)

    def test_command_reports_nothing_created_the_second_time(self):
        self.assertIn("0 services, 0 organisations and 0 provider users created", run("load_demo"))


# --- setup_demo, on Lancashire (smaller) ---------------------------------------------------------------------


@override_settings(DEMO_MODE=True, EARLYHELP_AREA="lancashire")
class SetUpDemoTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = run("setup_demo")

    def test_loads_the_configured_area(self):
        self.assertEqual(
            set(DistrictTag.objects.values_list("name", flat=True)),
            {district["name"] for district in read_area("lancashire")["districts"]},
        )

    def test_loads_at_least_three_services_in_every_district(self):
        for district in DistrictTag.objects.all():
            with self.subTest(district=district.name):
                self.assertGreaterEqual(ServicePage.objects.filter(districts=district).count(), 3)
                self.assertTrue(Location.objects.filter(district=district).exists())

    def test_prints_the_demo_admin_login(self):
        self.assertIn("Demo admin: admin / demo-admin-password at http://127.0.0.1:8000/admin/", self.output)
        admin = get_user_model().objects.get(username="admin")
        self.assertTrue(admin.is_superuser and admin.check_password(accounts.ADMIN_PASSWORD))

    def test_prints_a_demo_provider_login(self):
        self.assertIn(
            "Demo provider: provider-sunflower-family-hubs-demo / demo-provider-password at "
            "http://127.0.0.1:8000/admin/ (edits Sunflower Family Hubs (demo) only)",
            self.output,
        )

    def test_second_run_loads_nothing_and_prints_the_logins_again(self):
        services, users = ServicePage.objects.count(), get_user_model().objects.count()
        output = run("setup_demo")
        self.assertNotIn("Loading", output)
        self.assertIn("Demo admin: admin / demo-admin-password", output)
        self.assertEqual((ServicePage.objects.count(), get_user_model().objects.count()), (services, users))

    def test_the_site_is_at_the_address_make_run_serves(self):
        # The sitemap and every canonical link are built from it.
        site = Site.objects.get(is_default_site=True)
        self.assertEqual(site.root_url, "http://127.0.0.1:8000")
        self.assertIn("<loc>http://127.0.0.1:8000/", self.client.get("/sitemap.xml").content.decode())

    def test_a_site_given_its_own_address_is_left_alone(self):
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "directory.example.gov.uk", 443
        site.save()
        run("setup_demo")
        self.assertEqual(Site.objects.get(is_default_site=True).root_url, "https://directory.example.gov.uk")

    def test_a_changed_admin_password_is_kept_and_not_printed(self):
        admin = get_user_model().objects.get(username="admin")
        admin.set_password("something-private")
        admin.save()
        output = run("setup_demo")
        self.assertIn("Demo admin: admin / (password changed since set-up)", output)
        self.assertNotIn("demo-admin-password", output)
        admin.refresh_from_db()
        self.assertTrue(admin.check_password("something-private"))


# --- Plans for every area, and the venues they use (no database needed) --------------------------------------


@pytest.mark.parametrize("area", AREAS)
def test_plan_covers_every_district_outcome_need_level_and_age_band(area):
    profile = read_area(area)
    services = [service for organisation in plan_demo(area, profile) for service in organisation.services]
    venue_district = {venue.postcode: code for code, venues in VENUES[area].items() for venue in venues}
    per_district = Counter(
        code
        for service in services
        for code in {venue_district[venue.postcode] for venue in service.locations} | set(service.districts_served)
    )
    assert {row["code"] for row in profile["districts"]} == set(per_district)
    assert min(per_district.values()) >= 3
    assert {code for service in services for code in service.outcomes} == {row["code"] for row in profile["outcomes"]}
    assert {level for service in services for level in service.need_levels} == {1, 2, 3, 4}
    assert {band for service in services for band in service.age_bands} == {row["code"] for row in profile["age_bands"]}


@pytest.mark.parametrize("area", AREAS)
def test_every_age_a_service_states_is_in_one_of_its_age_bands(area):
    # "Money advice, 18 and over" without 16–19 was missed by a family filtering for their 18-year-old. A band
    # outside the ages is allowed: a young parents' group (16 to 24) also lists its members' babies' bands.
    profile = read_area(area)
    rows = [row for row in profile["age_bands"] if row["min_age"] is not None]
    bands = {row["code"]: (row["min_age"], row["max_age"]) for row in rows}
    for organisation in plan_demo(area, profile):
        for service in organisation.services:
            youngest, oldest = service.fields["min_age"], service.fields["max_age"]
            if youngest is None and oldest is None:
                continue
            for age in range(youngest or 0, (oldest if oldest is not None else 25) + 1):
                covering = [code for code, (low, high) in bands.items() if low <= age <= high]
                assert set(covering) & set(service.age_bands), (service.title, age, service.age_bands)


@pytest.mark.parametrize(
    ("area", "smallest", "largest"), [("west-sussex", 150, 200), ("lancashire", 40, 70), ("essex", 40, 70)]
)
def test_plan_size(area, smallest, largest):
    total = sum(len(organisation.services) for organisation in plan_demo(area, read_area(area)))
    assert smallest <= total <= largest


@pytest.mark.parametrize("area", AREAS)
def test_plan_is_the_same_every_time(area):
    today = datetime.date(2026, 11, 1)
    first, second = plan_demo(area, read_area(area), today), plan_demo(area, read_area(area), today)
    assert first == second


@pytest.mark.parametrize("area", AREAS)
def test_plan_slugs_are_unique(area):
    slugs = [service.slug for organisation in plan_demo(area, read_area(area)) for service in organisation.services]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("area", AREAS)
def test_every_venue_postcode_is_real_and_in_its_district(area):
    for code, venues in VENUES[area].items():
        for venue in venues:
            assert geo.lookup_postcode(venue.postcode).lad_code == code, f"{venue.name} {venue.postcode}"


@pytest.mark.parametrize("area", AREAS)
def test_venues_cover_every_district_of_the_area(area):
    assert set(VENUES[area]) == {row["code"] for row in read_area(area)["districts"]}
    assert all(len(venues) >= 2 for venues in VENUES[area].values())


# --- Failures: one clear line, nothing saved ------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_load_demo_without_the_vocabularies_says_to_load_the_area():
    with pytest.raises(CommandError) as caught:
        call_command("load_demo", "--area", "essex")
    assert str(caught.value) == (
        "Demo not loaded, nothing was saved: The Essex vocabularies are not loaded. Run: manage.py load_area essex"
    )
    assert not OrganisationPage.objects.exists()


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_load_demo_for_an_unknown_area_lists_the_areas():
    with pytest.raises(CommandError) as caught:
        call_command("load_demo", "--area", "kent")
    assert "Areas that exist: essex, lancashire, west-sussex." in str(caught.value)


@pytest.mark.django_db
@override_settings(DEMO_MODE=False, DEBUG=False)
@pytest.mark.parametrize("command", ["load_demo", "setup_demo"])
def test_demo_commands_refuse_outside_demo_mode(command):
    with pytest.raises(CommandError) as caught:
        call_command(command)
    assert "DEMO_MODE" in str(caught.value)
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
@override_settings(DEMO_MODE=True)
def test_a_failure_part_way_rolls_back_everything(monkeypatch):
    load_area("essex")
    real_plan = demo_loader.plan_demo

    def plan_with_a_bad_postcode(slug, area, today=None):
        organisations = real_plan(slug, area, today)[:2]
        broken = next(service for service in organisations[1].services if service.locations)
        broken.locations = [Venue("Nowhere Hall", "", "Nowhere", "BN99 9ZZ")]
        return organisations

    monkeypatch.setattr(demo_loader, "plan_demo", plan_with_a_bad_postcode)
    with pytest.raises(CommandError) as caught:
        call_command("load_demo", "--area", "essex")
    assert str(caught.value) == (
        "Demo not loaded, nothing was saved: We could not find the postcode BN99 9ZZ. Check it and try again."
    )
    assert "\n" not in str(caught.value)
    assert not OrganisationPage.objects.exists()
    assert not ServicePage.objects.exists()
    assert not get_user_model().objects.exists()
