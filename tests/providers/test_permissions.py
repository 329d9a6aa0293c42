"""Provider access: A edits its own services, never B's; only the trusted publish; vocabularies are the team's."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from directory.models import OrganisationPage, ServicePage
from directory.providers.access import give_provider_access, provider_groups, sync_publish_permission
from home.models import UrgentHelpSettings
from tests.providers.forms_data import service_edit_data
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def assert_denied(response):
    # A 403, the login, or the dashboard with Wagtail's "permission denied" message: never the page itself.
    assert_refused(response)


# --- Another organisation's services -------------------------------------------------


def test_provider_cannot_open_another_organisations_service_in_the_editor(client_a, service_b):
    assert_denied(client_a.get(edit_url(service_b)))


@pytest.mark.parametrize("view", ["view_draft", "history", "delete", "move", "copy", "unpublish"])
def test_provider_cannot_reach_another_organisations_service_through_page_actions(client_a, service_b, view):
    assert_denied(client_a.get(reverse(f"wagtailadmin_pages:{view}", args=[service_b.pk])))


def test_provider_cannot_view_a_draft_revision_of_another_organisations_service(client_a, service_b):
    service_b.summary = "An unpublished change"
    revision = service_b.save_revision()
    response = client_a.get(reverse("wagtailadmin_pages:revisions_view", args=[service_b.pk, revision.pk]))
    assert_denied(response)


def test_provider_cannot_save_changes_to_another_organisations_service(client_a, service_b):
    response = client_a.post(edit_url(service_b), service_edit_data(service_b, summary="Hijacked"))
    assert_denied(response)
    service_b.refresh_from_db()
    assert service_b.get_latest_revision_as_object().summary != "Hijacked"


def test_provider_cannot_publish_another_organisations_service(client_a, service_b):
    response = client_a.post(edit_url(service_b), service_edit_data(service_b, action="publish", summary="Hijacked"))
    assert_denied(response)
    service_b.refresh_from_db()
    assert service_b.summary != "Hijacked"


def test_provider_cannot_delete_another_organisations_service(client_a, service_b):
    response = client_a.post(reverse("wagtailadmin_pages:delete", args=[service_b.pk]))
    assert_denied(response)
    assert ServicePage.objects.filter(pk=service_b.pk).exists()


def test_provider_cannot_move_another_organisations_service_into_their_own(client_a, service_b, org_a):
    response = client_a.post(reverse("wagtailadmin_pages:move_confirm", args=[service_b.pk, org_a.pk]))
    assert_denied(response)
    assert service_b.get_parent().pk != org_a.pk


def test_provider_cannot_add_a_service_to_another_organisation(client_a, org_b):
    response = client_a.get(reverse("wagtailadmin_pages:add", args=["directory", "servicepage", org_b.pk]))
    assert_denied(response)


def test_provider_cannot_edit_another_organisations_details(client_a, org_b):
    assert_denied(client_a.get(edit_url(org_b)))


def test_admin_page_search_does_not_find_another_organisations_services(client_a, service_a, service_b):
    response = client_a.get(reverse("wagtailadmin_pages:search"), {"q": "youth club"})
    assert service_b.title not in response.content.decode()


def test_explorer_of_the_directory_shows_nothing_of_another_organisation(client_a, service_a, service_b):
    directory = service_a.get_parent().get_parent()
    response = client_a.get(reverse("wagtailadmin_explore", args=[directory.pk]), follow=True)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Beacon" not in content


# --- Their own organisation ----------------------------------------------------------


def test_provider_can_open_their_own_service_in_the_editor(client_a, service_a):
    assert client_a.get(edit_url(service_a)).status_code == 200


def test_provider_can_save_a_draft_of_their_own_service(client_a, service_a):
    response = client_a.post(edit_url(service_a), service_edit_data(service_a, summary="Now on Tuesdays too"))
    assert response.status_code == 302
    service_a.refresh_from_db()
    assert service_a.get_latest_revision_as_object().summary == "Now on Tuesdays too"
    assert service_a.summary != "Now on Tuesdays too"  # the live page waits for approval


def test_provider_can_submit_their_own_service_for_moderation(client_a, service_a):
    client_a.post(edit_url(service_a), service_edit_data(service_a, action="submit", summary="Now on Tuesdays too"))
    service_a.refresh_from_db()
    assert service_a.workflow_in_progress
    assert service_a.current_workflow_task.name == "Directory team approval"


def test_provider_can_add_a_service_to_their_own_organisation(client_a, org_a):
    response = client_a.get(reverse("wagtailadmin_pages:add", args=["directory", "servicepage", org_a.pk]))
    assert response.status_code == 200


def test_provider_can_edit_their_own_organisations_details(client_a, org_a):
    assert client_a.get(edit_url(org_a)).status_code == 200


def test_provider_cannot_delete_their_own_organisation_even_when_trusted(client, provider_a, org_a):
    org_a.trusted = True
    org_a.save()
    sync_publish_permission(org_a)
    client.force_login(provider_a)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[org_a.pk]))
    assert_denied(response)
    assert OrganisationPage.objects.filter(pk=org_a.pk).exists()


# --- Publishing: trusted organisations only ------------------------------------------


def test_untrusted_provider_has_no_publish_permission(provider_a, service_a):
    assert not service_a.permissions_for_user(provider_a).can_publish()


def test_untrusted_providers_publish_action_is_refused(client_a, service_a):
    client_a.post(edit_url(service_a), service_edit_data(service_a, action="publish", summary="Straight to live"))
    service_a.refresh_from_db()
    assert service_a.summary != "Straight to live"


def test_trusted_provider_publishes_their_own_changes(client, provider_a, org_a, service_a):
    org_a.trusted = True
    org_a.save_revision().publish()
    client.force_login(provider_a)
    client.post(edit_url(service_a), service_edit_data(service_a, action="publish", summary="Straight to live"))
    service_a.refresh_from_db()
    assert service_a.summary == "Straight to live"


def test_trusted_provider_still_cannot_publish_another_organisations_service(provider_a, org_a, service_b):
    org_a.trusted = True
    org_a.save_revision().publish()
    assert not service_b.permissions_for_user(provider_a).can_publish()


def test_publishing_an_organisation_as_untrusted_takes_publish_permission_away(provider_a, org_a, service_a):
    org_a.trusted = True
    org_a.save_revision().publish()
    org_a.trusted = False
    org_a.save_revision().publish()
    assert not service_a.permissions_for_user(provider_a).can_publish()


def test_giving_access_twice_makes_one_group_and_one_set_of_permissions(provider_a, org_a):
    give_provider_access(provider_a, org_a)
    groups = provider_groups(org_a)
    assert groups.count() == 1
    assert groups.get().page_permissions.filter(page=org_a).count() == 2  # add and change


# --- Vocabularies, settings and the login wall ---------------------------------------


@pytest.mark.parametrize("model_name", ["outcometag", "needleveltag", "agebandtag", "districttag"])
def test_provider_cannot_list_or_add_vocabulary_terms(client_a, model_name):
    assert_denied(client_a.get(reverse(f"wagtailsnippets_directory_{model_name}:list")))
    assert_denied(client_a.get(reverse(f"wagtailsnippets_directory_{model_name}:add")))


def test_provider_cannot_edit_a_vocabulary_term(client_a):
    from directory.vocabularies import OutcomeTag

    term = OutcomeTag.objects.first()
    response = client_a.post(
        reverse("wagtailsnippets_directory_outcometag:edit", args=[term.pk]), {"name": "Renamed", "code": term.code}
    )
    assert_denied(response)
    term.refresh_from_db()
    assert term.name != "Renamed"


def test_provider_cannot_edit_site_settings(client_a):
    url = reverse("wagtailsettings:edit", args=["home", "urgenthelpsettings"])
    assert_denied(client_a.get(url))
    assert_denied(client_a.post(url, {"front_door_phone": "0000"}))
    assert not UrgentHelpSettings.objects.filter(front_door_phone="0000").exists()


def test_directory_team_can_edit_vocabularies_and_settings(moderator_client):
    assert moderator_client.get(reverse("wagtailsnippets_directory_outcometag:list")).status_code == 200
    url = reverse("wagtailsettings:edit", args=["home", "urgenthelpsettings"])
    assert moderator_client.get(url).status_code in (200, 302)
    assert moderator_client.get(url, follow=True).status_code == 200


@pytest.mark.parametrize(
    "url_name,args",
    [("wagtailadmin_home", []), ("wagtailadmin_pages:edit", ["service"]), ("providers_admin:invite", [])],
)
def test_anonymous_visitors_are_sent_to_login(client, service_a, url_name, args):
    args = [service_a.pk if arg == "service" else arg for arg in args]
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_root_page_is_not_editable_by_providers(client_a):
    assert_denied(client_a.get(edit_url(Page.objects.get(depth=2))))


# --- The trusted flag is the directory team's to set -----------------------------------


def test_providers_editor_for_their_organisation_has_no_trusted_box(client_a, org_a):
    # Needs FieldPanel("trusted", permission="providers.manage_providers") on OrganisationPage.
    response = client_a.get(edit_url(org_a))
    assert 'name="trusted"' not in response.content.decode()


def test_a_provider_cannot_mark_their_organisation_trusted(client_a, org_a):
    data = {
        "title": org_a.title,
        "slug": org_a.slug,
        "summary": org_a.summary,
        "trusted": "on",
        "comments-TOTAL_FORMS": 0,
        "comments-INITIAL_FORMS": 0,
        "comments-MIN_NUM_FORMS": 0,
        "comments-MAX_NUM_FORMS": 1000,
    }
    client_a.post(edit_url(org_a), data)
    org_a.refresh_from_db()
    assert not org_a.get_latest_revision_as_object().trusted


def test_directory_teams_editor_for_an_organisation_has_the_trusted_box(moderator_client, org_a):
    response = moderator_client.get(edit_url(org_a))
    assert 'name="trusted"' in response.content.decode()


# --- Nothing of another organisation's, or of the public's suggestions, in any admin page -----------

# org_b, its service and that service's draft title, the public's suggestion: never their search words alone,
# which a search box echoes back.
FOREIGN_TITLES = ("beacon youth", "beacon secret", "jane doe private", "suggested by a parent")
BULK_ACTIONS = ("delete", "move", "publish", "unpublish")


def _admin_routes():
    """Every admin URL Wagtail registers, as (route, pattern) with its parameters still named."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.resolvers import RoutePattern

    def walk(patterns, prefix):
        for entry in patterns:
            if not isinstance(entry.pattern, RoutePattern):
                route = str(entry.pattern).lstrip("^").rstrip("$")
                if "(" in route or "\\" in route:
                    continue  # a bare regex: the few there are (static files) name no page
            else:
                route = str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                yield prefix + route

    admin = next(entry for entry in get_resolver().url_patterns if str(entry.pattern) == "admin/")
    yield from walk(admin.url_patterns, "/admin/")


