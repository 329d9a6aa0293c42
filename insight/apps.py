"""App config for the commissioners' insight pages (reads directory and the search log; nothing imports it)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InsightConfig(AppConfig):
    name = "insight"
    verbose_name = "Insight"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from insight import signals  # noqa: F401  (keeps the counted services and searches current)

        post_migrate.connect(fill_when_empty, sender=self, dispatch_uid="insight_fill_when_empty")


def fill_when_empty(sender, using="default", **kwargs):
    """The first migrate after the counted tables appear fills them from what is already published and logged."""
    from insight import counted

    counted.fill_if_empty()
