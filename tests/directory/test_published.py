"""Specifications for published(): what the public may see, said once for services and organisations."""

import pytest
from wagtail.models import PageViewRestriction

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import OrganisationPage, ServicePage

pytestmark = pytest.mark.django_db


def test_published_services_are_live_and_public():
    shown = ServicePageFactory(title="Shown")
    ServicePageFactory(title="Draft").unpublish()
    private = ServicePageFactory(title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert list(ServicePage.objects.published()) == [shown]


def test_published_chains_after_other_page_filters():
    organisation = OrganisationPageFactory()
    mine = ServicePageFactory(parent=organisation)
    ServicePageFactory(parent=organisation).unpublish()
    ServicePageFactory()
    assert list(ServicePage.objects.child_of(organisation).published()) == [mine]


def test_published_organisations_leave_out_private_ones():
    shown = OrganisationPageFactory(title="Shown")
    private = OrganisationPageFactory(title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert list(OrganisationPage.objects.published()) == [shown]


def test_a_private_organisations_services_are_not_published():
    private = OrganisationPageFactory()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ServicePageFactory(parent=private)
    assert not ServicePage.objects.published().exists()
