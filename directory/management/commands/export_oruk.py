"""manage.py export_oruk FILE: every published service as Open Referral UK 3.0 JSON (the profile's service package)."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.exchange.oruk import export_services


class Command(BaseCommand):
    help = (
        "Write every published service, fully nested, as an Open Referral UK 3.0 service package (a JSON list). "
        "FILE '-' writes to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the JSON, or - for standard output")

    def handle(self, *args, file, **options):
        services = export_services()
        text = json.dumps(services, indent=2, ensure_ascii=False) + "\n"
        if file == "-":
            sys.stdout.write(text)
            return
        try:
            Path(file).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Could not write {file}: {error.strerror or error}") from error
        self.stdout.write(f"Wrote {len(services)} published services to {file}.")
