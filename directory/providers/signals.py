"""When an organisation page is published, its provider groups' publish permission follows `trusted`."""

from django.dispatch import receiver
from wagtail.signals import page_published

from directory.models import OrganisationPage
from directory.providers.access import sync_publish_permission


@receiver(page_published, sender=OrganisationPage)
def organisation_published(sender, instance, **kwargs):
    sync_publish_permission(instance)
