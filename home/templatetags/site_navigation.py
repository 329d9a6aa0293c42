"""The service navigation and links to pages other apps will serve, in the visitor's language."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def localised_path(path):
    """A site path under the current language's prefix: "/shortlist/" is "/pl/shortlist/" in Polish."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def _page_url(page_path):
    try:
        return reverse("wagtail_serve", args=[page_path])
    except NoReverseMatch:
        return localised_path("/" + page_path)


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """The navigation items, each with text, href and whether it is the current page or section."""
    request = context.get("request")
    current_path = request.path if request else ""
    search_url = reverse("search:results")
    # (text, href, the paths that make it the current section)
    items = [
        (_("Find support"), _page_url(""), [search_url]),
        # The directory index is created as /services/ by home's migration 0002.
        (_("Services"), _page_url("services/"), [_page_url("services/")]),
        (_("Shortlist"), localised_path("/shortlist/"), [localised_path("/shortlist/")]),
        (_("Browsing safely"), localised_path("/browsing-safely/"), [localised_path("/browsing-safely/")]),
    ]
    navigation = []
    for text, href, sections in items:
        current = current_path == href
        active = current or any(current_path.startswith(section) for section in sections)
        navigation.append({"text": text, "href": href, "current": current, "active": active})
    return navigation
