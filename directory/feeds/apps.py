"""App config for Open Referral UK feeds."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "directory.feeds"
    label = "feeds"
    verbose_name = "Open data feeds"

    def ready(self):
        from directory.feeds import signals  # noqa: F401  (connects the receivers)
