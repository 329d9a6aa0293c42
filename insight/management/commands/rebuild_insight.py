"""manage.py rebuild_insight: count the published services and the search log afresh for the insight pages."""

from django.core.management.base import BaseCommand

from insight.counted import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the insight pages' counted services and searches from the published services and the search log "
        "(after restoring a backup, or loading data without publishing). Safe to run again."
    )

    def handle(self, *args, **options):
        made = rebuild()
        self.stdout.write(f"Counted {made['services']} published services and {made['searches']} logged searches.")
