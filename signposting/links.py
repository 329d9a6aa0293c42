"""Links that keep the visitor's language, for share links and QR codes."""

from django.conf import settings
from django.utils.translation import get_language


def localised(path):
    """`path` in the visitor's language, so a QR code or link opens the page as they read it."""
    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or path.startswith(f"/{language}/"):
        return path
    return f"/{language}{path}"


def absolute(request, path):
    return request.build_absolute_uri(localised(path))


def page_path(request, page):
    """A Wagtail page's path in the visitor's language."""
    path = page.get_url(request) or page.url_path
    return localised(path) if path.startswith("/") else path
