"""Keeping the duplicate keys current when a listing is published outside a feed run (keys go with the page)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from directory.feeds import duplicates
from directory.models import ServicePage


@receiver(page_published, sender=ServicePage)
def refresh_duplicate_keys(sender, instance, **kwargs):
    duplicates.refresh_keys([instance.pk])
