"""manage.py backup DIR: the database and the uploaded media, with a manifest (see sitewide/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from sitewide.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and media into a new directory (restore with `manage.py restore DIR`)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new or empty directory, e.g. /srv/backups/earlyhelp-2026-12-06")

    def handle(self, directory, **options):
        try:
            manifest = backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {manifest['engine']} database and {len(manifest['checksums']) - 1} files.")
