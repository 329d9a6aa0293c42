"""manage.py sync_feeds [--feed NAME]: run the feeds that are due (cron-friendly; a run in progress is skipped)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from directory.feeds.models import Feed
from directory.feeds.sync import due_feeds, sync_feed


class Command(BaseCommand):
    help = (
        "Run every Open Referral UK feed that is due, or the named ones now. Safe to run from cron every few "
        "minutes: a feed that is already running is skipped, and nothing is withdrawn after a failed run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--feed", action="append", dest="names", metavar="NAME", help="run this feed now")

    def handle(self, *args, names=None, **options):
        if names:
            unknown = sorted(set(names) - set(Feed.objects.filter(name__in=names).values_list("name", flat=True)))
            if unknown:
                raise CommandError(f"No feed called {', '.join(unknown)}.")
        failed = 0
        for feed in due_feeds(names=names):
            progress = self._progress_line(feed)
            feed_run = sync_feed(feed, progress=progress)
            if progress:
                self.stderr.write("")  # ends the progress line
            if feed_run is None:
                self.stdout.write(f"{feed.name}: already running, skipped.")
            elif feed_run.succeeded:
                self.stdout.write(
                    f"{feed.name}: {feed_run.services_in} services; {feed_run.created} created, "
                    f"{feed_run.updated} updated, {feed_run.withdrawn} withdrawn, {feed_run.restored} back "
                    f"({feed_run.duration:.1f} s)."
                )
            else:
                failed += 1
                self.stderr.write(f"{feed.name}: failed, nothing withdrawn. {feed_run.failure}")
        if failed:
            # A non-zero exit lets cron's mail (or a monitor) notice; the other feeds still ran.
            raise CommandError(f"{failed} feed(s) failed; see the feed reports in the admin.")

    def _progress_line(self, feed):
        """On a terminal, one line rewritten as the run goes; cron's mail gets only the summaries."""
        if not getattr(sys.stderr, "isatty", lambda: False)():
            return None

        def show(pages, done):
            self.stderr.write(f"\r{feed.name}: {pages} pages read, {done} services done", ending="")
            self.stderr.flush()

        return show
