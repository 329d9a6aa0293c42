"""Machine-readable APIs, outside the language prefix: /api/search and /api/oruk/."""

from django.urls import include, path

urlpatterns = [
    path("oruk/", include("search.oruk.urls")),
]
