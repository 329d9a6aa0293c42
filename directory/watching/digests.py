"""The daily digest: one email a day to each watcher with what changed on their watches; nothing if nothing did."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory.providers.escalation import undeliverable_emails, why_not_reachable
from directory.watching.access import may_watch, sees_drafts
from directory.watching.changes import changes_for
from directory.watching.models import Watch, WatchDigest
from sitewide import notifications
from sitewide.notifications import EMAIL, MessageTemplate

logger = logging.getLogger("earlyhelp.watching")

DAILY_DIGEST = MessageTemplate(
    name="watching_daily_digest",
    channel=EMAIL,
    subject=_("What changed on the listings you watch"),
    body_template="watching/emails/daily_digest.txt",
    fields=("name", "changes", "watches_url", "site_name"),
)


@dataclass
class DigestRun:
    sent: int = 0
    nothing_changed: int = 0
    already_sent_today: int = 0
    skipped: list = field(default_factory=list)  # (user pk, reason)


def _admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _link(user, change):
    if sees_drafts(user):
        return _admin_url("wagtailadmin_pages:edit", change.page_id)
    return ""


def digest_text(user, watches, changes):
    """The changes grouped by watched page, oldest first, each with a link where the person can follow it."""
    titles = {watch.page.pk: watch.page.title for watch in watches}
    by_watched = defaultdict(list)
    for change in changes:
        by_watched[change.watched_id].append(change)
    blocks = []
    for watched_id, items in by_watched.items():
        lines = [titles[watched_id]]
        for change in items:
            when = date_format(timezone.localtime(change.when), "j M H:i")
            line = f"- {when} {change.title}: {change.label}"
            if change.detail:
                line += f" ({change.detail})"
            link = _link(user, change)
            if link:
                line += f"\n  {link}"
            lines.append(line)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _since(watches, last_digest):
    covered = last_digest.covered_until if last_digest else None
    return {watch.pk: max(watch.created_at, covered) if covered else watch.created_at for watch in watches}


def send_digest(user, today, now, run, undeliverable):
    if WatchDigest.objects.filter(user=user, day=today).exists():
        run.already_sent_today += 1
        return
    reason = why_not_reachable(user, undeliverable) or (None if may_watch(user) else "may no longer watch")
    if reason:
        logger.info("Watch digest not sent to user %s: %s", user.pk, reason)
        run.skipped.append((user.pk, reason))
        return
    watches = list(Watch.objects.filter(user=user).select_related("page").order_by("created_at"))
    last = WatchDigest.objects.filter(user=user).order_by("-covered_until").first()
    changes = changes_for(user, watches, _since(watches, last), now)
    if not changes:
        run.nothing_changed += 1
        return
    personalisation = {
        "name": user.get_short_name() or user.get_username(),
        "changes": digest_text(user, watches, changes),
        "watches_url": _admin_url("watching:my_watches"),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    try:
        with transaction.atomic():
            # Claimed before sending, so two runs at once cannot both send today's digest.
            WatchDigest.objects.create(user=user, day=today, covered_until=now, changes=len(changes))
            if not notifications.send(DAILY_DIGEST, user.email, personalisation):
                raise _NotSent
    except _NotSent:
        logger.warning("Watch digest for user %s not handed over; tried again on the next run", user.pk)
        return
    except IntegrityError:
        run.already_sent_today += 1
        return
    run.sent += 1


class _NotSent(Exception):
    pass


def send_watch_digests(now=None):
    """Send today's digests; at most one per person per day, none when nothing they may see changed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    run = DigestRun()
    watchers = list(get_user_model().objects.filter(watches__isnull=False).distinct().order_by("pk"))
    undeliverable = undeliverable_emails(watchers)
    for user in watchers:
        try:
            send_digest(user, today, now, run, undeliverable)
        except Exception:
            logger.exception("Watch digest for user %s failed", user.pk)
    return run
