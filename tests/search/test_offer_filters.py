"""Issue 13's filters read from the URL and written into each backend's request: ?access=, ?send=, ?mark=."""

import pytest
from django.http import QueryDict

from search.backends import elasticsearch as es
from search.documents import service_document
from search.forms import SearchForm, query_parameters
from search.query import ServiceQuery
from tests.offer.conftest import needs, publish, site

pytestmark = pytest.mark.django_db


def form(query_string):
    bound = SearchForm(QueryDict(query_string))
    bound.is_valid()
    return bound


def test_the_parameters_become_the_query_in_the_vocabularies_spelling():
    query = form("access=STEP_FREE,hearing_loop&send=autism&send=physical&mark=family_hub").to_query()
    assert query.access_features == ("step_free", "hearing_loop")
    assert query.send_needs == ("autism", "physical")
    assert query.marks == ("family_hub",)
    assert query.filters == {
        "access_features": ("step_free", "hearing_loop"),
        "send_needs": ("autism", "physical"),
        "marks": ("family_hub",),
    }


def test_the_parameters_are_written_back_for_links():
    query = ServiceQuery(access_features=("step_free",), send_needs=("autism",), marks=("start_for_life",))
    assert query_parameters(query) == [("access", "step_free"), ("send", "autism"), ("mark", "start_for_life")]


@pytest.mark.parametrize(
    ("parameter", "noun"),
    [("access", "accessibility feature"), ("send", "special educational need"), ("mark", "programme")],
)
def test_an_unknown_code_is_a_polite_error_naming_it(parameter, noun):
    bound = form(f"{parameter}=lift")
    assert not bound.is_valid()
    message = str(bound.errors[parameter][0])
    assert message.startswith(f"“lift” is not a known {noun}. Use one of:")


def test_the_elasticsearch_request_needs_every_code_chosen():
    query = ServiceQuery(access_features=("step_free", "hearing_loop"), send_needs=("autism",), marks=("family_hub",))
    filters = [clause.to_dict() for clause in es.plain_filters(query)]
    for clause in (
        {"term": {"access_features": "step_free"}},
        {"term": {"access_features": "hearing_loop"}},
        {"term": {"send_needs": "autism"}},
        {"term": {"marks": "family_hub"}},
    ):
        assert clause in filters


@pytest.mark.parametrize("field", ["access_features", "send_needs", "marks"])
def test_the_elasticsearch_mapping_keeps_the_codes_as_keywords(field):
    assert es.index_body()["mappings"]["properties"][field] == {"type": "keyword"}


def test_a_services_document_holds_its_sites_features_needs_and_marks():
    from directory.factories import ServicePageFactory

    service = ServicePageFactory(
        locations=[
            site("Worthing Library", "BN11 1HS", "Worthing", ["step_free"]),
            site("Lancing Parish Hall", "BN15 8AJ", "Lancing", ["hearing_loop", "step_free"]),
        ],
        family_hub=True,
        start_for_life=True,
    )
    service.send_needs.set(needs("medical"))
    document = service_document(publish(service))
    assert document["access_features"] == ["hearing_loop", "step_free"]
    assert document["send_needs"] == ["medical"]
    assert document["marks"] == ["family_hub", "start_for_life"]
    assert document["card"]["marks"] == ["family_hub", "start_for_life"]
    source = es.service_source(document)
    assert (source["access_features"], source["send_needs"], source["marks"]) == (
        ["hearing_loop", "step_free"],
        ["medical"],
        ["family_hub", "start_for_life"],
    )
