"""The language switcher: the same page under each language's URL prefix."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()


def _swap_prefix(path, current, target):
    """For paths nothing resolves (a 404 page): replace the language prefix by hand."""
    prefix = f"/{current}/"
    if current != settings.LANGUAGE_CODE and path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    return path if target == settings.LANGUAGE_CODE else f"/{target}{path}"


@register.simple_tag(takes_context=True)
def language_links(context):
    """One item per language: code, name in its own language, URL of this page in it, bidi, current."""
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else "/"
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if url == path and code != current:
            url = _swap_prefix(path, current, code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "bidi": get_language_info(code)["bidi"],
                "current": code == current,
            }
        )
    return links
