"""manage.py import_oruk FILE|URL: create or update organisations, services and locations from Open Referral UK JSON."""

from django.core.management.base import BaseCommand, CommandError

from directory.exchange.oruk_import import ImportFailed, import_oruk
from directory.exchange.oruk_parse import FETCH_TIMEOUT_SECONDS, read_source
from directory.exchange.oruk_schema import SchemasMissing
from directory.geo import GeodataUnavailable


class Command(BaseCommand):
    help = (
        "Import Open Referral UK 3.0 services (a service package, one service, an organisation with its services, "
        "or an API page) from a file or an http(s) address. Matches on ORUK ids; changes are saved as drafts "
        "for moderation unless --publish. A file with any error writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a JSON file, or an http(s) address when the network allows")
        parser.add_argument("--publish", action="store_true", help="publish what is imported instead of drafts")
        parser.add_argument(
            "--timeout", type=float, default=FETCH_TIMEOUT_SECONDS, help="seconds to wait for an address"
        )

    def handle(self, *args, source, publish, timeout, **options):
        try:
            report = import_oruk(read_source(source, timeout=timeout), publish=publish)
        except ImportFailed as failure:
            raise CommandError(
                f"Nothing was imported from {source}. Fix these and run it again:\n  " + "\n  ".join(failure.problems)
            ) from failure
        except (SchemasMissing, GeodataUnavailable) as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        for line in report.lines():
            self.stdout.write(line)
        if report.warnings:
            self.stdout.write(f"{len(report.warnings)} things could not be kept as they were:")
            for warning in report.warnings:
                self.stdout.write(f"  {warning}")
        self.stdout.write("Published." if publish else "Saved as drafts: review and publish them in the admin.")
