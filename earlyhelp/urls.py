"""URL map: admin and APIs (not translated), then the public site under an optional language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, reverse
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search.health import healthz
from sitewide.seo import LanguageSitemap, robots_lines


def favicon(request):
    # Browsers ask for /favicon.ico whatever the page says; answer without rendering a 404 page.
    return HttpResponsePermanentRedirect(static("earlyhelp/favicon.svg"))


def robots_txt(request):
    lines = robots_lines(request.build_absolute_uri(reverse("sitemap")))
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("favicon.ico", favicon),
    path("healthz", healthz),
    path("robots.txt", robots_txt),
    # One sitemap for all languages: each page's entry names its /pl/ and /ar/ alternates.
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LanguageSitemap}}, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("search.api_urls")),
    path("providers/", include("directory.providers.urls")),
]

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("connect/", include("connect.urls")),
    path("is-this-your-service/", include("directory.claims.urls")),
    path("", include("signposting.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    # Imported under its own name: `static` above is the template helper the favicon view calls.
    from django.conf.urls.static import static as media_urlpatterns

    urlpatterns += media_urlpatterns(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
