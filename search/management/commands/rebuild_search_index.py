"""manage.py rebuild_search_index: replace the service search index with every published service."""

from django.core.management.base import BaseCommand

from search.indexing import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the service search index from the published services. Safe to run again."

    def handle(self, *args, **options):
        for backend, count in rebuild_all().items():
            self.stdout.write(f"{backend}: indexed {count} published services.")
