"""Rebuilds lose nothing, first starts make one index, synonyms reach the cluster without a rebuild (issue 19 4, 5)."""

import json

import pytest
from django.test import override_settings

from directory.factories import ServicePageFactory
from search.backends.elasticsearch import ElasticsearchSearchBackend
from search.indexing import published_services
from search.models import SynonymGroup
from tests.search import test_elasticsearch_queries as queries
from tests.search.test_elasticsearch_queries import ALIAS, _requests

stand_in, bulk_ok = queries.stand_in, queries.bulk_ok
BUILDING = f"{ALIAS}-building"


@pytest.mark.django_db
def test_a_publish_during_a_rebuild_reaches_the_index_being_filled_too(stand_in):
    stand_in.script.insert(0, ("GET", f"/_alias/{BUILDING}", 200, {f"{ALIAS}-new": {"aliases": {BUILDING: {}}}}))
    service = ServicePageFactory()
    ElasticsearchSearchBackend().index(published_services().get(pk=service.pk))
    written = [path for path, _ in _requests(stand_in, "PUT") if "/_doc/" in path]
    assert written == [f"/{ALIAS}/_doc/{service.pk}?refresh=true", f"/{ALIAS}-new/_doc/{service.pk}?refresh=true"]


def test_an_unpublish_during_a_rebuild_reaches_the_index_being_filled_too(stand_in):
    stand_in.script.insert(0, ("GET", f"/_alias/{BUILDING}", 200, {f"{ALIAS}-new": {"aliases": {BUILDING: {}}}}))
    ElasticsearchSearchBackend().remove(42)
    assert [path for path, _ in _requests(stand_in, "DELETE")] == [
        f"/{ALIAS}/_doc/42?refresh=true",
        f"/{ALIAS}-new/_doc/42?refresh=true",
    ]


@pytest.mark.django_db
def test_the_bulk_load_never_overwrites_what_a_publish_put_there(stand_in):
    # A 409 for a document a publish created first: the publish's newer one stands, and that is no failure.
    conflict = {"errors": True, "items": [{"create": {"_id": "1", "status": 409, "error": {"type": "conflict"}}}]}
    stand_in.script.insert(0, ("PUT", "/_bulk", 200, conflict))
    stand_in.script.insert(0, ("POST", "/_bulk", 200, conflict))
    ServicePageFactory()
    assert ElasticsearchSearchBackend().rebuild(published_services()) == 1
    assert [r for r in _requests(stand_in, "POST") if r[0].startswith("/_aliases")]


@pytest.mark.django_db
def test_a_service_unpublished_while_the_rebuild_ran_is_deleted_before_the_swap(bulk_ok):
    kept, gone = ServicePageFactory(), ServicePageFactory()
    services = list(published_services())
    gone.unpublish()
    ElasticsearchSearchBackend().rebuild(services)
    deleted = [path.split("?")[0] for path, _ in _requests(bulk_ok, "DELETE")]
    assert any(path.endswith(f"/_doc/{gone.pk}") for path in deleted)
    assert not any(path.endswith(f"/_doc/{kept.pk}") for path in deleted)


@pytest.mark.django_db
def test_a_rebuild_that_fails_for_another_reason_fails(stand_in):
    failed = {"errors": True, "items": [{"create": {"_id": "1", "status": 400, "error": {"type": "mapper_parsing"}}}]}
    stand_in.script.insert(0, ("PUT", "/_bulk", 200, failed))
    stand_in.script.insert(0, ("POST", "/_bulk", 200, failed))
    ServicePageFactory()
    with pytest.raises(Exception, match="bulk load failed"):
        ElasticsearchSearchBackend().rebuild(published_services())
    assert not [r for r in _requests(stand_in, "POST") if r[0].startswith("/_aliases")]


@pytest.mark.django_db
def test_a_second_first_start_uses_the_index_the_first_made(stand_in):
    stand_in.script.insert(0, ("HEAD", f"/{ALIAS}", 404, {}))
    exists = {"error": {"type": "resource_already_exists_exception", "reason": "exists"}, "status": 400}
    stand_in.script.insert(0, ("PUT", f"/{ALIAS}-first", 400, exists))
    service = ServicePageFactory()
    ElasticsearchSearchBackend().index(published_services().get(pk=service.pk))
    assert f"/{ALIAS}/_doc/{service.pk}?refresh=true" in [path for path, _ in _requests(stand_in, "PUT")]


@pytest.mark.django_db
def test_a_first_start_refused_for_another_reason_is_not_hidden(stand_in):
    stand_in.script.insert(0, ("HEAD", f"/{ALIAS}", 404, {}))
    refused = {"error": {"type": "illegal_argument_exception", "reason": "bad"}, "status": 400}
    stand_in.script.insert(0, ("PUT", f"/{ALIAS}-first", 400, refused))
    service = ServicePageFactory()
    with pytest.raises(Exception, match="illegal_argument_exception"):
        ElasticsearchSearchBackend().index(published_services().get(pk=service.pk))


FALLBACK_BACKENDS = {
    "default": {"BACKEND": "search.backends.fallback", "PRIMARY": "elasticsearch", "FALLBACK": "database"},
    "database": {"BACKEND": "search.backends.database"},
    "elasticsearch": {"BACKEND": "search.backends.elasticsearch"},
}


@pytest.mark.django_db
def test_saving_a_synonym_group_replaces_the_clusters_synonyms_set(stand_in):
    with override_settings(SEARCH_BACKENDS=FALLBACK_BACKENDS):
        SynonymGroup.objects.create(phrases="toddler group, stay and play")
    ((path, body),) = [r for r in _requests(stand_in, "PUT") if r[0].startswith("/_synonyms/")]
    assert path == f"/_synonyms/{ALIAS}-synonyms"
    assert "toddler group, stay and play" in [rule["synonyms"] for rule in json.loads(body)["synonyms_set"]]
    # No rebuild: no index was made.
    assert not [r for r in _requests(stand_in, "PUT") if r[0].startswith(f"/{ALIAS}-")]


@pytest.mark.django_db
def test_deleting_a_synonym_group_takes_it_out_of_the_set(stand_in):
    group = SynonymGroup.objects.create(phrases="kinship care, grandparents raising")
    with override_settings(SEARCH_BACKENDS=FALLBACK_BACKENDS):
        group.delete()
    (body,) = [body for path, body in _requests(stand_in, "PUT") if path.startswith("/_synonyms/")]
    assert "kinship care, grandparents raising" not in [rule["synonyms"] for rule in json.loads(body)["synonyms_set"]]


@pytest.mark.django_db
def test_a_synonym_edit_is_saved_even_without_a_cluster(closed_port_url, search_log):
    with override_settings(ELASTICSEARCH_URL=closed_port_url, SEARCH_BACKENDS=FALLBACK_BACKENDS):
        SynonymGroup.objects.create(phrases="no food, food bank")
    assert SynonymGroup.objects.filter(phrases="no food, food bank").exists()
    assert "Could not send the synonym groups" in search_log.text
