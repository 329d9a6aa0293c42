"""What a site offers for access (step-free, hearing loop, baby change ...): a short list editors pick from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class AccessibilityFeature(models.Model):
    """One fact about a building a family can plan around; chosen per Location, never typed per service.

    `code` is the search parameter value (?access=step_free) and the schema.org / Open Referral key;
    `name` is English, shown through the catalogue ({{ feature.name|translated }}). `icon` picks one of
    the small pictures in templates/directory/includes/access_icon.html; the words are always shown too.
    """

    class Icon(models.TextChoices):
        STEP_FREE = "step_free", _("Step-free")
        TOILET = "toilet", _("Toilet")
        HEARING = "hearing", _("Hearing")
        SIGN = "sign", _("Sign language")
        QUIET = "quiet", _("Quiet")
        PARKING = "parking", _("Parking")
        BUGGY = "buggy", _("Buggy")
        BABY = "baby", _("Baby")
        TRANSPORT = "transport", _("Transport")
        OTHER = "other", _("Other")

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Used in search links: keep it."))
    name = models.CharField(_("name"), max_length=100)
    icon = models.CharField(_("icon"), max_length=20, choices=Icon.choices, default=Icon.OTHER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("accessibility feature")
        verbose_name_plural = _("accessibility features")

    def __str__(self):
        return self.name


# The features every site starts with (directory migration 0005 seeds them; editors may add more).
# Names are msgids: the catalogue translates them wherever a feature is shown.
SEEDED = (
    ("step_free", gettext_noop("Step-free access"), "step_free"),
    ("accessible_toilet", gettext_noop("Accessible toilet"), "toilet"),
    ("changing_places", gettext_noop("Changing Places toilet"), "toilet"),
    ("hearing_loop", gettext_noop("Hearing loop"), "hearing"),
    ("bsl", gettext_noop("British Sign Language (BSL) interpreter on request"), "sign"),
    ("quiet_space", gettext_noop("Quiet space"), "quiet"),
    ("parking", gettext_noop("Parking"), "parking"),
    ("buggy_storage", gettext_noop("Buggy storage"), "buggy"),
    ("baby_change", gettext_noop("Baby changing"), "baby"),
    ("public_transport", gettext_noop("Public transport nearby"), "transport"),
)


def with_features(locations):
    """The locations, each with `.features`: its accessibility features in order, read in one query.

    A page preview's locations come from a revision (no database rows to prefetch from): their in-memory
    choices are read instead.
    """
    locations = list(locations)
    saved = [location.pk for location in locations if location.pk]
    rows = AccessibilityFeature.locations.through.objects.filter(location_id__in=saved).select_related(
        "accessibilityfeature"
    )
    found = {}
    for row in rows:
        found.setdefault(row.location_id, []).append(row.accessibilityfeature)
    for location in locations:
        features = found.get(location.pk) if location.pk else None
        if features is None and not location.pk:
            features = list(location.access_features.all())
        location.features = sorted(features or [], key=lambda feature: (feature.order, feature.name))
    return locations
