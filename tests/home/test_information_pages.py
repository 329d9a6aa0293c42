"""Specifications for the information pages: the accessibility statement and "Browsing safely", kept by editors."""

import importlib

import pytest
from django.apps import apps
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase

from directory.models import DirectoryIndexPage
from home.blocks import with_govuk_classes
from home.models import HomePage, InformationPage, InformationTranslationPage


class InformationPageTreeTest(WagtailPageTestCase):
    def test_an_information_page_can_be_created_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, InformationPage)

    def test_an_information_page_lives_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(InformationPage, {HomePage})
        self.assertCanNotCreateAt(DirectoryIndexPage, InformationPage)
        self.assertCanNotCreateAt(Page, InformationPage)

    def test_an_information_pages_only_children_are_its_translations(self):
        self.assertAllowedSubpageTypes(InformationPage, {InformationTranslationPage})
        self.assertCanNotCreateAt(InformationPage, InformationPage)
        self.assertAllowedParentPageTypes(InformationTranslationPage, {InformationPage})


def information_page(slug):
    return InformationPage.objects.get(slug=slug)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["accessibility", "browsing-safely"])
def test_the_migration_creates_each_page_live_under_the_home_page(slug):
    page = information_page(slug)
    assert page.live
    assert page.get_parent().specific_class is HomePage
    assert page.url == f"/{slug}/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "path"), [("accessibility", "accessibility/"), ("browsing_safely", "browsing-safely/")]
)
def test_the_old_url_names_keep_the_language(client, name, path):
    with translation.override("en-gb"):
        assert reverse(f"signposting:{name}") == f"/{path}"
    with translation.override("pl"):
        assert reverse(f"signposting:{name}") == f"/pl/{path}"
    assert client.get(f"/ar/{path}").context["page"].specific == information_page(path.rstrip("/"))


@pytest.mark.django_db
@override_settings(ACCESSIBILITY_CONTACT_EMAIL="accessibility@council.example")
def test_the_accessibility_contact_email_comes_from_the_setting(client):
    html = client.get("/accessibility/").content.decode()
    assert 'href="mailto:accessibility@council.example">accessibility@council.example</a>. We will reply' in html


@pytest.mark.django_db
@override_settings(ACCESSIBILITY_CONTACT_EMAIL="", DEFAULT_FROM_EMAIL="directory@council.example")
def test_without_an_accessibility_contact_the_site_email_is_given(client):
    assert 'href="mailto:directory@council.example"' in client.get("/accessibility/").content.decode()


@pytest.mark.django_db
@override_settings(WAGTAIL_SITE_NAME="Family Finder")
def test_the_accessibility_statement_heading_names_the_site_from_the_settings(client):
    html = client.get("/accessibility/").content.decode()
    assert "Accessibility statement for Family Finder" in html
    assert "<title>Accessibility statement – Family Finder</title>" in html


@pytest.mark.django_db
def test_the_accessibility_statement_keeps_its_date_and_sections(client):
    html = client.get("/accessibility/").content.decode()
    assert '<h2 class="govuk-heading-m">Enforcement procedure</h2>' in html
    assert '<h3 class="govuk-heading-s">Compliance status</h3>' in html
    assert "This statement was prepared on 27 November 2026." in html


@pytest.mark.django_db
def test_browsing_safely_leads_with_its_introduction_and_the_999_warning(client):
    html = client.get("/browsing-safely/").content.decode()
    assert '<p class="govuk-body-l">If you are worried that someone may see what you look at online' in html
    assert '<strong class="govuk-warning-text__text">' in html
    assert "If you or a child are in danger now, call 999." in html
    assert '<a class="govuk-link" dir="ltr" href="tel:08082000247">0808 2000 247</a>' in html


@pytest.mark.django_db
def test_an_editors_change_is_what_visitors_see(client):
    page = information_page("browsing-safely")
    page.body = [("text", RichText("<p>Press the Exit this page button twice.</p>"))]
    page.save_revision().publish()

    html = client.get("/browsing-safely/").content.decode()
    assert '<p class="govuk-body">Press the Exit this page button twice.</p>' in html
    assert "Shift key 3 times" not in html


def test_rich_text_gets_govuk_classes_on_paragraphs_headings_lists_and_links():
    html = with_govuk_classes('<h2 data-block-key="a">Help</h2><p>See <a href="/x/">this</a></p><ol><li>One</li></ol>')
    assert html == (
        '<h2 class="govuk-heading-m" data-block-key="a">Help</h2>'
        '<p class="govuk-body">See <a class="govuk-link" href="/x/">this</a></p>'
        '<ol class="govuk-list govuk-list--number"><li>One</li></ol>'
    )


def test_rich_text_classes_leave_similar_tags_alone():
    assert with_govuk_classes("<pre>x</pre><abbr>y</abbr>") == "<pre>x</pre><abbr>y</abbr>"


