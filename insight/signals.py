"""Keeps the counted services and searches current: Wagtail's publish, unpublish, move and delete signals,
page view restrictions, and the search log's own saves and deletes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.exchange.oruk_bulk import services_published
from directory.models import ServicePage
from insight import counted
from search.models import SearchLogEntry


@receiver(page_published, dispatch_uid="insight_count_published")
@receiver(page_unpublished, dispatch_uid="insight_count_unpublished")
def published_or_unpublished(sender, instance, **kwargs):
    if issubclass(sender, ServicePage):
        counted.refresh_services([instance.pk])


@receiver(services_published, dispatch_uid="insight_count_published_in_bulk")
def published_in_bulk(sender, pages, **kwargs):
    # A feed import's batch publishes without page_published (directory/exchange/oruk_bulk.py).
    counted.refresh_services([page.pk for page in pages])


@receiver(post_page_move, dispatch_uid="insight_count_moved")
def moved(sender, instance, **kwargs):
    # A service moved to another provider, or into or out of a private section.
    counted.refresh_under(instance)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="insight_count_restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="insight_count_unrestricted")
def restriction_changed(sender, instance, **kwargs):
    counted.refresh_under(instance.page)


# A deleted service's row goes with it (on_delete=CASCADE): no receiver needed.


@receiver(post_save, sender=SearchLogEntry, dispatch_uid="insight_count_search")
def search_logged(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        counted.count_search(instance)


@receiver(post_delete, sender=SearchLogEntry, dispatch_uid="insight_uncount_search")
def search_forgotten(sender, instance, **kwargs):
    counted.uncount_search(instance)
