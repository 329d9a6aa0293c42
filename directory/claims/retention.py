"""How long claims are kept: CLAIM_RETENTION_DAYS after they were decided (or asked, if never decided)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from directory.claims.models import Claim, ClaimEvent

BATCH = 500


def due_for_deletion(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.CLAIM_RETENTION_DAYS)
    return Claim.objects.filter(Q(decided_at__lte=cutoff) | Q(decided_at__isnull=True, created_at__lte=cutoff))


def purge(now=None):
    """Delete every claim past its retention period; returns how many. The audit keeps the steps, not the person."""
    deleted = 0
    while True:
        batch = list(due_for_deletion(now).select_related("organisation").order_by("pk")[:BATCH])
        if not batch:
            return deleted
        with transaction.atomic():
            for claim in batch:
                ClaimEvent.record(ClaimEvent.Action.PURGED, claim=claim)
            Claim.objects.filter(pk__in=[claim.pk for claim in batch]).delete()
        deleted += len(batch)
