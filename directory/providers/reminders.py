"""Review reminders: email each organisation's providers about listings due a check, once per due date."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import ServicePage
from directory.providers.access import provider_users
from directory.providers.freshness import services_due_for_review
from directory.providers.models import ReviewReminder


def services_needing_a_reminder(today):
    """Live services due for review whose current due date has not been reminded yet."""
    due = services_due_for_review(today, ServicePage.objects.live()).order_by("path")
    reminded = set(ReviewReminder.objects.filter(service__in=due).values_list("service_id", "due_date"))
    return [service for service in due if (service.pk, service.review_due) not in reminded]


def _admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def send_review_reminders(today=None):
    """Send the reminders due today; returns (emails sent, services with no provider to remind)."""
    today = today or timezone.localdate()
    by_organisation = defaultdict(list)
    for service in services_needing_a_reminder(today):
        by_organisation[service.get_parent().specific].append(service)

    sent = 0
    unreachable = 0
    connection = get_connection()
    for organisation, services in by_organisation.items():
        recipients = [user for user in provider_users(organisation) if user.email]
        if not recipients:
            # Not recorded, so the reminder goes out once someone looks after this organisation.
            unreachable += len(services)
            continue
        listings = [
            {
                "service": service,
                "edit_url": _admin_url("wagtailadmin_pages:edit", service.pk),
                "still_correct_url": _admin_url("providers_admin:still_correct", service.pk),
            }
            for service in services
        ]
        subject = _("Please check your listings in the directory")
        with transaction.atomic():
            for user in recipients:
                body = render_to_string(
                    "providers/emails/review_reminder.txt",
                    {
                        "user": user,
                        "organisation": organisation,
                        "listings": listings,
                        "site_name": settings.WAGTAIL_SITE_NAME,
                    },
                )
                sent += EmailMessage(subject, body, to=[user.email], connection=connection).send()
            ReviewReminder.objects.bulk_create(
                [
                    ReviewReminder(service=service, due_date=service.review_due, recipients=len(recipients))
                    for service in services
                ]
            )
    return sent, unreachable
