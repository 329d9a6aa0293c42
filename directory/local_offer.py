"""The SEND Local Offer: which special educational needs a service supports, and the page listing them by need."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class SendNeed(models.Model):
    """A kind of special educational need or disability a service can support (a short, fixed list).

    `code` is the search parameter value (?send=autism); `name` is English, shown through the catalogue.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("Used in search links: keep it."))
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("special educational need")
        verbose_name_plural = _("special educational needs")

    def __str__(self):
        return self.name


# The needs every site starts with (directory migration 0005 seeds them). Names are msgids.
SEEDED = (
    ("autism", gettext_noop("Autism")),
    ("adhd", gettext_noop("ADHD")),
    ("speech_language", gettext_noop("Speech, language and communication")),
    ("learning", gettext_noop("Learning difficulties")),
    ("physical", gettext_noop("Physical disabilities")),
    ("sensory", gettext_noop("Hearing or sight loss")),
    ("mental_health", gettext_noop("Social, emotional and mental health")),
    ("medical", gettext_noop("Medical needs")),
)


class Mark(models.TextChoices):
    """A programme a service belongs to, shown as a badge; the value is the search code (?mark=family_hub)."""

    FAMILY_HUB = "family_hub", _("Family Hub")
    START_FOR_LIFE = "start_for_life", _("Start for Life")

    @property
    def field(self):
        """The ServicePage flag that holds it."""
        return self.value


def marks_of(service):
    """The service's marks, in the order above."""
    return [mark for mark in Mark if getattr(service, mark.field, False)]


# The title and introduction migration 0005 gives the page: msgids, so they read in the reader's language until an
# editor changes them (templates/includes/page_heading.html).
DEFAULT_LOCAL_OFFER_TEXTS = (
    gettext_noop("SEND Local Offer"),
    gettext_noop(
        "Services for children and young people with special educational needs and disabilities (SEND), "
        "and their families. Each service says which needs it supports, how it finds out what a child needs, "
        "how it adapts, who to talk to and how to complain."
    ),
)


class LocalOfferIndexPage(Page):
    """The area's SEND Local Offer: every published service that supports special educational needs, by need."""

    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short first paragraph: what the Local Offer is, in plain words.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("SEND Local Offer page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["needs"] = services_by_need()
        return context


def services_by_need():
    """[{"need": SendNeed, "services": [ServicePage ...]}] for every need, services by title; two queries."""
    from directory.models import ServicePage  # the page model imports this module

    needs = list(SendNeed.objects.all())
    services = (
        ServicePage.objects.published()
        .filter(send_needs__isnull=False)
        .distinct()
        .order_by("title")
        .prefetch_related("send_needs")
    )
    by_need = {need.pk: [] for need in needs}
    for service in services:
        service.marks = marks_of(service)
        for need in service.send_needs.all():
            by_need[need.pk].append(service)
    return [{"need": need, "services": by_need[need.pk]} for need in needs]