def _fill(route, page_id):
    """The route with each parameter filled: ids with the foreign page's id, names with a page's."""
    import re

    names = {"app_label": "wagtailcore", "model_name": "page"}
    urls = [route]
    for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", route):
        placeholder = f"<{converter}:{name}>" if converter else f"<{name}>"
        if name == "action":
            urls = [url.replace(placeholder, action) for url in urls for action in BULK_ACTIONS]
        elif converter == "int" or name == "pk" or name.endswith("_id"):
            urls = [url.replace(placeholder, str(page_id)) for url in urls]
        else:
            urls = [url.replace(placeholder, names.get(name, "page")) for url in urls]
    return urls


@pytest.fixture
def foreign_pages(service_b, provider_b):
    from signposting.drafts import create_suggestion

    service_b.title = "Beacon secret draft in moderation"
    service_b.save_revision(user=provider_b)
    service_b.get_workflow().start(service_b, provider_b)
    suggestion = create_suggestion(
        {"name": "Jane Doe private support group (suggested by a parent)", "summary": "A group.", "website": ""}
    )
    return [service_b.get_parent(), service_b, getattr(suggestion, "service", None) or suggestion]


def test_a_provider_sees_no_foreign_title_on_any_admin_page(client_a, service_a, foreign_pages):
    shown, checked = [], 0
    for page in foreign_pages:
        for route in _admin_routes():
            if "logout" in route:
                continue
            for url in _fill(route, page.pk):
                for query in ({"q": "Beacon"}, {"q": "Jane"}, {"id": page.pk}):
                    response = client_a.get(url, query)
                    content = "" if response.streaming else response.content.decode("utf-8", "replace").lower()
                    shown += [(title, url, query) for title in FOREIGN_TITLES if title in content]
                    checked += 1
    assert not shown
    assert checked > 300


@pytest.mark.parametrize(
    "url",
    [
        "/admin/choose-page/{org_a}/",
        "/admin/choose-page/search/?q=Acorn",
        "/admin/pages/search/?q=Acorn",
        "/admin/pages/{org_a}/",
        "/admin/bulk/wagtailcore/page/unpublish/?id={service_a}",
    ],
)
def test_a_provider_still_sees_their_own_pages_there(client_a, service_a, foreign_pages, url):
    response = client_a.get(url.format(org_a=service_a.get_parent().pk, service_a=service_a.pk))
    assert response.status_code == 200
    assert service_a.title in response.content.decode()
