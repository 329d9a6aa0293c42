"""Review reminder escalation: when each stage (before, on, after the due date) falls, and who it goes to."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

from directory.area_profiles import UnknownArea, read_area
from directory.providers.access import DIRECTORY_TEAM, provider_groups
from directory.providers.models import ReminderStage, UndeliverableAddress

logger = logging.getLogger("earlyhelp.reminders")

DEFAULT_BEFORE_DAYS = 14
DEFAULT_AFTER_DAYS = 14
# A stage more than a year from the due date would never be reached before the next check.
MAX_DAYS = 365

# Why someone gets a reminder, strongest first: a person is told once, in the strongest role.
KEEPER = "keeper"  # looks after the listing
COLLEAGUE = "colleague"  # another of the organisation's users, copied from the second stage
TEAM = "team"  # the directory team, copied from the third stage


@dataclass(frozen=True)
class ReminderSchedule:
    """How many days before the due date the first reminder goes, and after it the last."""

    before_days: int = DEFAULT_BEFORE_DAYS
    after_days: int = DEFAULT_AFTER_DAYS

    def stage_date(self, stage, due_date):
        if stage == ReminderStage.BEFORE:
            return due_date - datetime.timedelta(days=self.before_days)
        if stage == ReminderStage.AFTER:
            return due_date + datetime.timedelta(days=self.after_days)
        return due_date

    def stage_reached(self, due_date, today):
        """The latest stage whose day has come, or None while the first is still ahead."""
        reached = [stage for stage in ReminderStage if self.stage_date(stage, due_date) <= today]
        return max(reached) if reached else None


def _days(value, default, name, slug):
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_DAYS:
        return value
    if value is not None:
        logger.warning("review_reminders.%s in area %s is not 0 to %s days; using %s", name, slug, MAX_DAYS, default)
    return default


def schedule_for_area(slug=None):
    """The reminder schedule of an area profile (`review_reminders: {before_days, after_days}`), or the default."""
    slug = slug or settings.EARLYHELP_AREA
    try:
        configured = read_area(slug).get("review_reminders") or {}
    except UnknownArea:
        logger.warning("Unknown area %s: default review reminder schedule", slug)
        configured = {}
    if not isinstance(configured, dict):
        configured = {}
    return ReminderSchedule(
        before_days=_days(configured.get("before_days"), DEFAULT_BEFORE_DAYS, "before_days", slug),
        after_days=_days(configured.get("after_days"), DEFAULT_AFTER_DAYS, "after_days", slug),
    )


# --- Who is told ------------------------------------------------------------------------------


def organisation_people(organisation):
    """Everyone in the organisation's provider groups, inactive ones too, so that skipping them is recorded."""
    return list(get_user_model().objects.filter(groups__in=provider_groups(organisation)).distinct().order_by("pk"))


def team_people():
    return list(get_user_model().objects.filter(groups__name=DIRECTORY_TEAM).distinct().order_by("pk"))


def listing_keepers(service, people):
    """Who looks after this listing: its owner, else whoever last saved it, if still with the organisation;
    else everyone with the organisation (nobody in particular looks after it, so all of them do)."""
    by_pk = {person.pk: person for person in people if person.is_active}
    for candidate in (service.owner_id, getattr(service.latest_revision, "user_id", None)):
        if candidate in by_pk:
            return [by_pk[candidate]]
    return list(by_pk.values())


def recipients_for(service, stage, people, team):
    """{user: role} for one service at one stage: keepers; their colleagues from stage 2; the team from stage 3."""
    roles = {}
    for person in listing_keepers(service, people):
        roles[person] = KEEPER
    if stage >= ReminderStage.DUE:
        for person in people:
            roles.setdefault(person, COLLEAGUE)
    if stage >= ReminderStage.AFTER:
        for person in team:
            roles.setdefault(person, TEAM)
    return roles


def undeliverable_emails(users):
    emails = {user.email.strip().lower() for user in users if user.email}
    return set(UndeliverableAddress.objects.filter(email__in=emails).values_list("email", flat=True))


def why_not_reachable(user, undeliverable):
    """None if a reminder may go to this user, else the reason it is skipped (for the log)."""
    if not user.is_active:
        return "inactive"
    if not user.email:
        return "no email address"
    if user.email.strip().lower() in undeliverable:
        return "address undeliverable"
    return None


def mark_undeliverable(email, reason=""):
    """Record that mail to `email` does not arrive (a bounce); reminders skip it from then on."""
    address, _ = UndeliverableAddress.objects.update_or_create(
        email=email.strip().lower(), defaults={"reason": reason[:200]}
    )
    return address
