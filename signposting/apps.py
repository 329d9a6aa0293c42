"""App config for signposting: shortlists, posters, reports from the public, safe browsing."""

from django.apps import AppConfig


class SignpostingConfig(AppConfig):
    name = "signposting"
