"""A named lock with an expiry in the database: one statement to take it, so it is safe on SQLite and PostgreSQL."""

import contextlib
import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from directory.feeds.models import FeedLock

# Longer than any run should take; a run that crashed without releasing its lock frees it after this.
LOCK_LIFETIME = datetime.timedelta(hours=2)


def acquire(name: str, lifetime: datetime.timedelta = LOCK_LIFETIME) -> str | None:
    """The holder token if we took the lock, None if someone else holds it and it has not expired."""
    holder = uuid.uuid4().hex
    now = timezone.now()
    # An expired lock is taken over by an UPDATE that only one contender can win.
    if FeedLock.objects.filter(name=name, expires_at__lte=now).update(holder=holder, expires_at=now + lifetime):
        return holder
    try:
        with transaction.atomic():
            FeedLock.objects.create(name=name, holder=holder, expires_at=now + lifetime)
    except IntegrityError:
        return None
    return holder


def release(name: str, holder: str):
    FeedLock.objects.filter(name=name, holder=holder).delete()


@contextlib.contextmanager
def held(name: str, lifetime: datetime.timedelta = LOCK_LIFETIME):
    """`with held("feed:3") as holder:` holder is None when the lock is taken elsewhere."""
    holder = acquire(name, lifetime)
    try:
        yield holder
    finally:
        if holder is not None:
            release(name, holder)
