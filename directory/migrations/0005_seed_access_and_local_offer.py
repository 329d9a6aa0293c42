"""Seed the accessibility features and the special educational needs, and create the SEND Local Offer page under
the home page (as home 0004 creates the information pages). The lists are copied here, as they were on the day:
a migration must not change when directory/accessibility.py or directory/local_offer.py do."""

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, four characters per level
STEP = 4

FEATURES = (
    ("step_free", "Step-free access", "step_free"),
    ("accessible_toilet", "Accessible toilet", "toilet"),
    ("changing_places", "Changing Places toilet", "toilet"),
    ("hearing_loop", "Hearing loop", "hearing"),
    ("bsl", "British Sign Language (BSL) interpreter on request", "sign"),
    ("quiet_space", "Quiet space", "quiet"),
    ("parking", "Parking", "parking"),
    ("buggy_storage", "Buggy storage", "buggy"),
    ("baby_change", "Baby changing", "baby"),
    ("public_transport", "Public transport nearby", "transport"),
)
NEEDS = (
    ("autism", "Autism"),
    ("adhd", "ADHD"),
    ("speech_language", "Speech, language and communication"),
    ("learning", "Learning difficulties"),
    ("physical", "Physical disabilities"),
    ("sensory", "Hearing or sight loss"),
    ("mental_health", "Social, emotional and mental health"),
    ("medical", "Medical needs"),
)
LOCAL_OFFER = {
    "slug": "local-offer",
    "title": "SEND Local Offer",
    "introduction": (
        "Services for children and young people with special educational needs and disabilities (SEND), "
        "and their families. Each service says which needs it supports, how it finds out what a child needs, "
        "how it adapts, who to talk to and how to complain."
    ),
}


def seed_vocabularies(apps, schema_editor):
    """Also run by tests whose database flush removes what migrations made; a term already there is kept."""
    AccessibilityFeature = apps.get_model("directory.AccessibilityFeature")
    SendNeed = apps.get_model("directory.SendNeed")
    for order, (code, name, icon) in enumerate(FEATURES, start=1):
        AccessibilityFeature.objects.get_or_create(code=code, defaults={"name": name, "icon": icon, "order": order})
    for order, (code, name) in enumerate(NEEDS, start=1):
        SendNeed.objects.get_or_create(code=code, defaults={"name": name, "order": order})


def _next_path(last_path, parent_path):
    """The treebeard path after `last_path` among `parent_path`'s children (the first child if there is none)."""
    if last_path is None:
        return parent_path + "0" * (STEP - 1) + "1"
    number = 0
    for character in last_path[-STEP:]:
        number = number * len(ALPHABET) + ALPHABET.index(character)
    number += 1
    digits = ""
    for _position in range(STEP):
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return parent_path + digits


def create_local_offer_page(apps, schema_editor):
    """Also run by the browser tests, whose database flush removes what migrations made."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("home.HomePage")
    LocalOfferIndexPage = apps.get_model("directory.LocalOfferIndexPage")

    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    if children.filter(slug=LOCAL_OFFER["slug"]).exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="localofferindexpage", app_label="directory")
    last = children.order_by("-path").values_list("path", flat=True).first()
    LocalOfferIndexPage.objects.create(
        title=LOCAL_OFFER["title"],
        draft_title=LOCAL_OFFER["title"],
        slug=LOCAL_OFFER["slug"],
        introduction=LOCAL_OFFER["introduction"],
        content_type=content_type,
        path=_next_path(last, home.path),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{LOCAL_OFFER['slug']}/",
        locale_id=home.locale_id,
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


def seed(apps, schema_editor):
    seed_vocabularies(apps, schema_editor)
    create_local_offer_page(apps, schema_editor)


def unseed(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    for page in apps.get_model("directory.LocalOfferIndexPage").objects.filter(slug=LOCAL_OFFER["slug"]):
        parent_path = page.path[:-STEP]
        page.delete()
        siblings = Page.objects.filter(path__startswith=parent_path, depth=len(parent_path) // STEP + 1)
        Page.objects.filter(path=parent_path).update(numchild=siblings.count())


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_local_offer_and_site_access"),
        ("home", "0004_create_information_pages"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
