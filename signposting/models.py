"""What the public sends the directory team: problems with a listing and suggested services (never who sent them)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """A suggested service's status (reports about listings have their own, ListingReport.Status)."""

    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class ListingReport(models.Model):
    """Someone said a listing is wrong. Anonymous by design: no name, email or IP address is kept.

    Its status moves new → with the provider → fixed or rejected; who moved it and when is in Wagtail's
    log (signposting/report_status.py). A provider's "fixed" sets `needs_check`: the team's task to look.
    """

    class Reason(models.TextChoices):
        OUT_OF_DATE = "out_of_date", _("The information is out of date")
        CLOSED = "closed", _("The service has closed")
        WRONG_CONTACT = "wrong_contact", _("The phone number, email, website or address is wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        WITH_PROVIDER = "with_provider", _("With the provider")
        FIXED = "fixed", _("Fixed")
        REJECTED = "rejected", _("Rejected")

    OPEN_STATUSES = (Status.NEW, Status.WITH_PROVIDER)

    service = models.ForeignKey(
        "directory.ServicePage", on_delete=models.CASCADE, related_name="listing_reports", verbose_name=_("service")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    resolved_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    needs_check = models.BooleanField(
        _("the team should check the listing"),
        default=False,
        help_text=_("Set when the provider marks it fixed; untick once you have checked the listing."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report about a listing")
        verbose_name_plural = _("reports about listings")

    def __str__(self):
        return f"{self.service.title}: {self.get_reason_display()}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def save(self, *args, **kwargs):
        # Keep when it was closed (fixed or rejected) without asking the team to type a date.
        if not self.is_open and self.resolved_at is None:
            self.resolved_at = timezone.now()
        elif self.is_open:
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
