"""The messages a request sends: to the service's people (never about the family) and, if asked, to the family."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.providers.access import directory_team_emails, provider_emails
from sitewide import notifications
from sitewide.notifications import EMAIL, SMS, MessageTemplate

NEW_REQUEST = MessageTemplate(
    name="connect_new_request",
    channel=EMAIL,
    subject=_("You have a new request"),
    body_template="connect/messages/new_request.txt",
    fields=("inbox_url",),
)
REQUEST_SENT_EMAIL = MessageTemplate(
    name="connect_request_sent_email",
    channel=EMAIL,
    subject=_("Your request has been sent: reference %(reference)s"),
    body_template="connect/messages/request_sent.txt",
    fields=("reference", "service_name", "status_url"),
)
REQUEST_SENT_SMS = MessageTemplate(
    name="connect_request_sent_sms",
    channel=SMS,
    subject="",
    body_template="connect/messages/request_sent.txt",
    fields=("reference", "service_name", "status_url"),
)
REQUEST_UPDATED_EMAIL = MessageTemplate(
    name="connect_request_updated_email",
    channel=EMAIL,
    subject=_("News about your request %(reference)s"),
    body_template="connect/messages/request_updated.txt",
    fields=("reference",),
)
REQUEST_UPDATED_SMS = MessageTemplate(
    name="connect_request_updated_sms",
    channel=SMS,
    subject="",
    body_template="connect/messages/request_updated.txt",
    fields=("reference",),
)
ALL = (NEW_REQUEST, REQUEST_SENT_EMAIL, REQUEST_SENT_SMS, REQUEST_UPDATED_EMAIL, REQUEST_UPDATED_SMS)


def service_people(contact_request):
    """Who hears of a new request: the organisation's providers, or the directory team if it has none."""
    return provider_emails(contact_request.organisation) or directory_team_emails()


def new_request(contact_request):
    """One message per person, saying only that there is a request: the details stay behind the sign-in."""
    inbox_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("connect_admin:inbox")
    return sum(
        notifications.send(NEW_REQUEST, address, {"inbox_url": inbox_url})
        for address in service_people(contact_request)
    )


def _family_channel(contact_request):
    method = contact_request.contact_method
    if method == contact_request.ContactMethod.EMAIL and contact_request.email:
        return "email", contact_request.email
    if method == contact_request.ContactMethod.TEXT and contact_request.phone:
        return "sms", contact_request.phone
    return None, ""


def request_sent(contact_request, status_url):
    """The family's copy (if they, or the professional for them, asked): reference, service and status link."""
    channel, to = _family_channel(contact_request)
    if not contact_request.send_updates or channel is None:
        return False
    template = REQUEST_SENT_EMAIL if channel == "email" else REQUEST_SENT_SMS
    personalisation = {
        "reference": contact_request.reference,
        "service_name": contact_request.service.title,
        "status_url": status_url,
    }
    return notifications.send(template, to, personalisation)


def request_updated(contact_request):
    """A nudge to look at the status page; the secret link is not stored, so the message gives the reference."""
    channel, to = _family_channel(contact_request)
    if not contact_request.send_updates or channel is None:
        return False
    template = REQUEST_UPDATED_EMAIL if channel == "email" else REQUEST_UPDATED_SMS
    return notifications.send(template, to, {"reference": contact_request.reference})
