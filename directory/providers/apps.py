"""App config for provider access: accounts by organisation, invites, review reminders."""

from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "directory.providers"
    label = "providers"
    verbose_name = "Providers"

    def ready(self):
        from directory.providers import freshness, review_hooks, signals  # noqa: F401  (hooks and receivers)
