"""App config for the offer: organisations, services, locations and vocabularies."""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from directory import checks  # noqa: F401  (registers the start-up checks)
