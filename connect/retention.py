"""How long requests are kept: CONNECT_RETENTION_DAYS after they are declined or closed, then deleted."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from connect import audit
from connect.models import ContactRequest

BATCH = 500


def due_for_deletion(now=None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.CONNECT_RETENTION_DAYS)
    return ContactRequest.objects.filter(status__in=ContactRequest.FINISHED_STATUSES, finished_at__lte=cutoff)


def purge(now=None):
    """Delete every request past its retention period; returns how many. Safe to run again: the next run finds none."""
    deleted = 0
    while True:
        batch = list(due_for_deletion(now).order_by("pk")[:BATCH])
        if not batch:
            return deleted
        with transaction.atomic():
            for contact_request in batch:
                audit.record(contact_request, audit.PURGED, deleted=True)
            ContactRequest.objects.filter(pk__in=[contact_request.pk for contact_request in batch]).delete()
        deleted += len(batch)
