"""Editors choose vocabulary terms and never invent them; topics stay free."""

import json

import pytest
from django.urls import reverse
from taggit.models import Tag
from wagtail.test.utils import WagtailPageTestCase

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory
from directory.models import ServicePage
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag
from tests.directory.test_locations import service_form_data

SAFE = "Children and young people are safe and secure"
# A real outcome name with commas: the admin's tag widget sends multi-word names in double quotes.
SUCCEED = "Children, young people and families succeed in learning, work and life"


def service_form_field(name):
    return ServicePage.get_edit_handler().get_form_class().base_fields[name]


@pytest.mark.parametrize("model", [OutcomeTag, NeedLevelTag, AgeBandTag, DistrictTag])
def test_vocabulary_tags_do_not_allow_free_tagging(model):
    assert model.free_tagging is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "model"), [("outcomes", OutcomeTag), ("need_levels", NeedLevelTag), ("age_bands", AgeBandTag)]
)
def test_admin_tag_field_drops_a_term_that_does_not_exist(field, model):
    load_area("west-sussex")
    before = model.objects.count()
    assert service_form_field(field).clean('"Invented term"') == []
    assert model.objects.count() == before


@pytest.mark.django_db
def test_admin_tag_field_keeps_an_existing_outcome_with_commas_in_its_name():
    load_area("west-sussex")
    assert sorted(service_form_field("outcomes").clean(f'"{SUCCEED}", "{SAFE}"')) == sorted([SUCCEED, SAFE])


class AdminVocabularyTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        load_area("west-sussex")
        cls.organisation = OrganisationPageFactory()

    def setUp(self):
        self.login()

    def create_service(self, **fields):
        self.assertCanCreate(self.organisation, ServicePage, service_form_data(**fields))
        return ServicePage.objects.get()

    def post_create_form(self, **fields):
        url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", self.organisation.pk])
        return self.client.post(url, service_form_data(**fields))

    def test_unknown_outcome_is_a_field_error_naming_it_and_nothing_is_created(self):
        outcomes_before = OutcomeTag.objects.count()
        response = self.post_create_form(outcomes=f'"{SAFE}", "Everyone is happy forever"')
        self.assertEqual(response.status_code, 200)
        self.assertIn("Everyone is happy forever", response.context["form"].errors["outcomes"][0])
        self.assertFalse(ServicePage.objects.exists())
        self.assertEqual(OutcomeTag.objects.count(), outcomes_before)

    def test_unknown_need_level_is_a_field_error_and_is_not_created(self):
        response = self.post_create_form(need_levels='"Universal", "Level 9"')
        self.assertIn("Level 9", response.context["form"].errors["need_levels"][0])
        self.assertFalse(NeedLevelTag.objects.filter(name="Level 9").exists())

    def test_known_terms_are_kept(self):
        service = self.create_service(outcomes=f'"{SAFE}"', need_levels='"Universal"')
        self.assertEqual([tag.name for tag in service.outcomes.all()], [SAFE])
        self.assertEqual([tag.name for tag in service.need_levels.all()], ["Universal"])

    def test_new_topics_are_created_because_topics_are_free(self):
        service = self.create_service(topics='"food bank", "Baby massage"')
        self.assertEqual(sorted(tag.name for tag in service.topics.all()), ["Baby massage", "food bank"])
        self.assertTrue(Tag.objects.filter(name="Baby massage").exists())

    def test_outcome_autocomplete_offers_only_existing_terms(self):
        url = reverse("wagtailadmin_tag_model_autocomplete", args=["directory", "outcometag"])
        response = self.client.get(url, {"term": "Children"})
        self.assertEqual(response.status_code, 200)
        names = set(json.loads(response.content))
        self.assertIn(SAFE, names)
        self.assertTrue(names <= set(OutcomeTag.objects.values_list("name", flat=True)))
