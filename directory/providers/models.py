"""Provider access models: invitations (stored hashed) and the review reminders already sent."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITE_LIFETIME = datetime.timedelta(days=7)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class ProviderInviteQuerySet(models.QuerySet):
    def for_token(self, token):
        return self.filter(token_hash=hash_token(token)).select_related("organisation").first()


class ProviderInvite(models.Model):
    """An invitation to look after an organisation's listings. Only a hash of the link's token is kept."""

    email = models.EmailField(_("email"))
    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="provider_invites"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProviderInviteQuerySet.as_manager()

    class Meta:
        verbose_name = _("provider invite")
        ordering = ["-created_at"]
        permissions = [
            ("manage_providers", _("Can invite providers, import listings and see the listings to check")),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @classmethod
    def create_for(cls, email, organisation, invited_by=None):
        """A new invite and the raw token for its link; the token itself is never stored."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invite = cls.objects.create(
            email=email,
            organisation=organisation,
            token_hash=hash_token(token),
            invited_by=invited_by,
            created_at=now,
            expires_at=now + INVITE_LIFETIME,
        )
        return invite, token

    @property
    def is_used(self):
        return self.used_at is not None

    @property
    def is_expired(self):
        return timezone.now() >= self.expires_at


class ReviewReminder(models.Model):
    """A reminder sent about one service for one due date, so each due date is reminded once."""

    service = models.ForeignKey("directory.ServicePage", on_delete=models.CASCADE, related_name="review_reminders")
    due_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "due_date"], name="one_reminder_per_due_date")]

    def __str__(self):
        return f"{self.service} due {self.due_date}"
