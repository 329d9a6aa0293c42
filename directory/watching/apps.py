"""App config for watching listings and the daily digest of their changes."""

from django.apps import AppConfig


class WatchingConfig(AppConfig):
    name = "directory.watching"
    label = "watching"
    verbose_name = "Watching"
    default_auto_field = "django.db.models.BigAutoField"
