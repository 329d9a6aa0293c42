"""Issue 13's search filters as contract cases: each backend's file subclasses them and sets `backend_name`.

Accessibility (?access=), SEND needs (?send=) and marks (?mark=) each narrow to services having every code
chosen; an accessibility feature counts at any of the service's sites.
"""

from types import SimpleNamespace

import pytest
from django.db import transaction

from directory.factories import OrganisationPageFactory, ServicePageFactory
from search.backends import get_search_backend
from search.indexing import published_services, update_service
from tests.contract.cases import BackendCases, _place
from tests.offer.conftest import needs, site


def _names(results):
    return sorted(item.name for item in results.items)


def build_offer():
    """Three published services around Worthing and one unpublished, with different facts for families."""
    organisation = OrganisationPageFactory(title="Sussex Family Trust")
    hub = ServicePageFactory(
        parent=organisation,
        title="Worthing Family Hub",
        summary="Stay and play, and help for parents.",
        locations=[site("Worthing Library", "BN11 1HS", "Worthing", ["step_free", "hearing_loop", "baby_change"])],
        family_hub=True,
    )
    hub.send_needs.set(needs("autism", "physical"))
    hub.save_revision().publish()
    lancing = ServicePageFactory(
        parent=organisation,
        title="Lancing Baby Group",
        summary="Songs and play for babies.",
        locations=[
            site("Lancing Parish Hall", "BN15 8AJ", "Lancing", ["step_free"]),
            site("Sompting Village Hall", "BN15 0AZ", "Sompting", ["hearing_loop"]),
        ],
        start_for_life=True,
    )
    lancing.send_needs.set(needs("autism"))
    lancing.save_revision().publish()
    plain = ServicePageFactory(parent=organisation, title="Worthing Chess Club", summary="Chess for families.")
    hidden = ServicePageFactory(
        parent=organisation,
        title="Hidden Hub",
        locations=[site("Worthing Library", "BN11 1HS", "Worthing", ["step_free", "changing_places"])],
        family_hub=True,
    )
    hidden.send_needs.set(needs("autism", "medical"))
    hidden.save()
    hidden.unpublish()
    return SimpleNamespace(hub=hub, lancing=lancing, plain=plain, hidden=hidden)


@pytest.mark.django_db
class OfferFilterCases(BackendCases):
    @pytest.fixture(scope="class", autouse=True)
    @classmethod
    def offer(cls, django_db_setup, django_db_blocker):
        """The services, built once for the class and rolled back after it."""
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                data = build_offer()
                get_search_backend(cls.backend_name).rebuild(published_services())
                yield data
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    def test_step_free_access_finds_the_services_with_a_step_free_site(self, backend):
        results = self.search(backend, access_features=("step_free",))
        assert _names(results) == ["Lancing Baby Group", "Worthing Family Hub"]
        assert results.total == 2

    def test_two_features_find_only_services_having_both(self, backend):
        results = self.search(backend, access_features=("step_free", "baby_change"))
        assert _names(results) == ["Worthing Family Hub"]

    def test_a_feature_at_any_site_counts(self, backend):
        # Step-free in Lancing, a hearing loop in Sompting: the service page says which site has which.
        results = self.search(backend, access_features=("step_free", "hearing_loop"))
        assert _names(results) == ["Lancing Baby Group", "Worthing Family Hub"]

    def test_a_feature_no_published_service_has_finds_nothing(self, backend):
        assert self.search(backend, access_features=("changing_places",)).total == 0

    def test_supports_autism_finds_the_services_that_say_so(self, backend):
        assert _names(self.search(backend, send_needs=("autism",))) == ["Lancing Baby Group", "Worthing Family Hub"]

    def test_supports_physical_disabilities_finds_only_that_service(self, backend):
        assert _names(self.search(backend, send_needs=("physical",))) == ["Worthing Family Hub"]

    def test_two_needs_find_only_services_supporting_both(self, backend):
        assert _names(self.search(backend, send_needs=("autism", "physical"))) == ["Worthing Family Hub"]

    def test_the_family_hub_mark_finds_family_hub_services(self, backend):
        assert _names(self.search(backend, marks=("family_hub",))) == ["Worthing Family Hub"]

    def test_the_start_for_life_mark_finds_start_for_life_services(self, backend):
        assert _names(self.search(backend, marks=("start_for_life",))) == ["Lancing Baby Group"]

    def test_the_filters_combine_with_a_place_and_words(self, backend):
        worthing = _place("BN11 1HS")
        near = self.search(backend, near=worthing, radius_miles=10, access_features=("step_free",), sort="distance")
        assert [item.name for item in near.items] == ["Worthing Family Hub", "Lancing Baby Group"]
        words = self.search(backend, text="babies", send_needs=("autism",))
        assert _names(words) == ["Lancing Baby Group"]

    def test_a_count_agrees_with_the_search(self, backend):
        query = dict(access_features=("step_free",), send_needs=("autism",), marks=("start_for_life",))
        assert backend.count(self.search(backend, **query).query) == 1

    def test_an_unpublished_service_is_never_found(self, backend):
        results = self.search(backend, access_features=("step_free",), send_needs=("autism",), marks=("family_hub",))
        assert "Hidden Hub" not in _names(results)

    def test_cards_carry_the_marks(self, backend):
        items = {item.name: item for item in self.search(backend).items}
        assert items["Worthing Family Hub"].marks == ["family_hub"]
        assert items["Lancing Baby Group"].marks == ["start_for_life"]
        assert items["Worthing Chess Club"].marks == []


@pytest.mark.django_db
class OfferIndexingCases(BackendCases):
    @pytest.fixture(autouse=True)
    def empty_index(self, backend):
        backend.rebuild(published_services())

    def test_removing_a_feature_and_publishing_takes_the_service_out_of_that_filter(self, backend):
        service = ServicePageFactory(
            title="Step-free Stay and Play", locations=[site("Worthing Library", "BN11 1HS", "Worthing", ["step_free"])]
        )
        service.save_revision().publish()
        update_service(service)
        assert _names(self.search(backend, access_features=("step_free",))) == ["Step-free Stay and Play"]
        location = service.locations.first()
        location.access_features.set([])
        location.save()  # a site's choices are kept when it is saved (ClusterableModel)
        service.save_revision().publish()
        update_service(service)
        assert self.search(backend, access_features=("step_free",)).total == 0
