"""The four controlled vocabularies (outcome, need level, age band, district) and free topics."""

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
