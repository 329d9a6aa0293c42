"""Machine-readable APIs, outside the language prefix: /api/search and /api/oruk/."""

from django.urls import include, path

from search import api, suggest_places, suggest_words

urlpatterns = [
    path("search", api.search_api, name="search_api"),
    path("suggest/places", suggest_places.suggest_places, name="suggest_places"),
    path("oruk/", include("search.oruk.urls")),
    path("suggest/words", suggest_words.suggest_words, name="suggest_words"),
]
