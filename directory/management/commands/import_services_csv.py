"""Import services from a CSV file (docs/csv-template.md): every row checked, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.exchange.csv_import import CsvImportError, import_services_csv


class Command(BaseCommand):
    help = "Import services from a CSV file. Nothing is written unless every row is good."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish the services (default: drafts).")
        parser.add_argument(
            "--create-organisations",
            action="store_true",
            help="Create organisations the file names that do not exist yet (default: report them).",
        )

    def handle(self, *args, file, dry_run, publish, create_organisations, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            result = import_services_csv(
                data, publish=publish, dry_run=dry_run, create_organisations=create_organisations
            )
        except CsvImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file} was not imported: {len(error.problems)} problem(s). Nothing was written."
            ) from error
        self.stdout.write(result.summary())
