"""Delete requests kept longer than CONNECT_RETENTION_DAYS after closing; run daily. The last line is the count.

Claims to manage a listing past CLAIM_RETENTION_DAYS go in the same daily run (one line before the count),
so personal data from the public has one purge to schedule.
"""

from django.core.management.base import BaseCommand

from connect.retention import purge
from directory.claims.retention import purge as purge_claims


class Command(BaseCommand):
    help = (
        "Delete requests to be contacted that were declined or closed more than CONNECT_RETENTION_DAYS ago, "
        "and claims to manage a listing older than CLAIM_RETENTION_DAYS."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Claims to manage a listing deleted: {purge_claims()}")
        self.stdout.write(str(purge()))
