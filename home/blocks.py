"""The blocks an information page is written in, each rendered with GOV.UK Frontend's classes."""

import re

from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import expand_db_html

# The editor's HTML carries no classes (Draftail keeps none), so each element gets GOV.UK's on the way out.
GOVUK_CLASSES = {
    "p": "govuk-body",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
}
_OPENING_TAG = re.compile(r"<(" + "|".join(GOVUK_CLASSES) + r")(?=[\s>])")


# A phone number keeps its digits' order in an Arabic or Urdu sentence ("0808 2000 247", not "247 2000 0808");
# set when the page is shown, as the editor keeps no dir attribute.
_PHONE_LINK = re.compile(r'<a class="govuk-link"(?= href="tel:)')


def with_govuk_classes(html):
    """Rich text HTML with GOV.UK Frontend's class on every paragraph, heading, list and link (phone links LTR)."""
    html = _OPENING_TAG.sub(lambda tag: f'<{tag[1]} class="{GOVUK_CLASSES[tag[1]]}"', html)
    return _PHONE_LINK.sub('<a class="govuk-link" dir="ltr"', html)


class GovukRichTextBlock(blocks.RichTextBlock):
    def render_basic(self, value, context=None):
        return mark_safe(with_govuk_classes(expand_db_html(value.source)))  # noqa: S308 (the editor's own HTML)

    class Meta:
        icon = "pilcrow"
        label = _("Text")


class WarningBlock(blocks.CharBlock):
    """GOV.UK's warning text: a short sentence someone must not miss."""

    class Meta:
        icon = "warning"
        label = _("Warning")
        template = "home/blocks/warning.html"


class AccessibilityContactBlock(blocks.StructBlock):
    """A sentence around the accessibility contact email, which comes from the ACCESSIBILITY_CONTACT_EMAIL setting."""

    before = blocks.CharBlock(label=_("text before the email address"))
    after = blocks.CharBlock(label=_("text after the email address"), required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["contact_email"] = settings.ACCESSIBILITY_CONTACT_EMAIL or settings.DEFAULT_FROM_EMAIL
        return context

    class Meta:
        icon = "mail"
        label = _("Accessibility contact")
        template = "home/blocks/accessibility_contact.html"


class InformationBlocks(blocks.StreamBlock):
    text = GovukRichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    warning = WarningBlock()
    accessibility_contact = AccessibilityContactBlock()
