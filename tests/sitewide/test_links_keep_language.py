"""Every internal link on every public page type keeps the visitor's language, and leads somewhere real."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import DirectoryIndexPage, Location
from directory.vocabularies import NeedLevelTag

pytestmark = pytest.mark.django_db

LANGUAGES = ("pl", "ar")
WORTHING = "E07000229"
THIS_SITE = ("", "testserver", "localhost")
# Paths that are the same in every language: files, the APIs, the admin, Django's language switch view.
LANGUAGE_NEUTRAL = ("/static/", "/media/", "/documents/", "/api/", "/admin/", "/i18n/", "/favicon.ico")


class Links(HTMLParser):
    """Every href and form action, except the language switcher's own links (they change the language)."""

    def __init__(self):
        super().__init__()
        self.found = []  # (tag, method, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link", "area") and attrs.get("href") and "hreflang" not in attrs:
            self.found.append((tag, "get", attrs["href"]))
        if tag == "form" and attrs.get("action"):
            self.found.append((tag, (attrs.get("method") or "get").lower(), attrs["action"]))


def internal_links(html):
    """The links that lead to a page of this site and are not language-neutral, as (tag, method, path?query)."""
    parser = Links()
    parser.feed(html)
    links = set()
    for tag, method, url in parser.found:
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in THIS_SITE or not parts.path:
            continue  # another site, tel:, mailto:, or a fragment on this page
        if parts.path.startswith(LANGUAGE_NEUTRAL):
            continue
        links.add((tag, method, parts.path + (f"?{parts.query}" if parts.query else "")))
    return links


@pytest.fixture(autouse=True)
def no_rate_limits_spent():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_afterwards():
    """The locale middleware leaves the last request's language active in this thread: undo it for later tests."""
    yield
    translation.deactivate()


@pytest.fixture
def service():
    """A published, indexed service with a topic, under an organisation with a website."""
    load_area("west-sussex")
    organisation = OrganisationPageFactory(title="Sunflower Family Trust", website="https://example.org")
    page = ServicePageFactory(
        parent=organisation,
        title="Little Steps Parenting Group",
        summary="A weekly parenting group.",
        phone="01903 123456",
        website="https://example.org/help",
        locations=[Location(name="Worthing Library", town="Worthing", postcode="BN11 1HS")],
        tags={"need_levels": list(NeedLevelTag.objects.filter(code="level-2")), "topics": ["parenting"]},
    )
    page.save_revision().publish()  # publishing indexes it, as in the admin
    return page


def public_pages(client, service, language):
    """(name, path, expected status) of one page of every public type, in `language`."""
    with translation.override(language):
        client.post(reverse("signposting:shortlist_add"), {"service": service.pk})
        index = DirectoryIndexPage.objects.get()
        share = reverse("signposting:shortlist_shared", args=[str(service.pk)])
        return [
            ("home", reverse("wagtail_serve", args=[""]), 200),
            ("search results", reverse("search:results") + "?q=parenting&postcode=BN11+1HS&need_level=level-2", 200),
            ("service page", service.get_url(), 200),
            ("organisation page", service.get_parent().get_url(), 200),
            ("directory index", index.get_url(), 200),
            ("shortlist", reverse("signposting:shortlist"), 200),
            ("shared shortlist", share, 200),
            ("print", reverse("signposting:shortlist_print"), 200),
            ("service poster", reverse("signposting:service_poster", args=[service.pk]), 200),
            ("topic poster form", reverse("signposting:topic_poster"), 200),
            ("topic poster", reverse("signposting:topic_poster") + f"?topic=parenting&district={WORTHING}", 200),
            ("report a problem", reverse("signposting:report_problem", args=[service.pk]), 200),
            ("report thanks", reverse("signposting:report_thanks", args=[service.pk]), 200),
            ("suggest a service", reverse("signposting:suggest_service"), 200),
            ("suggest thanks", reverse("signposting:suggest_thanks"), 200),
            ("browsing safely", reverse("signposting:browsing_safely"), 200),
            ("accessibility", reverse("signposting:accessibility"), 200),
            ("page not found", f"/{language}/no-such-page/", 404),
        ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_internal_link_keeps_the_language_and_leads_somewhere(client, service, language):
    prefix = f"/{language}/"
    dropped, broken, followed = [], [], set()
    for name, path, status in public_pages(client, service, language):
        assert path.startswith(prefix), f"{name}: started from {path}, outside {prefix}"
        response = client.get(path)
        assert response.status_code == status, f"{name} ({path}) answered {response.status_code}"
        assert f'lang="{language}"' in response.content.decode()[:200], f"{name} is not in {language}"
        links = internal_links(response.content.decode())
        assert links, f"{name} has no internal links: the collector is broken"
        for tag, method, url in sorted(links):
            if not url.startswith(prefix):
                dropped.append(f"{name}: <{tag}> {url}")
            elif method == "get" and url not in followed:
                followed.add(url)
                answer = client.get(url).status_code
                if answer == 404 or answer >= 500:
                    broken.append(f"{name}: {url} answered {answer}")
    assert dropped == [], "links that drop the language:\n" + "\n".join(dropped)
    assert broken == [], "links that lead nowhere:\n" + "\n".join(broken)
    assert len(followed) > 20  # the pages' own links were really followed, not just the chrome


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_search_result_links_to_the_service_in_the_searchers_language(client, service, language):
    with translation.override("en-gb"):
        english = service.get_url()
    html = client.get(f"/{language}/search/", {"q": "parenting"}).content.decode()

    assert (
        f'<a class="govuk-link" href="/{language}{english}"><bdi lang="en">Little Steps Parenting Group</bdi></a>'
        in html
    )
