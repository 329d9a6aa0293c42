"""Choose the search backend from settings; views call get_search_backend() and never ask which it is."""

import importlib

from django.conf import settings

BACKENDS = {
    "database": "search.backends.database",
    "elasticsearch": "search.backends.elasticsearch",
}


def backend_name():
    if settings.SEARCH_BACKEND_NAME:
        return settings.SEARCH_BACKEND_NAME
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


def get_search_backend(name=None):
    """The configured backend (each backend module ends with `SearchBackend = ...`)."""
    name = name or backend_name()
    if name not in BACKENDS:
        raise ValueError(f"Unknown SEARCH_BACKEND '{name}'. Choose one of: {', '.join(BACKENDS)}.")
    return importlib.import_module(BACKENDS[name]).SearchBackend()
