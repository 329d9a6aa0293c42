"""Email each watcher the day's changes on what they watch; run daily, safe to run again the same day."""

from django.core.management.base import BaseCommand

from directory.watching.digests import send_watch_digests


class Command(BaseCommand):
    help = "Send the daily watch digests. The last line printed is the number of digests sent."

    def handle(self, *args, **options):
        run = send_watch_digests()
        if run.skipped:
            self.stdout.write(f"{len(run.skipped)} watchers skipped (inactive, no email, undeliverable or no access).")
        if run.already_sent_today:
            self.stdout.write(f"{run.already_sent_today} watchers already had today's digest.")
        self.stdout.write(f"{run.nothing_changed} watchers had nothing new.")
        self.stdout.write(f"{run.sent} watch digests sent.")
