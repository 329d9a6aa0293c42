"""Feeds as content: the feeds the directory team registers, each run's outcome, and which services a feed owns."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import OrganisationPage, ServicePage

# Kept in a run's history: enough to see what is wrong, never a whole broken feed.
ERRORS_KEPT = 100


class Feed(models.Model):
    """An Open Referral UK feed the directory aggregates on a schedule."""

    class Organisations(models.TextChoices):
        FEEDS_OWN = "feed", _("Use the feed's own organisations")
        ONE = "one", _("Put every service under one organisation")

    class Publishing(models.TextChoices):
        PUBLISH = "publish", _("Publish straight away")
        MODERATE = "moderate", _("Send to the directory team for moderation")

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("How the directory team knows it."))
    url = models.URLField(
        _("feed address"),
        max_length=500,
        help_text=_("The Open Referral UK services endpoint, for example https://example.org/api/services."),
    )
    publisher = models.CharField(
        _("publisher"), max_length=150, help_text=_("Shown on each service's page: where its information comes from.")
    )
    publisher_url = models.URLField(_("publisher's website"), max_length=500, blank=True)
    organisations = models.CharField(
        _("organisations"), max_length=10, choices=Organisations.choices, default=Organisations.FEEDS_OWN
    )
    organisation = models.ForeignKey(
        OrganisationPage,
        verbose_name=_("the one organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only when every service goes under one organisation."),
    )
    publishing = models.CharField(
        _("new and changed services"), max_length=10, choices=Publishing.choices, default=Publishing.MODERATE
    )
    every_hours = models.PositiveSmallIntegerField(
        _("run every (hours)"), default=24, validators=[MinValueValidator(1)]
    )
    next_due = models.DateTimeField(_("next run due"), default=timezone.now)
    active = models.BooleanField(_("run on schedule"), default=True)
    last_run = models.ForeignKey(
        "feeds.FeedRun", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("feed")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.organisations == self.Organisations.ONE and self.organisation_id is None:
            raise ValidationError({"organisation": _("Choose the organisation every service goes under.")})

    @property
    def publishes(self) -> bool:
        return self.publishing == self.Publishing.PUBLISH

    def schedule_next(self, now):
        self.next_due = now + datetime.timedelta(hours=self.every_hours)


class FeedRun(models.Model):
    """One run of a feed, kept as history: what it found and what it changed."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", _("Schedule")
        ADMIN = "admin", _("Run now")

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="runs")
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULE)
    triggered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration = models.FloatField(default=0)
    available = models.BooleanField(default=False, help_text=_("The address answered."))
    valid = models.BooleanField(default=False, help_text=_("What it answered was Open Referral UK we could read."))
    complete = models.BooleanField(default=False, help_text=_("Every page was read and nothing failed."))
    services_in = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    restored = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    failure = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["feed", "-started_at"])]

    def __str__(self):
        return f"{self.feed} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def succeeded(self) -> bool:
        return self.complete and not self.failure


class FeedListing(models.Model):
    """A service that comes from a feed: the feed owns its core fields and confirms it on every run."""

    service = models.OneToOneField(ServicePage, on_delete=models.CASCADE, related_name="feed_listing")
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="listings")
    first_seen = models.DateTimeField(default=timezone.now)
    last_confirmed = models.DateTimeField(default=timezone.now, db_index=True)
    # Set when a complete run no longer listed it: the revision to bring back if it reappears.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_revision_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["feed", "last_confirmed"])]

    def __str__(self):
        return f"{self.service_id} from {self.feed}"


class FeedLock(models.Model):
    """A lock with an expiry, one row per name: two runs of a feed never overlap, and a crashed run's lock lapses."""

    name = models.CharField(max_length=100, primary_key=True)
    holder = models.CharField(max_length=64)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} until {self.expires_at:%Y-%m-%d %H:%M}"


class DuplicateKey(models.Model):
    """A normalised way of recognising a service (name and postcode, phone, email, website), grouped in SQL."""

    class Kind(models.TextChoices):
        NAME_POSTCODE = "name_postcode", _("Same name and postcode")
        PHONE = "phone", _("Same phone")
        EMAIL = "email", _("Same email")
        WEBSITE = "website", _("Same website")

    service = models.ForeignKey(ServicePage, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=300)
    # Where the listing comes from ("feed:3", or "org:12" for a local listing): pairs from one source are not
    # duplicates (an organisation's services share its phone and website).
    source = models.CharField(max_length=30)

    class Meta:
        # Covering the GROUP BY: the report reads the index, never the table.
        indexes = [models.Index(fields=["kind", "value", "source", "service"])]

    def __str__(self):
        return f"{self.kind}: {self.value}"
