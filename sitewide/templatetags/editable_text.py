"""Texts editors may change: shown in the reader's language while they are still a default msgid."""

from django import template
from django.utils.translation import gettext

from sitewide.lists import joined

register = template.Library()


@register.filter
def translated(text):
    """The text's translation if the catalogue has one, else the text as typed (not escaped here: filters do that)."""
    return gettext(str(text)) if text else ""


@register.filter
def translated_each(names):
    """Each name (a list of vocabulary names) in the reader's language, joined with commas."""
    return joined(gettext(str(name)) for name in names or [] if name)
