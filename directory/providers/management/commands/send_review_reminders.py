"""Email providers whose listings are due a check; each due date is reminded once."""

from django.core.management.base import BaseCommand

from directory.providers.reminders import send_review_reminders


class Command(BaseCommand):
    help = "Email providers about listings due for review. The last line printed is the number of emails sent."

    def handle(self, *args, **options):
        sent, unreachable = send_review_reminders()
        if unreachable:
            self.stdout.write(f"{unreachable} due listings have no provider with an email address to remind.")
        self.stdout.write(f"{sent} review reminder emails sent.")
