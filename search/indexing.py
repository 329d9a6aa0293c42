"""Keeping the index current: which services belong in it, and the calls the signals make."""

import logging

from django.db import transaction
from django.db.models import Prefetch

from directory.models import ServicePage
from directory.translations import ServiceTranslationPage
from search.backends import get_search_backend
from search.documents import service_document

logger = logging.getLogger("earlyhelp.search")


def published_services():
    """Every service the public can see, with what the index needs fetched in a few queries."""
    return (
        ServicePage.objects.live()
        .public()
        .prefetch_related(
            "locations",
            "schedules__term_dates__terms",
            "outcomes",
            "need_levels",
            "age_bands",
            "districts",
            "districts_served",
            "topics",
            "locations__access_features",
            "send_needs",
            Prefetch("language_versions", queryset=ServiceTranslationPage.objects.live().select_related("locale")),
        )
        .order_by("pk")
    )


def backends():
    """The backends whose indexes are kept: the configured one's (with a fallback, both)."""
    return get_search_backend().indexes()


def update_service(page):
    update_service_id(page.pk)


def update_service_id(service_id):
    service = published_services().filter(pk=service_id).first()
    for backend in backends():
        try:
            if service is None:
                backend.remove(service_id)
            else:
                backend.index(service)
        except Exception:
            # A search outage must not stop an editor publishing; rebuild_search_index repairs it.
            logger.exception("Could not update the %s search index for service %s", backend.name, service_id)


def update_translated_service(translation):
    """A translation published, withdrawn or deleted: its service's words in the index change, nothing else."""
    if translation.service_id is not None:
        update_service_id(translation.service_id)


def add_new_services(pages):
    """Index services published for the first time, many at once (a feed import's batch): a few queries for the
    batch where the backend writes in bulk, instead of a dozen a service. `pages` are the ServicePages as saved,
    their inline rows, tags and parent still in memory, so their documents are made without reading them back."""
    # Only what published_services() would give: live, and not behind a privacy restriction.
    given = [page.pk for page in pages]
    public = set(ServicePage.objects.live().public().filter(pk__in=given).values_list("pk", flat=True))
    services = [page for page in pages if page.pk in public]
    for backend in backends():
        try:
            # A savepoint: a failed index write must not break the import's transaction.
            with transaction.atomic():
                if hasattr(backend, "write_documents"):
                    backend.write_documents([service_document(service) for service in services])
                else:
                    for service in services:
                        backend.index(service)
        except Exception:
            logger.exception("Could not add %s new services to the %s search index", len(services), backend.name)


def remove_service(page_id):
    for backend in backends():
        try:
            backend.remove(page_id)
        except Exception:
            logger.exception("Could not remove service %s from the %s search index", page_id, backend.name)


def rebuild_all():
    return {backend.name: backend.rebuild(published_services()) for backend in backends()}
