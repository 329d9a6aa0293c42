"""Wagtail's publish, unpublish, delete and move signals keep the index current; plain saves (drafts) do not.

An edited synonym group is read afresh by the next search, and Elasticsearch's synonyms set is replaced
(it reloads its search analysers: no rebuild).
"""

import logging

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.exchange.oruk_bulk import services_published
from directory.models import OrganisationPage, ServicePage
from directory.topics import TopicName
from directory.translations import ServiceTranslationPage
from search import indexing, text
from search.models import SynonymGroup

# Topic names in other languages are synonyms too (search.text.synonym_groups).
for _model in (SynonymGroup, TopicName):
    post_save.connect(text.forget_synonyms, sender=_model, dispatch_uid=f"forget_synonyms_on_save_{_model.__name__}")
    post_delete.connect(
        text.forget_synonyms, sender=_model, dispatch_uid=f"forget_synonyms_on_delete_{_model.__name__}"
    )

logger = logging.getLogger("earlyhelp.search")


@receiver(post_save, sender=SynonymGroup, dispatch_uid="synonyms_to_elasticsearch_on_save")
@receiver(post_delete, sender=SynonymGroup, dispatch_uid="synonyms_to_elasticsearch_on_delete")
@receiver(post_save, sender=TopicName, dispatch_uid="topic_names_to_elasticsearch_on_save")
@receiver(post_delete, sender=TopicName, dispatch_uid="topic_names_to_elasticsearch_on_delete")
def synonyms_changed(sender, **kwargs):
    # Connected after forget_synonyms, so the set is made from the groups as saved.
    for backend in indexing.backends():
        if hasattr(backend, "put_synonyms"):
            try:
                backend.put_synonyms()
            except Exception:
                # An editor's save must not fail for a search outage; rebuild_search_index sends them again.
                logger.exception("Could not send the synonym groups to %s", backend.name)


@receiver(page_published)
@receiver(page_unpublished)
def service_published_or_unpublished(sender, instance, **kwargs):
    page = instance.specific
    if isinstance(page, ServicePage):
        indexing.update_service(page)
    elif isinstance(page, OrganisationPage):
        # The organisation's name is on every card of its services.
        for service in ServicePage.objects.descendant_of(page):
            indexing.update_service(service)
    elif isinstance(page, ServiceTranslationPage):
        indexing.update_translated_service(page)


@receiver(post_delete, sender=ServiceTranslationPage)
def translation_deleted(sender, instance, **kwargs):
    indexing.update_translated_service(instance)


@receiver(services_published, dispatch_uid="index_services_published_in_bulk")
def services_published_in_bulk(sender, pages, **kwargs):
    indexing.add_new_services(pages)


@receiver(post_delete, sender=ServicePage)
def service_deleted(sender, instance, **kwargs):
    indexing.remove_service(instance.pk)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    for service in ServicePage.objects.descendant_of(instance, inclusive=True):
        indexing.update_service(service)
