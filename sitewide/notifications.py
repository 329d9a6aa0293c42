"""Messages to people by email or text: through GOV.UK Notify when NOTIFY_API_KEY is set, else Django's email.

Every message is a `MessageTemplate` declared by the app that sends it and listed in the README, with
the same name in NOTIFY_TEMPLATE_IDS ("name=template-id"). With Notify the text lives in the Notify
template and only the personalisation is sent; without it the Django template renders the same text.
Text messages need Notify: without it they are not sent (and that is logged, without the number).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("earlyhelp.notifications")

EMAIL = "email"
SMS = "sms"


@dataclass(frozen=True)
class MessageTemplate:
    name: str  # the key in NOTIFY_TEMPLATE_IDS and in the README's list
    channel: str  # EMAIL or SMS
    subject: str  # the email subject without Notify (Notify templates carry their own)
    body_template: str  # the Django template without Notify; its text is what the Notify template says
    fields: tuple = ()  # the personalisation it takes: nothing else may be sent

    @property
    def notify_template_id(self):
        return settings.NOTIFY_TEMPLATE_IDS.get(self.name, "")


def uses_notify():
    return bool(settings.NOTIFY_API_KEY)


def _notify_client():
    from notifications_python_client.notifications import NotificationsAPIClient  # only with Notify

    return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=10)


def _send_by_notify(template, to, personalisation):
    template_id = template.notify_template_id
    if not template_id:
        logger.error("No Notify template id for %s: set it in NOTIFY_TEMPLATE_IDS", template.name)
        return False
    client = _notify_client()
    if template.channel == SMS:
        client.send_sms_notification(phone_number=to, template_id=template_id, personalisation=personalisation)
    else:
        client.send_email_notification(email_address=to, template_id=template_id, personalisation=personalisation)
    return True


def _send_by_django(template, to, personalisation):
    if template.channel == SMS:
        logger.warning("Text message %s not sent: text messages need GOV.UK Notify (NOTIFY_API_KEY)", template.name)
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template.body_template, personalisation)
        subject = str(template.subject) % personalisation
    return bool(send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to]))


def send(template, to, personalisation):
    """Send one message to one address or number; True when it was handed over, False (logged) otherwise.

    A failure never raises: what the message is about is already stored, and an outage of Notify or
    the mail server must not lose it or show the person an error.
    """
    unexpected = set(personalisation) - set(template.fields)
    if unexpected:
        # A programming error, not an outage: refuse loudly so personal data cannot slip in unnoticed.
        raise ValueError(f"{template.name} does not take {sorted(unexpected)}")
    if not to:
        return False
    try:
        if uses_notify():
            return _send_by_notify(template, to, personalisation)
        return _send_by_django(template, to, personalisation)
    except Exception:
        # Log the template only: the recipient is personal data.
        logger.exception("Could not send the message %s", template.name)
        return False
