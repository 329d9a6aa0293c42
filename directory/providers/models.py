"""Provider access models: invitations (stored hashed), review reminders already sent, closures asked for."""

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


class ReminderStage(models.IntegerChoices):
    """The escalation of a review reminder; the numbers order the stages."""

    BEFORE = 1, _("before the check is due")
    DUE = 2, _("on the day the check is due")
    AFTER = 3, _("after the check was due")


class ReviewReminder(models.Model):
    """A reminder stage sent about one service for one due date, so each stage of a review cycle is sent once.

    The due date names the cycle: a new check moves it, and the stages start again.
    """

    service = models.ForeignKey("directory.ServicePage", on_delete=models.CASCADE, related_name="review_reminders")
    due_date = models.DateField()
    # Rows from before the escalation were the one reminder on the due date.
    stage = models.PositiveSmallIntegerField(choices=ReminderStage.choices, default=ReminderStage.DUE)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "due_date", "stage"], name="one_reminder_per_stage_and_due_date")
        ]

    def __str__(self):
        return f"{self.service} due {self.due_date} ({self.get_stage_display()})"


class UndeliverableAddress(models.Model):
    """An email address mail cannot reach (Notify's permanent-failure, or marked by the team): reminders skip it."""

    email = models.EmailField(_("email"), unique=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("undeliverable address")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class ClosureRequest(models.Model):
    """A provider said "this service has closed"; the directory team approves (unpublish) or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the directory team")
        APPROVED = "approved", _("Approved: unpublished")
        DECLINED = "declined", _("Declined")

    service = models.ForeignKey("directory.ServicePage", on_delete=models.CASCADE, related_name="closure_requests")
    reason = models.TextField(_("why it has closed"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note to the provider"), blank=True)

    class Meta:
        verbose_name = _("closure request")
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"], condition=models.Q(status="pending"), name="one_pending_closure_per_service"
            )
        ]

    def __str__(self):
        return f"{self.service} closed? ({self.get_status_display()})"
