"""Record that mail to an address bounces (for example a Notify permanent-failure), so reminders skip it."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from directory.providers.escalation import mark_undeliverable
from directory.providers.models import UndeliverableAddress


class Command(BaseCommand):
    help = "Mark an email address as undeliverable (or, with --clear, deliverable again)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", default="permanent-failure")
        parser.add_argument("--clear", action="store_true", help="the address works again")

    def handle(self, email, reason, clear, **options):
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"Not an email address: {email}") from error
        if clear:
            UndeliverableAddress.objects.filter(email=email.strip().lower()).delete()
            self.stdout.write("Cleared.")
        else:
            mark_undeliverable(email, reason)
            self.stdout.write("Marked undeliverable.")
