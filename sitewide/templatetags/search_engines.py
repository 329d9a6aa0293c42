"""Head tags for search engines and link previews, and schema.org data blocks on directory pages."""

from django import template
from django.utils.html import format_html, format_html_join

from sitewide import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Canonical URL, hreflang alternates and, on a Wagtail page, its description and Open Graph tags."""
    request = context.get("request")
    if request is None:
        return ""
    canonical = seo.canonical_url(request)
    parts = [format_html('<link rel="canonical" href="{}">', canonical)]
    parts.append(
        format_html_join("\n    ", '<link rel="alternate" hreflang="{}" href="{}">', seo.alternate_links(request))
    )
    page = context.get("page")
    if page is not None and hasattr(page, "get_full_url"):
        # A service read in a language it is translated into describes itself in that language.
        words = context.get("words") or {}
        description = _translated(words, "summary") or seo.page_description(page)
        if description:
            parts.append(format_html('<meta name="description" content="{}">', description))
        title = _translated(words, "title") or page.seo_title or page.title
        parts.append(
            format_html_join(
                "\n    ", '<meta property="{}" content="{}">', seo.open_graph(title, description, canonical)
            )
        )
    return format_html_join("\n    ", "{}", ((part,) for part in parts))


def _translated(words, name):
    """A field's words when they are a translation (not the English fallback), else ""."""
    shown = words.get(name)
    return str(shown) if shown and shown.lang != "en" else ""


@register.simple_tag(takes_context=True)
def service_json_ld(context):
    """The service page's schema.org Service (or GovernmentService) block."""
    page = context["page"]
    terms = context.get("terms") or {}
    districts = list(page.districts.all()) if page.pk else terms.get("districts_served", [])
    data = seo.service_data(
        page,
        context.get("request"),
        context.get("locations", []),
        context.get("opening_times", []),
        sorted(districts, key=lambda tag: (tag.order, tag.name)),
    )
    words = context.get("words") or {}
    for key, name in (("name", "title"), ("description", "summary")):
        data[key] = _translated(words, name) or data[key]
    return seo.json_ld(data)


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """The organisation page's schema.org Organization block."""
    return seo.json_ld(seo.organisation_data(context["page"], context.get("request")))
