"""Keeping the duplicate keys current when a listing is published outside a feed run (keys go with the page)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from directory.exchange.oruk_bulk import services_published
from directory.feeds import duplicates
from directory.models import ServicePage


@receiver(page_published, sender=ServicePage)
def refresh_duplicate_keys(sender, instance, **kwargs):
    duplicates.refresh_keys([instance.pk])


@receiver(services_published, dispatch_uid="duplicate_keys_for_services_published_in_bulk")
def refresh_duplicate_keys_in_bulk(sender, pages, **kwargs):
    duplicates.refresh_keys([page.pk for page in pages])
