"""Claims to manage a listing, and their audit trail (ClaimEvent), which outlives the claim without personal data."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.providers.models import hash_token

# The emailed link proves the address; a few days is enough to open an email, short enough to go stale.
CHECK_LINK_LIFETIME = datetime.timedelta(days=3)


class ClaimQuerySet(models.QuerySet):
    def for_token(self, token):
        return self.filter(token_hash=hash_token(token)).select_related("organisation").first()

    def undecided(self):
        return self.filter(status__in=Claim.UNDECIDED)


class Claim(models.Model):
    """Someone asks to manage an organisation's listings. Only a hash of the email link's token is kept."""

    class Status(models.TextChoices):
        AWAITING_EMAIL = "awaiting_email", _("Waiting for them to confirm their email")
        TO_CHECK = "to_check", _("To check")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    UNDECIDED = (Status.AWAITING_EMAIL, Status.TO_CHECK)

    organisation = models.ForeignKey(
        "directory.OrganisationPage", on_delete=models.CASCADE, related_name="claims", verbose_name=_("organisation")
    )
    # The listing they came from, for the team's context; the claim is for the whole organisation.
    service = models.ForeignKey(
        "directory.ServicePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("work email"), max_length=150)
    role = models.CharField(_("role"), max_length=200)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_EMAIL, db_index=True
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("note"), blank=True)
    invite = models.ForeignKey(
        "providers.ProviderInvite", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("claim to manage a listing")
        verbose_name_plural = _("claims to manage a listing")

    def __str__(self):
        # Never the person: this label is what the audit shows after the claim is purged.
        return f"Claim #{self.pk} for {self.organisation.title}"

    def new_check_token(self):
        """Set a fresh single-use link token (stored hashed) and return the raw token for the email."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        self.token_expires_at = timezone.now() + CHECK_LINK_LIFETIME
        return token

    @property
    def email_confirmed(self):
        return self.email_confirmed_at is not None

    @property
    def is_decided(self):
        return self.status in (self.Status.APPROVED, self.Status.REFUSED)

    @property
    def last_activity(self):
        return self.decided_at or self.created_at


class ClaimEvent(models.Model):
    """One step of a claim, with who took it. Kept after the claim is purged: it holds no personal data."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("Claim received")
        CHECK_EMAIL_SENT = "check_email_sent", _("Email check sent")
        NOT_ON_DOMAIN = "not_on_domain", _("Email not on the listing's domain: check by hand")
        EMAIL_CONFIRMED = "email_confirmed", _("Email confirmed")
        APPROVED = "approved", _("Approved: invite sent")
        REFUSED = "refused", _("Refused")
        LINK_EXPIRED = "link_expired", _("Expired email link used")
        LINK_USED = "link_used", _("Email link used again")
        LINK_UNKNOWN = "link_unknown", _("Unknown email link used")
        ALREADY_MANAGED = "already_managed", _("Refused: the listing is already managed")
        ALREADY_MEMBER = "already_member", _("Refused: they already look after this listing")
        PURGED = "purged", _("Deleted after the retention period")

    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    organisation = models.ForeignKey(
        "directory.OrganisationPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as a number too, so the trail still says which claim once the row is gone.
    claim_number = models.PositiveIntegerField(null=True, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

    @classmethod
    def record(cls, action, claim=None, organisation=None, actor=None):
        return cls.objects.create(
            action=action,
            claim=claim,
            claim_number=claim.pk if claim else None,
            organisation=organisation or (claim.organisation if claim else None),
            actor=actor if actor is not None and actor.is_authenticated else None,
        )
