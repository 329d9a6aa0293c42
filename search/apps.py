"""App config for finding services: it connects the index to Wagtail's page signals."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Service search"

    def ready(self):
        from search import checks, signals  # noqa: F401
