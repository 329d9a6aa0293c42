"""Machine-readable APIs, outside the language prefix: /api/search and /api/oruk/."""

from django.urls import include, path

from search import api

urlpatterns = [
    path("search", api.search_api, name="search_api"),
    path("oruk/", include("search.oruk.urls")),
]
