"""The landing page, the information pages under it, and the site-wide urgent help panel."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.topics import names_in_language
from directory.translations import LanguageVersionForm, LanguageVersionPage, live_version, untranslated_into
from home.blocks import InformationBlocks

# The title migration 0002 gives the home page: a msgid, so it reads in the reader's language until an editor
# changes it (templates/includes/page_heading.html).
DEFAULT_TITLE = gettext_noop("Find family support")


# The home page's popular topics: what the link says, and the topic it searches as services are tagged (in the
# reader's language where the directory team has named the topic: directory.topics).
POPULAR_TOPICS = [
    (_("Parenting"), "parenting"),
    (_("Autism"), "autism"),
    (_("Emotional wellbeing"), "emotional wellbeing"),
    (_("Food bank"), "food bank"),
    (_("Holiday activities"), "holiday activities"),
    (_("Special educational needs and disabilities (SEND)"), "SEND"),
    (_("Domestic abuse"), "domestic abuse"),
    (_("Young carers"), "young carers"),
]


class HomePage(Page):
    """Where a family starts: a place box, a keyword box, popular topics and urgent help."""

    introduction = models.TextField(
        _("introduction"),
        blank=True,
        default=gettext_noop("Find family support, activities and advice near you."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "directory.DirectoryIndexPage",
        "directory.LocalOfferIndexPage",
        "home.InformationPage",
        "insight.QuarterlySummaryPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        names = names_in_language([topic for _label, topic in POPULAR_TOPICS])
        context["popular_topics"] = [(label, names.get(topic, topic)) for label, topic in POPULAR_TOPICS]
        return context


# The information pages' titles as migration 0004 creates them: shown translated until an editor changes them.
DEFAULT_INFORMATION_TITLES = (gettext_noop("Accessibility statement"), gettext_noop("Browsing safely"))


class InformationPage(Page):
    """Plain information editors keep up to date: the accessibility statement, "Browsing safely".

    Their words are the directory team's, in English; a reader of another language is told so (get_context).
    """

    heading_names_the_site = models.BooleanField(
        _("heading names the site"),
        default=False,
        help_text=_('Show the main heading as "<title> for <site name>", the site name from the site\'s settings.'),
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("A short first paragraph, in large text.")
    )
    body = StreamField(InformationBlocks(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("heading_names_the_site"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.InformationTranslationPage"]

    class Meta:
        verbose_name = _("information page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        translated = live_version(InformationTranslationPage.objects.child_of(self), translation.get_language())
        context["translated"] = translated
        context["untranslated_into"] = "" if translated is not None else untranslated_into()
        return context


class InformationTranslationPage(LanguageVersionPage):
    """An information page's words in one other language ("Browsing safely" in Polish), shown on the page itself
    to readers of that language; checked by the directory team like any change."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(InformationBlocks(), verbose_name=_("body"))

    content_panels = [FieldPanel("language"), *Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    base_form_class = LanguageVersionForm
    parent_page_types = ["home.InformationPage"]

    class Meta:
        verbose_name = _("information page translation")


@register_setting(icon="warning")
class UrgentHelpSettings(BaseSiteSetting):
    """Numbers for someone in danger now; editable by the directory team in Settings."""

    # The default texts are msgids (gettext_noop keeps them plain strings): shown translated until an editor
    # changes them; an edited text is shown as typed.

    heading = models.CharField(_("heading"), max_length=100, default=gettext_noop("If you need help urgently"))
    emergency = models.CharField(
        _("emergency"), max_length=200, default=gettext_noop("If a child is in immediate danger, call 999.")
    )
    front_door_name = models.CharField(
        _("children's services front door"),
        max_length=200,
        default=gettext_noop("Integrated Front Door (children's services)"),
    )
    front_door_phone = models.CharField(_("front door phone"), max_length=40, default="01403 229900")
    front_door_hours = models.CharField(
        _("front door hours"), max_length=200, default=gettext_noop("Out of hours, call 0330 222 6664.")
    )
    childline_phone = models.CharField(_("Childline phone"), max_length=40, default="0800 1111")

    panels = [
        FieldPanel("heading"),
        FieldPanel("emergency"),
        FieldPanel("front_door_name"),
        FieldPanel("front_door_phone"),
        FieldPanel("front_door_hours"),
        FieldPanel("childline_phone"),
    ]

    class Meta:
        verbose_name = _("urgent help")
