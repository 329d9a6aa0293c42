"""What someone watches, and the digests already sent (one a day, each covering up to a moment)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Watch(models.Model):
    """A person follows a service or an organisation (and so the services under it)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("watch")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "page"], name="one_watch_per_user_and_page")]

    def __str__(self):
        return f"{self.user} watches {self.page}"


class WatchDigest(models.Model):
    """A digest sent to one person on one day; the next one starts where `covered_until` ends."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watch_digests")
    day = models.DateField()
    covered_until = models.DateTimeField()
    changes = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("watch digest")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_watch_digest_per_day")]

    def __str__(self):
        return f"{self.user} {self.day}"
