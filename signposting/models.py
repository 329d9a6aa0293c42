"""What the public sends the directory team: problems with a listing and suggested services (never who sent them)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class ListingReport(models.Model):
    """Someone said a listing is wrong. Anonymous by design: no name, email or IP address is kept."""

    class Reason(models.TextChoices):
        OUT_OF_DATE = "out_of_date", _("The information is out of date")
        CLOSED = "closed", _("The service has closed")
        WRONG_CONTACT = "wrong_contact", _("The phone number, email, website or address is wrong")
        OTHER = "other", _("Something else")

    service = models.ForeignKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="listing_reports", verbose_name=_("service")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report about a listing")
        verbose_name_plural = _("reports about listings")

    def __str__(self):
        return f"{self.service.title}: {self.get_reason_display()}"

    def save(self, *args, **kwargs):
        # Keep when it was resolved without asking the team to type a date.
        if self.status == Status.RESOLVED and self.resolved_at is None:
            self.resolved_at = timezone.now()
        elif self.status == Status.OPEN:
            self.resolved_at = None
        return super().save(*args, **kwargs)


class ServiceSuggestion(models.Model):
    """A service someone suggested; its content waits as a draft ServicePage for the directory team."""

    service = models.ForeignKey(
        "directory.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        verbose_name=_("draft service"),
    )
    name = models.CharField(_("service name"), max_length=255)
    organisation_name = models.CharField(_("who runs it"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("suggested at"), default=timezone.now, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggested service")
        verbose_name_plural = _("suggested services")

    def __str__(self):
        return self.name
