"""App config for the commissioners' insight pages (reads directory and the search log; nothing imports it)."""

from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight"
    default_auto_field = "django.db.models.AutoField"
