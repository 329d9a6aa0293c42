"""Review reminders: each stage of the escalation (before, on, after the due date) emailed once per review cycle."""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from directory.models import ServicePage
from directory.providers import escalation
from directory.providers.freshness import services_due_for_review
from directory.providers.models import ReminderStage, ReviewReminder
from sitewide import notifications
from sitewide.notifications import EMAIL, MessageTemplate

logger = logging.getLogger("earlyhelp.reminders")

REMINDER_SENT_ACTION = "providers.review_reminder"
REMINDER_FIELDS = ("name", "organisation", "listings", "why_you", "site_name")
MESSAGES = {
    ReminderStage.BEFORE: MessageTemplate(
        name="providers_review_reminder_before",
        channel=EMAIL,
        subject=gettext_lazy("Your listings are due a check soon"),
        body_template="providers/escalation/reminder_before.txt",
        fields=REMINDER_FIELDS,
    ),
    ReminderStage.DUE: MessageTemplate(
        name="providers_review_reminder_due",
        channel=EMAIL,
        subject=gettext_lazy("Your listings are due a check today"),
        body_template="providers/escalation/reminder_due.txt",
        fields=REMINDER_FIELDS,
    ),
    ReminderStage.AFTER: MessageTemplate(
        name="providers_review_reminder_after",
        channel=EMAIL,
        subject=gettext_lazy("Your listings are overdue a check"),
        body_template="providers/escalation/reminder_after.txt",
        fields=REMINDER_FIELDS,
    ),
}


@dataclass
class ReminderRun:
    """What one run did: emails handed over, due services nobody could be told about, people skipped."""

    sent: int = 0
    unreachable: int = 0
    skipped: list = field(default_factory=list)  # (user pk, reason)
    failed_organisations: int = 0


def reminders_due(today, schedule):
    """[(service, stage)] for live services whose latest reached stage (or a later one) is not yet sent."""
    horizon = today + datetime.timedelta(days=schedule.before_days)
    candidates = list(services_due_for_review(horizon, ServicePage.objects.live()).order_by("path"))
    sent = set(ReviewReminder.objects.filter(service__in=candidates).values_list("service_id", "due_date", "stage"))
    due = []
    for service in candidates:
        stage = schedule.stage_reached(service.review_due, today)
        if stage is None:
            continue
        # Only the latest stage goes out: a listing first seen long overdue is not sent three emails at once.
        if any((service.pk, service.review_due, later) in sent for later in ReminderStage if later >= stage):
            continue
        due.append((service, stage))
    return due


def _admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _listing_text(service):
    lines = [
        _("- %(title)s (last checked %(checked)s, check due %(due)s)")
        % {
            "title": service.title,
            "checked": date_format(service.last_reviewed, "j F Y"),
            "due": date_format(service.review_due, "j F Y"),
        },
        "  " + _("Still correct: %(url)s") % {"url": _admin_url("providers_admin:still_correct", service.pk)},
        "  " + _("Needs changes: %(url)s") % {"url": _admin_url("wagtailadmin_pages:edit", service.pk)},
        "  " + _("Has closed: %(url)s") % {"url": _admin_url("providers_review:close_service", service.pk)},
    ]
    return "\n".join(lines)


def _why_you(role, organisation):
    if role == escalation.KEEPER:
        return _("You look after these listings for %(organisation)s.") % {"organisation": organisation.title}
    if role == escalation.COLLEAGUE:
        return _("You are copied as one of the people at %(organisation)s who can update its listings.") % {
            "organisation": organisation.title
        }
    return _("You are copied as the directory team: these listings are overdue a check.")


def _remind_organisation(organisation, stage, services, team, run):
    people = escalation.organisation_people(organisation)
    undeliverable = escalation.undeliverable_emails(people + team)
    # Each person gets one email for the organisation, listing the services they are told about.
    told = defaultdict(list)  # user -> [(service, role)]
    for service in services:
        for person, role in escalation.recipients_for(service, stage, people, team).items():
            told[person].append((service, role))

    reached = defaultdict(int)  # service pk -> people the email was handed over for
    skipped = defaultdict(int)
    for person, items in told.items():
        reason = escalation.why_not_reachable(person, undeliverable)
        if reason:
            logger.info("Review reminder not sent to user %s: %s", person.pk, reason)
            run.skipped.append((person.pk, reason))
            for service, _role in items:
                skipped[service.pk] += 1
            continue
        role = min(
            (role for _service, role in items), key=[escalation.KEEPER, escalation.COLLEAGUE, escalation.TEAM].index
        )
        personalisation = {
            "name": person.get_short_name() or person.get_username(),
            "organisation": organisation.title,
            "listings": "\n".join(_listing_text(service) for service, _role in items),
            "why_you": _why_you(role, organisation),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        if notifications.send(MESSAGES[stage], person.email, personalisation):
            run.sent += 1
            for service, _role in items:
                reached[service.pk] += 1

    with transaction.atomic():
        for service in services:
            if not reached[service.pk]:
                # Not recorded, so the stage goes out once someone can be told.
                run.unreachable += 1
                continue
            ReviewReminder.objects.get_or_create(
                service=service,
                due_date=service.review_due,
                stage=stage,
                defaults={"recipients": min(reached[service.pk], 32767)},
            )
            log(
                instance=service,
                action=REMINDER_SENT_ACTION,
                content_changed=False,
                data={"stage": int(stage), "sent": reached[service.pk], "skipped": skipped[service.pk]},
            )


def send_review_reminders(today=None, schedule=None):
    """Send the reminder stages due today; returns a ReminderRun. A failure for one organisation is logged and
    the others still go out; the failed ones are retried on the next run (nothing was recorded for them)."""
    today = today or timezone.localdate()
    schedule = schedule or escalation.schedule_for_area()
    groups = defaultdict(list)
    for service, stage in reminders_due(today, schedule):
        groups[(service.get_parent().specific, stage)].append(service)

    run = ReminderRun()
    team = escalation.team_people() if any(stage == ReminderStage.AFTER for _org, stage in groups) else []
    for (organisation, stage), services in groups.items():
        try:
            _remind_organisation(organisation, stage, services, team, run)
        except Exception:
            logger.exception("Review reminders for organisation %s failed", organisation.pk)
            run.failed_organisations += 1
    return run
