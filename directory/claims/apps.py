"""App config for claiming a listing: "Is this your service?", checking the person, and the audit of each step."""

from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "directory.claims"
    label = "claims"
    verbose_name = "Claims to manage a listing"
