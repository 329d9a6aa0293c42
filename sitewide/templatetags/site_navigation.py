"""The service navigation and the links every page carries, by URL name, in the visitor's language."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from directory.models import DirectoryIndexPage, LocalOfferIndexPage
from sitewide import links

register = template.Library()


def _only_page_url(request, model):
    """The URL of the one published page of this type (or ""), looked up once per request."""
    cached = f"_{model.__name__}_url"
    if request is not None and hasattr(request, cached):
        return getattr(request, cached)
    page = model.objects.live().public().first()  # what the public may see
    url = (page.get_url(request) or "") if page else ""
    if request is not None:
        setattr(request, cached, url)
    return url


def directory_index_url(request):
    """The A to Z of every organisation (the one DirectoryIndexPage)."""
    return _only_page_url(request, DirectoryIndexPage)


@register.simple_tag(takes_context=True, name="directory_index_url")
def directory_index_url_tag(context):
    return directory_index_url(context.get("request"))


@register.simple_tag(takes_context=True)
def local_offer_url(context):
    """The area's SEND Local Offer (the one LocalOfferIndexPage), which every council must publish and link."""
    return _only_page_url(context.get("request"), LocalOfferIndexPage)


@register.simple_tag(name="search_url")
def search_url_tag(**parameters):
    """The search page with these parameters: {% search_url q="autism" %}."""
    return links.search_path(**parameters)


@register.simple_tag(takes_context=True)
def service_navigation(context):
    """The navigation items, each with text, href and whether it is the current page or section."""
    request = context.get("request")
    current_path = request.path if request else ""
    services_url = directory_index_url(request)
    # (text, href, the paths that make it the current section)
    items = [
        (_("Find support"), reverse("wagtail_serve", args=[""]), [reverse("search:results")]),
        (_("Services"), services_url, [services_url]),
        (_("Shortlist"), reverse("signposting:shortlist"), [reverse("signposting:shortlist")]),
        (_("Browsing safely"), reverse("signposting:browsing_safely"), [reverse("signposting:browsing_safely")]),
    ]
    navigation = []
    for text, href, sections in items:
        if not href:  # no directory index published yet
            continue
        current = current_path == href
        active = current or any(current_path.startswith(section) for section in sections)
        navigation.append({"text": text, "href": href, "current": current, "active": active})
    return navigation
