"""Keeping listings fresh: which services are due a check, which are stale, and "Still correct"."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.signals import page_published

from directory.models import STALE_AFTER, ServicePage
from directory.providers.access import is_directory_team

STILL_CORRECT_ACTION = "providers.still_correct"


def _latest_reviewed_date_due(months, today):
    """The latest `last_reviewed` for which `last_reviewed + months` is on or before `today`.

    Adding months clips at month ends (31 August + 6 months = 28 February), so `today - months`
    can be a day or three early; step forward while the next day is still due.
    """
    cutoff = today - relativedelta(months=months)
    while cutoff + datetime.timedelta(days=1) + relativedelta(months=months) <= today:
        cutoff += datetime.timedelta(days=1)
    return cutoff


def services_due_for_review(today=None, queryset=None):
    """Services whose `review_due` is today or earlier, as a queryset (the rule of ServicePage.review_due)."""
    today = today or timezone.localdate()
    queryset = ServicePage.objects.all() if queryset is None else queryset
    intervals = set(queryset.values_list("review_interval_months", flat=True).distinct())
    if not intervals:
        return queryset.none()
    condition = Q()
    for months in intervals:
        condition |= Q(review_interval_months=months, last_reviewed__lte=_latest_reviewed_date_due(months, today))
    return queryset.filter(condition)


def stale_services(today=None, queryset=None):
    """Services not checked for over 12 months (the rule of ServicePage.is_stale)."""
    today = today or timezone.localdate()
    queryset = ServicePage.objects.all() if queryset is None else queryset
    months = STALE_AFTER.months + 12 * STALE_AFTER.years
    # is_stale is strict: last_reviewed + 12 months < today, i.e. due by yesterday.
    return queryset.filter(last_reviewed__lte=_latest_reviewed_date_due(months, today - datetime.timedelta(days=1)))


def _patch_revision(revision, today):
    if revision is not None and revision.content.get("last_reviewed") != today.isoformat():
        revision.content["last_reviewed"] = today.isoformat()
        revision.save(update_fields=["content"])


@transaction.atomic
def confirm_still_correct(service, user, today=None):
    """Record that `user` checked `service` today, without touching any other content.

    A live listing with nothing pending gets a new revision that differs from the approved live one
    only in the date, published at once: the same content the directory team approved stays live,
    Wagtail's publish signal refreshes the search index, and nothing unapproved goes out.
    A listing with changes waiting (a draft, or in moderation) keeps them waiting: the date is set
    on the live row, the live revision and the pending revision, so publishing the draft later
    does not bring the old date back.
    """
    today = today or timezone.localdate()
    service = ServicePage.objects.get(pk=service.pk)
    if service.live and not service.has_unpublished_changes and not service.workflow_in_progress:
        service.last_reviewed = today
        revision = service.save_revision(user=user, clean=False, log_action=False)
        # Permission checks are skipped on purpose: the content is the approved live content.
        revision.publish(user=user, log_action=False, skip_permission_checks=True)
    else:
        ServicePage.objects.filter(pk=service.pk).update(last_reviewed=today)
        _patch_revision(service.live_revision, today)
        if service.latest_revision_id != service.live_revision_id:
            _patch_revision(service.latest_revision, today)
        revision = service.latest_revision
    service.refresh_from_db()
    log(instance=service, action=STILL_CORRECT_ACTION, user=user, revision=revision, content_changed=False)
    return service


@receiver(page_published, sender=ServicePage, dispatch_uid="providers_approved_edit_counts_as_a_check")
def approved_edit_counts_as_a_check(sender, instance, revision=None, **kwargs):
    """A provider's edit going live (approved, or published by a trusted provider) is a check of the listing.

    Set on the instance being published too: the search index's receiver runs after this one (app order)
    and indexes the same object. Edits by the directory team are not a provider's check.
    """
    if revision is None or revision.user is None or is_directory_team(revision.user):
        return
    today = timezone.localdate()
    if instance.last_reviewed and instance.last_reviewed >= today:
        return
    instance.last_reviewed = today
    ServicePage.objects.filter(pk=instance.pk).update(last_reviewed=today)
    _patch_revision(revision, today)
