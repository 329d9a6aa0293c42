"""Machine-readable APIs, outside the language prefix: /api/search and /api/oruk/."""

from django.urls import include, path

from search import api, suggest_places

urlpatterns = [
    path("search", api.search_api, name="search_api"),
    path("suggest/places", suggest_places.suggest_places, name="suggest_places"),
    path("oruk/", include("search.oruk.urls")),
]
