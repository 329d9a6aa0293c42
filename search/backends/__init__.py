"""The configured search backend; views call get_search_backend() and never ask which it is.

settings.SEARCH_BACKENDS names each backend (modelsearch style): {"default": {"BACKEND":
"search.backends.database", ...options}}. BACKEND is a module ending `SearchBackend = ...`.
"""

import importlib

from django.conf import settings


def backend_name():
    """The entry of SEARCH_BACKENDS searches use: the SEARCH_BACKEND override, else "default"."""
    return settings.SEARCH_BACKEND_NAME or "default"


def get_search_backend(name=None):
    """The backend configured as `name` in settings.SEARCH_BACKENDS (the default one without a name)."""
    name = name or backend_name()
    configured = settings.SEARCH_BACKENDS
    if name not in configured:
        raise ValueError(f"Unknown SEARCH_BACKEND '{name}'. Choose one of: {', '.join(configured)}.")
    params = dict(configured[name])
    module = importlib.import_module(params.pop("BACKEND"))
    return module.SearchBackend.from_params(params)
