"""The accessibility features and SEND needs every site starts with: seeded by migration, labelled in every language."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.utils import translation

from directory import accessibility, local_offer
from directory.accessibility import AccessibilityFeature
from directory.local_offer import SendNeed
from tests.i18n.test_catalogues import po_entries

pytestmark = pytest.mark.django_db
SEED = importlib.import_module("directory.migrations.0005_seed_access_and_local_offer")
ISSUE_FEATURES = {
    "step_free",
    "accessible_toilet",
    "changing_places",
    "hearing_loop",
    "bsl",
    "quiet_space",
    "parking",
    "buggy_storage",
    "baby_change",
    "public_transport",
}
ISSUE_NEEDS = {"autism", "adhd", "speech_language", "learning", "physical", "sensory", "mental_health", "medical"}


def test_the_migration_seeds_every_accessibility_feature_the_issue_names_in_order():
    seeded = list(AccessibilityFeature.objects.values_list("code", "name", "icon"))
    assert {code for code, _name, _icon in seeded} == ISSUE_FEATURES
    assert seeded == list(accessibility.SEEDED)


def test_the_migration_seeds_every_special_educational_need_the_issue_names_in_order():
    seeded = list(SendNeed.objects.values_list("code", "name"))
    assert {code for code, _name in seeded} == ISSUE_NEEDS
    assert seeded == list(local_offer.SEEDED)


def test_seeding_again_keeps_what_editors_changed():
    AccessibilityFeature.objects.filter(code="parking").update(name="Blue badge parking")
    SEED.seed_vocabularies(django_apps, None)
    assert AccessibilityFeature.objects.get(code="parking").name == "Blue badge parking"
    assert AccessibilityFeature.objects.count() == len(ISSUE_FEATURES)


@pytest.mark.parametrize("language", ["pl", "ar"])
def test_every_seeded_name_is_translated(language):
    entries = po_entries(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po")
    translated = {msgid for msgid, strings, flags in entries if all(strings) and "fuzzy" not in flags}
    names = [name for _code, name, _icon in accessibility.SEEDED] + [name for _code, name in local_offer.SEEDED]
    assert [name for name in names if name not in translated] == []
    with translation.override(language):
        assert translation.gettext("Step-free access") != "Step-free access"


def test_the_icons_each_have_a_picture():
    template = (settings.BASE_DIR / "templates" / "directory" / "includes" / "access_icon.html").read_text()
    for icon in AccessibilityFeature.Icon.values:
        if icon != AccessibilityFeature.Icon.OTHER:
            assert f'icon == "{icon}"' in template
