from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using="default", **kwargs):
    """`migrate` also readies the database cache's table (the shared rate-limit counters); a no-op for Redis."""
    call_command("createcachetable", database=using, verbosity=0)


class SitewideConfig(AppConfig):
    name = "sitewide"
    verbose_name = "Site-wide plumbing"

    def ready(self):
        from sitewide.exports import protect_wagtail_exports

        protect_wagtail_exports()
        # After migrate rather than as a migration: the table follows CACHES, which a deployment may change.
        # No sender: Django sends post_migrate only for apps with models, and this app has none. It runs
        # once per such app, and after the first time it only finds the table there.
        post_migrate.connect(create_cache_table, dispatch_uid="sitewide.create_cache_table")
