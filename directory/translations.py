"""A service's own words in another language: a Wagtail translation of the service, shown at the service's URL.

Why a translation is a child page of its service, in a Wagtail Locale, and not a copy in a page tree per language
(`wagtail.contrib.simple_translation`, `wagtail-localize`): both need WAGTAIL_I18N_ENABLED, which makes Wagtail
reverse every English page's URL without the reader's /pl/ or /ar/ prefix (Page.get_url_parts), and the whole
site serves one page under every prefix (sitewide/links.py, sitewide/seo.py). A full ServicePage copy would
also be a second service to every listing, reminder, duplicate check, feed, report and index. So:

- a ServiceTranslationPage holds only the words (title, summary, description, ...); it shares its service's
  Wagtail `translation_key` and has its own `locale` (`Page.objects.translation_of(service)` finds it);
- as a child of the service it falls under the organisation's page permissions and the directory team's
  moderation workflow with nothing more to grant;
- it has no URL of its own: `/pl/services/.../` renders the English service with the live Polish words, and
  the English words (marked lang="en", with a notice) where there is no translation, so nothing ever 404s.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page

from directory.models import RICH_TEXT_FEATURES, ServicePage

# The service's fields a translation carries, in the editor's order; everything else (times, places, ages,
# contact details, tags) is the same in every language and stays on the service.
TRANSLATED_FIELDS = (
    "title",
    "summary",
    "description",
    "eligibility",
    "how_to_access",
    "cost_detail",
    "opening_times_note",
    "accessibility",
    "send_identifying",
    "send_adapting",
    "send_contact",
    "send_complaints",
)
# The language the services are written in, as the public pages mark it.
SOURCE_LANG = "en"
# How much of a field's English the translation editor shows beside it.
ENGLISH_SHOWN = 400


def in_source_language(language_code):
    """True for the language the directory's own words are written in (the site's English, "en-gb" or "en"), and
    for no language at all: nothing to translate into."""
    return not language_code or language_code in (settings.LANGUAGE_CODE, SOURCE_LANG)


def content_languages():
    """(code, name) for every language the area offers besides English: the languages a service may be in."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def language_name(code):
    """A language's name in the active language ("Polish", or "polski" on a Polish page)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


class LanguageVersionForm(WagtailAdminPageForm):
    """The form of a page that holds its parent's words in one other language (a service's, an information
    page's): the language is chosen once, among those the parent has no version in yet."""

    language = forms.ChoiceField(label=_("Language"), help_text=_("The language these words are in."))
    already_translated = _("This page already has a translation in that language.")

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.translated_page = parent_page.specific if parent_page is not None else None
        field = self.fields["language"]
        if self.instance.pk:
            # A translation keeps its language; a different language is a new translation.
            code = self.instance.locale.language_code
            field.choices = [(code, language_name(code))]
            field.initial = code
            field.disabled = True
            return
        taken = set(self._versions().values_list("locale__language_code", flat=True))
        field.choices = [(code, name) for code, name in content_languages() if code not in taken]

    def _versions(self):
        """The parent's language versions so far (none without a parent)."""
        model = self._meta.model
        if self.translated_page is None:
            return model.objects.none()
        return model.objects.child_of(self.translated_page)

    def clean(self):
        cleaned_data = super().clean()
        code = cleaned_data.get("language")
        if not code:
            return cleaned_data
        if not self.instance.pk:
            if self._versions().filter(locale__language_code=code).exists():
                self.add_error("language", self.already_translated)
                return cleaned_data
            self.instance.locale, _created = Locale.objects.get_or_create(language_code=code)
        return cleaned_data


class ServiceTranslationForm(LanguageVersionForm):
    already_translated = _("This service already has a translation in that language.")

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if isinstance(self.translated_page, ServicePage):
            # The English beside each field, to translate from. Not copied into the fields (as Wagtail's own
            # "Translate this page" does): English left in a translation would be marked as Polish; a field left
            # blank shows the English on the public page, marked lang="en".
            for name in TRANSLATED_FIELDS:
                english = " ".join(strip_tags(getattr(self.translated_page, name) or "").split())
                if english and name in self.fields:
                    self.fields[name].help_text = _("In English: %(text)s") % {
                        "text": Truncator(english).chars(ENGLISH_SHOWN)
                    }


class LanguageVersionPage(Page):
    """A page holding its parent's words in one other language (its Wagtail locale): no address of its own, as the
    words are read on the parent's page under that language's prefix. Abstract: services and information pages
    each have their own."""

    promote_panels = []
    subpage_types = []

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # One Wagtail translation set per parent: the parent's translation_key, this page's locale. Set on every
        # save, so a copied or imported parent's translations follow it.
        parent = self.get_parent()
        if parent is not None:
            self.translation_key = parent.translation_key
        return super().save(*args, **kwargs)

    @property
    def language_code(self):
        return self.locale.language_code

    def get_admin_display_title(self):
        return f"{super().get_admin_display_title()} ({language_name(self.language_code)})"

    def get_url_parts(self, request=None):
        return None

    def serve(self, request, *args, **kwargs):
        with translation.override(self.language_code):
            return redirect(self.get_parent().specific.get_url(request) or "/")


