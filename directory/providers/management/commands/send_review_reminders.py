"""Email providers before, on and after their listings' check is due; each stage goes once per review cycle."""

from django.core.management.base import BaseCommand

from directory.providers.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email providers about listings due for review, in stages (area profile: review_reminders). "
        "The last line printed is the number of emails sent."
    )

    def handle(self, *args, **options):
        run = send_review_reminders()
        if run.unreachable:
            self.stdout.write(f"{run.unreachable} due listings have nobody with a working email address to remind.")
        if run.skipped:
            self.stdout.write(f"{len(run.skipped)} people skipped (inactive, no email or undeliverable); see the log.")
        if run.failed_organisations:
            self.stderr.write(f"{run.failed_organisations} organisations failed; they are retried on the next run.")
        self.stdout.write(f"{run.sent} review reminder emails sent.")
