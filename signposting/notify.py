"""Emails to the people who keep listings true: the service's provider users and the directory team."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from directory.providers.access import directory_team_emails, provider_emails

logger = logging.getLogger("earlyhelp.signposting")


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _send(subject, template, context, recipients):
    if not recipients:
        return 0
    body = render_to_string(template, context)
    try:
        # One message per person: providers must not see each other's or the team's addresses.
        sent = 0
        for address in recipients:
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        return sent
    except Exception:
        # The report is already stored; a mail outage must not lose it or show the visitor an error.
        logger.exception("Could not email %s about %s", template, subject)
        return 0


def listing_reported(report):
    """Tell the service's providers and the directory team; staff read it in the site's main language."""
    service = report.service
    organisation = service.get_parent().specific
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "service": service,
            "organisation": organisation,
            "edit_url": admin_url("wagtailadmin_pages:edit", service.pk),
            "reports_url": admin_url("listing_reports:index"),
            "your_reports_url": admin_url("provider_reports:index"),
        }
        subject = translation.gettext("A problem was reported with “%(name)s”") % {"name": service.title}
        sent = _send(subject, "signposting/email/listing_reported.txt", context, provider_emails(organisation))
        team = [address for address in directory_team_emails() if address not in provider_emails(organisation)]
        sent += _send(subject, "signposting/email/listing_reported.txt", context, team)
    return sent


def report_fixed(report, user):
    """The provider marked a report fixed: the team's "check this listing" task arrives by email too."""
    service = report.service
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "report": report,
            "service": service,
            "who": user.get_full_name() or user.get_username(),
            "edit_url": admin_url("wagtailadmin_pages:edit", service.pk),
            "report_url": admin_url("listing_reports:edit", report.pk),
        }
        subject = translation.gettext("Check “%(name)s”: its provider marked a report fixed") % {"name": service.title}
        return _send(subject, "signposting/email/report_fixed.txt", context, directory_team_emails())


def service_suggested(suggestion):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "suggestion": suggestion,
            "edit_url": admin_url("wagtailadmin_pages:edit", suggestion.service_id) if suggestion.service_id else "",
            "suggestions_url": admin_url("service_suggestions:index"),
        }
        subject = translation.gettext("A service was suggested: “%(name)s”") % {"name": suggestion.name}
        return _send(subject, "signposting/email/service_suggested.txt", context, directory_team_emails())
