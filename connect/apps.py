"""Requests to be contacted and professional referrals: the app's configuration."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectConfig(AppConfig):
    name = "connect"
    verbose_name = _("Requests to be contacted")
    default_auto_field = "django.db.models.BigAutoField"