class ServiceTranslationPage(LanguageVersionPage):
    """The words of one service in one other language, checked by the directory team like any change."""

    # The service these words translate: always the parent page, kept here too so the index can prefetch it.
    # SET_NULL: Wagtail deletes a service's child pages itself (a database CASCADE would break its tree).
    service = models.ForeignKey(
        "directory.ServicePage", on_delete=models.SET_NULL, null=True, editable=False, related_name="language_versions"
    )
    summary = models.CharField(_("summary"), max_length=300)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    eligibility = models.TextField(_("who can use it"), blank=True)
    how_to_access = models.TextField(_("how to get this help"), blank=True)
    cost_detail = models.CharField(_("cost details"), max_length=200, blank=True)
    opening_times_note = models.TextField(_("opening times, in words"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    # The service's part of the SEND Local Offer, in words (which needs it supports are tags, the same in every
    # language).
    send_identifying = models.TextField(_("how it finds out what a child needs"), blank=True)
    send_adapting = models.TextField(_("how it adapts for a child"), blank=True)
    send_contact = models.TextField(_("who to talk to about SEND"), blank=True)
    send_complaints = models.TextField(_("how to make a complaint"), blank=True)

    content_panels = [FieldPanel("language")] + [FieldPanel(name) for name in TRANSLATED_FIELDS]
    base_form_class = ServiceTranslationForm
    parent_page_types = ["directory.ServicePage"]

    class Meta:
        verbose_name = _("service translation")

    def save(self, *args, **kwargs):
        parent = self.get_parent()
        if parent is not None:
            self.service_id = parent.pk
        return super().save(*args, **kwargs)

    def serve_preview(self, request, mode_name):
        """The service's page as a reader of this language will see it, with these (perhaps draft) words."""
        service = self.get_parent().specific
        with translation.override(self.language_code):
            request.LANGUAGE_CODE = self.language_code
            context = service.get_context(request)
            context.update(service_words(service, self))
            return TemplateResponse(request, service.get_template(request), context).render()


# --- What the public page shows --------------------------------------------------


@dataclass(frozen=True)
class Words:
    """One field's text and the language it is in, for the element's lang attribute."""

    text: str
    lang: str

    def __str__(self):
        return str(self.text)

    def __bool__(self):
        return bool(self.text)


def live_version(versions, language_code):
    """The published one of a page's language versions (a queryset) in this language, or None (and None for the
    language the directory's own words are written in)."""
    if in_source_language(language_code):
        return None
    return versions.live().filter(locale__language_code=language_code).order_by("path").first()


def live_translation(service, language_code):
    """The service's published translation in this language, or None (and None for English)."""
    return live_version(ServiceTranslationPage.objects.filter(service=service), language_code)


def card_words(items, language_code=None):
    """{service id: (title Words, summary Words)} for search result cards: each service's published translation in
    the reader's language where it has one, else its English words marked English; one query for the page."""
    language_code = language_code or translation.get_language()
    found = {}
    if not in_source_language(language_code):
        translated = ServiceTranslationPage.objects.live().filter(
            service_id__in=[item.service_id for item in items], locale__language_code=language_code
        )
        found = {row.service_id: row for row in translated.only("service_id", "title", "summary")}
    words = {}
    for item in items:
        row = found.get(item.service_id)
        if row is None:
            words[item.service_id] = (Words(item.name, SOURCE_LANG), Words(item.summary, SOURCE_LANG))
        else:
            words[item.service_id] = (
                Words(row.title, language_code),
                Words(row.summary or item.summary, language_code if row.summary else SOURCE_LANG),
            )
    return words


def service_words(service, translated=None):
    """The template's words for a service: {"words": field -> Words, "untranslated_into": a language name or ""}.

    A translated field shows the translation; a field the translator left blank shows the English, marked so.
    """
    words = {}
    for name in TRANSLATED_FIELDS:
        text = getattr(translated, name, "") if translated is not None else ""
        words[name] = Words(text, translated.language_code) if text else Words(getattr(service, name), SOURCE_LANG)
    return {"words": words, "untranslated_into": untranslated_into() if translated is None else ""}


def untranslated_into():
    """The reader's language by name ("polski") when it is not the one the directory's own words are written in,
    else "": a page showing those words untranslated says so (services, information pages)."""
    reader = translation.get_language() or settings.LANGUAGE_CODE
    return "" if in_source_language(reader) else language_name(reader)


def translated_text(service):
    """Every published translation's words for the service, as one string for the search index."""
    parts = []
    for version in service.language_versions.all():
        if version.live:
            parts += [version.title, version.summary, strip_tags(version.description or ""), version.eligibility]
    return " ".join(part for part in parts if part)
