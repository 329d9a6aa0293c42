"""URL map: admin and APIs (not translated), then the public site under an optional language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page says; answer without rendering a 404 page.
    return HttpResponsePermanentRedirect(static("earlyhelp/favicon.svg"))


urlpatterns = [
    path("favicon.ico", favicon),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("search.api_urls")),
    path("providers/", include("directory.providers.urls")),
]

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("", include("signposting.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Imported under its own name: `static` above is the template helper the favicon view calls.
    from django.conf.urls.static import static as media_urlpatterns

    urlpatterns += media_urlpatterns(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