@pytest.mark.django_db
def test_the_migration_makes_missing_pages_again_and_leaves_existing_ones(client):
    """The browser tests run it after their database flush; a second run must not duplicate anything."""
    information_page("accessibility").delete()
    create_pages = importlib.import_module("home.migrations.0004_create_information_pages").create_information_pages

    create_pages(apps, None)
    create_pages(apps, None)

    home = HomePage.objects.get()
    assert sorted(InformationPage.objects.values_list("slug", flat=True)) == ["accessibility", "browsing-safely"]
    assert home.numchild == home.get_children().count()
    assert client.get("/accessibility/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["accessibility", "browsing-safely"])
def test_an_editor_can_open_each_page_in_the_admin(admin_client, slug):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[information_page(slug).pk]))
    assert response.status_code == 200
    assert "Accessibility contact" in response.content.decode()


def unpublish_translation(slug, language_code):
    InformationTranslationPage.objects.child_of(information_page(slug)).get(
        locale__language_code=language_code
    ).unpublish()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "own_words"),
    [
        ("accessibility", "We want as many people as possible to be able to use this website."),
        ("browsing-safely", "If you are worried that someone may see what you look at online"),
    ],
)
def test_a_reader_of_another_language_is_told_the_page_is_english_and_its_words_are_marked_english(
    client, slug, own_words
):
    if slug == "browsing-safely":
        unpublish_translation(slug, "pl")  # as if never translated
    body = client.get(f"/pl/{slug}/").content.decode()
    assert "Ta strona nie została jeszcze przetłumaczona na język: polski." in body
    main = body.split("<main", 1)[1]
    before, marker, after = main.partition('<div lang="en" dir="ltr">')
    assert marker, "the page's own words are not marked English"
    assert own_words in after
    assert own_words not in before


@pytest.mark.django_db
def test_the_information_pages_titles_read_in_the_readers_language_until_an_editor_changes_them(client):
    assert (
        '<h1 class="govuk-heading-l"><bdi>Bezpieczne przeglądanie</bdi></h1>'
        in client.get("/pl/browsing-safely/").content.decode()
    )
    unpublish_translation("browsing-safely", "pl")
    page = information_page("browsing-safely")
    page.title = "Staying safe online"
    page.save_revision().publish()
    body = client.get("/pl/browsing-safely/").content.decode()
    assert '<bdi lang="en">Staying safe online</bdi>' in body


@pytest.mark.django_db
def test_an_english_reader_gets_no_notice_and_no_language_mark(client):
    body = client.get("/browsing-safely/").content.decode()
    assert "has not been translated" not in body
    assert '<div lang="en" dir="ltr">' not in body
    assert "Browsing safely" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "title", "words"),
    [
        (
            "pl",
            "Bezpieczne przeglądanie",
            "Jeśli Ty lub dziecko jesteście teraz w niebezpieczeństwie, zadzwoń pod numer 999.",
        ),
        ("ar", "التصفح بأمان", "إذا كنت أنت أو طفل في خطر الآن، فاتصل بالرقم 999."),
    ],
)
def test_browsing_safely_is_read_whole_in_polish_and_arabic(client, prefix, title, words):
    body = client.get(f"/{prefix}/browsing-safely/").content.decode()
    main = body.split("<main", 1)[1]
    assert f'<h1 class="govuk-heading-l"><bdi>{title}</bdi></h1>' in main
    assert words in main
    assert "Leave this website quickly" not in main
    # Nothing is marked English or called untranslated: every word is in the reader's language.
    assert 'lang="en"' not in main.split("</main>")[0]
    assert "eh-untranslated-notice" not in main


@pytest.mark.django_db
def test_an_unpublished_translation_leaves_the_english_page_with_its_notice(client):
    unpublish_translation("browsing-safely", "ar")
    body = client.get("/ar/browsing-safely/").content.decode()
    assert "Leave this website quickly" in body
    assert "eh-untranslated-notice" in body


@pytest.mark.django_db
def test_a_translation_has_no_address_of_its_own_and_sends_to_the_page_in_its_language(client):
    translated = InformationTranslationPage.objects.get(locale__language_code="pl", slug="browsing-safely-pl")
    assert translated.url is None
    response = client.get("/browsing-safely/browsing-safely-pl/")
    assert (response.status_code, response["Location"]) == (302, "/pl/browsing-safely/")


@pytest.mark.django_db
def test_a_phone_number_in_rich_text_keeps_its_digits_in_order_in_arabic(client):
    body = client.get("/ar/browsing-safely/").content.decode()
    assert '<a class="govuk-link" dir="ltr" href="tel:08082000247">0808 2000 247</a>' in body


@pytest.mark.django_db
def test_an_editor_adds_a_translation_only_in_a_language_the_page_has_none_in(admin_client):
    page = information_page("accessibility")
    add = reverse("wagtailadmin_pages:add", args=("home", "informationtranslationpage", page.pk))
    assert '<option value="pl">' in admin_client.get(add).content.decode()

    browsing = information_page("browsing-safely")
    add = reverse("wagtailadmin_pages:add", args=("home", "informationtranslationpage", browsing.pk))
    assert '<option value="pl">' not in admin_client.get(add).content.decode()
