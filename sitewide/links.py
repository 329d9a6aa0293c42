"""Links to the site's own pages by name, each in the visitor's language (its /pl/ or /ar/ prefix kept)."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_from_path, override


def search_path(**parameters):
    """The search page in the active language, with these parameters: search_path(q="autism")."""
    pairs = [(name, value) for name, value in parameters.items() if value not in (None, "")]
    return reverse("search:results") + ("?" + urlencode(pairs, doseq=True) if pairs else "")


def in_active_language(url):
    """A URL of this site, stored in whatever language it was made in, under the active language's prefix.

    Search index rows keep the page's URL as it was when the page was published; a results page in Polish
    must link to the Polish URL. Pages are not translated (WAGTAIL_I18N_ENABLED is off), so the page in the
    visitor's language is the same page under their prefix: resolve the URL in the language it was made in,
    reverse it in the active one. No query; a URL that does not resolve here comes back unchanged.
    """
    target = get_language() or settings.LANGUAGE_CODE
    made_in = get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    with override(made_in):
        return translate_url(url, target)
