"""manage.py import_oruk FILE|URL: create or update organisations, services and locations from Open Referral UK JSON."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from directory.exchange.fetch import FeedLimits
from directory.exchange.oruk_import import import_oruk_source


class Command(BaseCommand):
    help = (
        "Import Open Referral UK 3.0 services (a paged API feed followed to its last page, a service package, "
        "one service, or an organisation with its services) from a file or an http(s) address. Matches on ORUK "
        "ids; changes are saved as drafts for moderation unless --publish. Each service is checked and saved on "
        "its own: a bad one is refused with its JSON path and reason, the rest go in. A feed that cannot be read "
        "whole writes nothing and exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a JSON file, or an http(s) address of a feed")
        parser.add_argument("--publish", action="store_true", help="publish what is imported instead of drafts")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--timeout", type=float, default=None, help="seconds to wait for any one read")

    def handle(self, *args, source, publish, dry_run, timeout, **options):
        limits = FeedLimits.from_settings(**({"timeout": timeout} if timeout else {}))
        progress = _ProgressBar(self.stderr) if getattr(sys.stderr, "isatty", lambda: False)() else None
        report = import_oruk_source(source, publish=publish, dry_run=dry_run, progress=progress, limits=limits)
        if progress:
            progress.close()
        if not report.complete:
            raise CommandError(f"Nothing was imported from {source}: {report.failure}")
        for line in report.summary_lines():
            self.stdout.write(line)
        if not dry_run:
            self.stdout.write("Published." if publish else "Saved as drafts: review and publish them in the admin.")


class _ProgressBar:
    """One line on a terminal, rewritten in place: pages read, then services saved and their rate."""

    def __init__(self, stream):
        self.stream, self.started = stream, time.monotonic()

    def __call__(self, pages, services):
        rate = services / max(time.monotonic() - self.started, 0.001)
        text = (
            f"\r{pages} page(s) read, {services} services done ({rate:.0f}/s)"
            if services
            else f"\r{pages} page(s) read"
        )
        self.stream.write(text.ljust(60), ending="")
        self.stream.flush()

    def close(self):
        self.stream.write("")
