"""App config for the landing page."""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
