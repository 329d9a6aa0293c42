"""manage.py restore DIR: put back a backup that `manage.py backup` wrote (see sitewide/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from sitewide.backup import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = "Replace the database and media with a backup's. Stop the site first."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory `manage.py backup` wrote")
        parser.add_argument("--noinput", action="store_false", dest="interactive", help="Do not ask to confirm.")

    def handle(self, directory, interactive=True, **options):
        try:
            manifest = read_manifest(directory)
            if interactive:
                answer = input(f"Replace everything with the backup of {manifest['created']}? Type 'yes': ")
                if answer.strip().lower() != "yes":
                    raise CommandError("Nothing restored.")
            restore(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
