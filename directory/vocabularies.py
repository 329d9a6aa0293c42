"""The four controlled vocabularies (outcome, need level, age band, district) and free topics."""

import uuid
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase, TaggedItemBase


class VocabularyTag(TagBase):
    """A term chosen by editors from a list; `free_tagging = False` stops invention."""

    free_tagging = False

    code = models.CharField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class OutcomeTag(VocabularyTag):
    class Meta(VocabularyTag.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")


class NeedLevelTag(VocabularyTag):
    level = models.PositiveSmallIntegerField(_("level"), unique=True)

    class Meta(VocabularyTag.Meta):
        verbose_name = _("need level")
        verbose_name_plural = _("need levels")


class AgeBandTag(VocabularyTag):
    """An age band; `min_age`/`max_age` are null for pregnancy and for parents and carers."""

    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)

    class Meta(VocabularyTag.Meta):
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")


class DistrictTag(VocabularyTag):
    """A local authority district; `code` is its ONS LAD code (E07000229 is Worthing)."""

    quadrant = models.CharField(_("quadrant"), max_length=60, blank=True)

    class Meta(VocabularyTag.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class ServiceOutcome(ItemBase):
    tag = models.ForeignKey(OutcomeTag, on_delete=models.CASCADE, related_name="tagged_services")
    content_object = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="tagged_outcomes")


class ServiceNeedLevel(ItemBase):
    tag = models.ForeignKey(NeedLevelTag, on_delete=models.CASCADE, related_name="tagged_services")
    content_object = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="tagged_need_levels")


class ServiceAgeBand(ItemBase):
    tag = models.ForeignKey(AgeBandTag, on_delete=models.CASCADE, related_name="tagged_services")
    content_object = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="tagged_age_bands")


class ServiceDistrict(ItemBase):
    """A district the service is in or serves; derived on save, never typed by hand."""

    tag = models.ForeignKey(DistrictTag, on_delete=models.CASCADE, related_name="tagged_services")
    content_object = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="tagged_districts")


class ServiceTopic(TaggedItemBase):
    """Free topic tags: what families type ("autism", "food bank")."""

    content_object = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="tagged_topics")


# --- The registry: one place that says what each vocabulary is called everywhere ---------------

# Fixed forever: Open Referral ids (taxonomies, terms, service-at-locations) hang off it, so the same
# term has the same id on every site that runs this code.
ORUK_NAMESPACE = uuid.UUID("c05cdd0c-a898-553b-a00f-23488263c12c")


@dataclass(frozen=True)
class Vocabulary:
    """One vocabulary as every module names it: URL parameter, query field, facet, legend, model, ORUK id.

    `key` is the URL parameter (`?outcome=`) and the Open Referral taxonomy key; `field` is the
    ServiceQuery field, the facet name and the index document field; `through` is the ServicePage
    relation holding the service's tag rows. `model` is None for free topics (taggit's own Tag).
    """

    key: str
    field: str
    through: str
    model: type | None
    legend: str  # lazy: the filter group's heading
    filter_label: str  # lazy: "the outcome filter", in "12 if you remove the outcome filter"
    title: str  # the Open Referral taxonomy name (English: other systems read it)
    description: str

    @property
    def oruk_id(self) -> uuid.UUID:
        return uuid.uuid5(ORUK_NAMESPACE, f"taxonomy:{self.key}")

    @property
    def controlled(self) -> bool:
        return self.model is not None


OUTCOME = Vocabulary(
    "outcome",
    "outcomes",
    "tagged_outcomes",
    OutcomeTag,
    _("Outcome"),
    _("the outcome filter"),
    "Outcomes",
    "The area's outcomes framework for children, young people and families.",
)
NEED_LEVEL = Vocabulary(
    "need_level",
    "need_levels",
    "tagged_need_levels",
    NeedLevelTag,
    _("Need level"),
    _("the need level filter"),
    "Need levels",
    "The continuum of need: 1 universal, 2 additional (early help), 3 intensive (targeted early help), 4 specialist.",
)
AGE_BAND = Vocabulary(
    "age_band",
    "age_bands",
    "tagged_age_bands",
    AgeBandTag,
    _("Age group"),
    _("the age band filter"),
    "Age bands",
    "Who the service is for, by age.",
)
DISTRICT = Vocabulary(
    "district",
    "districts",
    "tagged_districts",
    DistrictTag,
    _("District"),
    _("the district filter"),
    "Districts",
    "Local authority districts, by ONS code, where the service has a building or which it serves.",
)
TOPIC = Vocabulary(
    "topic",
    "topics",
    "tagged_topics",
    None,
    _("Topic"),
    _("the topic"),
    "Topics",
    "What the service helps with, in the words families use.",
)

# The four controlled vocabularies, in the order filters and facets are shown.
CONTROLLED = (OUTCOME, NEED_LEVEL, AGE_BAND, DISTRICT)
# Everything a service is tagged with, as Open Referral taxonomies.
ALL = (*CONTROLLED, TOPIC)
BY_KEY = {vocabulary.key: vocabulary for vocabulary in ALL}
BY_FIELD = {vocabulary.field: vocabulary for vocabulary in ALL}


def controlled_terms():
    """Every controlled term as (code, name) per vocabulary field, read in one query per vocabulary.

    Callers that need them more than once in a request keep the answer (the search form does).
    """
    return {
        vocabulary.field: list(vocabulary.model.objects.order_by("order", "name").values_list("code", "name"))
        for vocabulary in CONTROLLED
    }


class DeliveryMode(models.TextChoices):
    """How help is given. The value is the search code; `field` the ServicePage flag that holds it."""

    IN_PERSON = "in_person", _("In person")
    HOME_VISITS = "home_visits", _("Home visits")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")

    @property
    def field(self):
        # "phone" is already the service's contact number, so the flag is `by_phone`.
        return "by_phone" if self is DeliveryMode.PHONE else self.value


class Weekday(models.IntegerChoices):
    """Days of the week, Monday = 0 as Python's `date.weekday()`; `code` for URLs, `ical` for RFC 5545."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")

    @property
    def code(self):
        return self.name.lower()

    @property
    def ical(self):
        return self.name[:2]

    @classmethod
    def from_code(cls, code):
        """The day for "monday" or "MO" (any case), or None."""
        code = str(code).strip().upper()
        return next((day for day in cls if code in (day.name, day.name[:2])), None)
