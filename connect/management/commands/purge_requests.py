"""Delete requests kept longer than CONNECT_RETENTION_DAYS after closing; run daily. The last line is the count."""

from django.core.management.base import BaseCommand

from connect.retention import purge


class Command(BaseCommand):
    help = "Delete requests to be contacted that were declined or closed more than CONNECT_RETENTION_DAYS ago."

    def handle(self, *args, **options):
        self.stdout.write(str(purge()))
