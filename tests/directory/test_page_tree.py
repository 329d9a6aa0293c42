"""Where each page type may live: home > directory index > organisation > service, and nowhere else."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.factories import directory_index
from directory.models import DirectoryIndexPage, OrganisationPage, ServicePage
from directory.translations import ServiceTranslationPage
from home.models import HomePage, InformationPage


class PageTreeRulesTest(WagtailPageTestCase):
    def test_service_can_be_created_under_an_organisation(self):
        self.assertCanCreateAt(OrganisationPage, ServicePage)

    def test_service_cannot_be_created_under_the_directory_index(self):
        self.assertCanNotCreateAt(DirectoryIndexPage, ServicePage)

    def test_service_cannot_be_created_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, ServicePage)

    def test_a_services_only_children_are_its_translations(self):
        self.assertAllowedSubpageTypes(ServicePage, {ServiceTranslationPage})

    def test_service_has_only_organisations_as_parents(self):
        self.assertAllowedParentPageTypes(ServicePage, {OrganisationPage})

    def test_organisation_can_be_created_under_the_directory_index(self):
        self.assertCanCreateAt(DirectoryIndexPage, OrganisationPage)

    def test_organisation_cannot_be_created_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, OrganisationPage)

    def test_organisation_cannot_be_created_under_another_organisation(self):
        self.assertCanNotCreateAt(OrganisationPage, OrganisationPage)

    def test_organisation_holds_only_services(self):
        self.assertAllowedSubpageTypes(OrganisationPage, {ServicePage})

    def test_directory_index_lives_under_the_home_page(self):
        self.assertAllowedParentPageTypes(DirectoryIndexPage, {HomePage})
        self.assertCanNotCreateAt(OrganisationPage, DirectoryIndexPage)

    def test_home_page_holds_only_the_directory_index_information_pages_quarterly_summaries_and_local_offer(self):
        from directory.local_offer import LocalOfferIndexPage
        from insight.models import QuarterlySummaryPage

        self.assertAllowedSubpageTypes(
            HomePage, {DirectoryIndexPage, InformationPage, QuarterlySummaryPage, LocalOfferIndexPage}
        )

    def test_a_second_directory_index_cannot_be_added(self):
        # The site's index comes with the migrations; max_count = 1 refuses another.
        home = directory_index().get_parent().specific
        self.assertFalse(DirectoryIndexPage.can_create_at(home))

    def test_a_service_cannot_be_added_at_the_root(self):
        self.assertCanNotCreateAt(Page, ServicePage)
