"""After adding a new first key to CONNECT_ENCRYPTION_KEYS: re-encrypt every request with it, then drop the old key."""

from django.core.management.base import BaseCommand

from connect.keys import reencrypt_all


class Command(BaseCommand):
    help = "Re-encrypt every request's personal data with the first key in CONNECT_ENCRYPTION_KEYS."

    def handle(self, *args, **options):
        self.stdout.write(str(reencrypt_all()))
