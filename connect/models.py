"""A request to be contacted, sent by a family or by a professional with the family's consent.

Everything that says who the family is or what they need is in EncryptedTextField columns; the rest
(service, status, dates, the chosen way of contact) is what the service, the audit and the
commissioners' counts need, and says nothing about the person on its own.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from connect.fields import EncryptedTextField

# No 0/O, 1/I/L: a code read out on the phone is not misheard. 31**8 is about 8.5e11 codes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_reference():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def secret_hash(secret):
    # The secret is 32 random bytes, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ContactRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=ContactRequest.OPEN_STATUSES)


class ContactRequest(models.Model):
    class Kind(models.TextChoices):
        FAMILY = "family", _("Asked by the family")
        REFERRAL = "referral", _("Referred by a professional")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        SEEN = "seen", _("Seen")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        EMAIL = "email", _("Email")

    class ConsentMethod(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("On the phone")
        WRITING = "writing", _("In writing")

    OPEN_STATUSES = (Status.SENT, Status.SEEN, Status.ACCEPTED)
    FINISHED_STATUSES = (Status.DECLINED, Status.CLOSED)

    service = models.ForeignKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="contact_requests", verbose_name=_("service")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FAMILY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SENT, db_index=True)
    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)

    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    seen_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    responded_at = models.DateTimeField(_("accepted or declined"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    finished_at = models.DateTimeField(_("declined or closed"), null=True, blank=True, db_index=True)

    # How to reach the family.
    name = EncryptedTextField(_("name"))
    contact_method = models.CharField(_("how to contact them"), max_length=10, choices=ContactMethod.choices)
    phone = EncryptedTextField(_("phone"), blank=True)
    email = EncryptedTextField(_("email"), blank=True)
    best_times = EncryptedTextField(_("best times to contact"), blank=True)
    safe_to_leave_message = models.BooleanField(_("safe to leave a message"), default=False)
    help_wanted = EncryptedTextField(_("what they would like help with"))
    consent_to_share = models.BooleanField(_("consent to share with the service"), default=False)
    send_updates = models.BooleanField(_("send the family updates"), default=False)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)

    # A professional's referral: who referred, why, and the family's consent (who gave it, when, how).
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    professional_name = EncryptedTextField(_("professional's name"), blank=True)
    professional_role = EncryptedTextField(_("professional's role and organisation"), blank=True)
    professional_phone = EncryptedTextField(_("professional's phone"), blank=True)
    professional_email = EncryptedTextField(_("professional's email"), blank=True)
    referral_reason = EncryptedTextField(_("reason for the referral"), blank=True)
    consent_given_by = EncryptedTextField(_("consent given by"), blank=True)
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    consent_method = models.CharField(_("consent given"), max_length=10, choices=ConsentMethod.choices, blank=True)

    # The referral's fields above: the professional's form fills them, a subject access export gives them back.
    REFERRAL_FIELDS = (
        "professional_name",
        "professional_role",
        "professional_phone",
        "professional_email",
        "referral_reason",
        "consent_given_by",
        "consent_date",
        "consent_method",
    )

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to be contacted")
        verbose_name_plural = _("requests to be contacted")

    def __str__(self):
        # Shown in the audit log: the reference only, never the person.
        return self.reference

    @classmethod
    def start(cls, **fields):
        """A new request with a unique reference; returns (request, secret) — the secret is never stored."""
        secret = secrets.token_urlsafe(32)
        request = cls(secret_hash=secret_hash(secret), **fields)
        while True:
            request.reference = new_reference()
            if not cls.objects.filter(reference=request.reference).exists():
                break
        request.save()
        return request, secret

    def secret_matches(self, secret):
        return constant_time_compare(self.secret_hash, secret_hash(secret))

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def organisation(self):
        return self.service.get_parent().specific

    def mark_seen(self, now=None):
        if self.status == self.Status.SENT:
            self.status = self.Status.SEEN
            self.seen_at = now or timezone.now()
            self.save(update_fields=["status", "seen_at"])
            return True
        return False

    def respond(self, status, reason="", now=None):
        """Accept, decline (with the reason the family will see) or close; returns False if not allowed."""
        now = now or timezone.now()
        allowed = {
            self.Status.ACCEPTED: (self.Status.SENT, self.Status.SEEN),
            self.Status.DECLINED: (self.Status.SENT, self.Status.SEEN, self.Status.ACCEPTED),
            self.Status.CLOSED: (self.Status.SENT, self.Status.SEEN, self.Status.ACCEPTED),
        }
        if self.status not in allowed.get(status, ()):
            return False
        self.seen_at = self.seen_at or now
        if status in (self.Status.ACCEPTED, self.Status.DECLINED):
            self.responded_at = self.responded_at or now
        if status == self.Status.ACCEPTED:
            self.accepted_at = now
        if status in self.FINISHED_STATUSES:
            self.finished_at = now
        if status == self.Status.DECLINED:
            self.decline_reason = reason
        self.status = status
        self.save()
        return True
