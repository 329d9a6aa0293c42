"""Editing that says what happens: the main action, the line under it, the site's own name, the grouped dashboard."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.action_menu import PageActionMenu

from directory.models import ServicePage
from tests.providers.forms_data import service_edit_data

pytestmark = pytest.mark.django_db


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def main_action(user, page):
    request = RequestFactory().get("/admin/")
    request.user = user
    menu = PageActionMenu(request, view="edit", page=page, lock=None, locked_for_user=False)
    return menu.default_item, [item.name for item in menu.menu_items]


def make_trusted(organisation):
    organisation.trusted = True
    organisation.save_revision().publish()


def make_old(service, days=200):
    service.last_reviewed = timezone.localdate() - datetime.timedelta(days=days)
    service.save_revision().publish()
    service.refresh_from_db()
    return service


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- The main action --------------------------------------------------------------------------


def test_a_providers_main_action_is_submit_for_checking(provider_a, service_a):
    item, others = main_action(provider_a, service_a)
    assert item.name == "action-submit"
    assert "action-save-draft" in others
    assert "directory team checks your changes" in str(item.what_happens_next)


def test_a_trusted_providers_main_action_is_publish(provider_a, org_a, service_a):
    make_trusted(org_a)
    item, others = main_action(provider_a, service_a)
    assert item.name == "action-publish"
    assert "straight away" in str(item.what_happens_next)


def test_the_editor_shows_the_label_and_what_happens_next(client_a, service_a):
    content = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk])).content.decode()
    assert "Submit for checking" in content
    assert "Submit to Directory team approval" not in content
    assert 'id="what-happens-next"' in content
    # The main button comes before the menu holding "Save draft".
    assert content.index("Submit for checking") < content.index("Save draft")


def test_a_trusted_provider_is_told_which_button_to_use(client_a, org_a, service_a):
    make_trusted(org_a)
    content = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk])).content.decode()
    assert "Ask the directory team to check first" in content
    assert "your changes go on the public page straight away" in content


def test_the_directory_team_keeps_wagtails_own_actions(moderator, service_a):
    item, _ = main_action(moderator, service_a)
    assert not hasattr(item, "what_happens_next")


def test_the_main_action_is_not_shared_between_requests(provider_a, org_a, service_a, moderator):
    # Wagtail's menu items are module-level singletons; the hook must not relabel them for everyone.
    main_action(provider_a, service_a)
    _, others = main_action(moderator, service_a)
    request = RequestFactory().get("/admin/")
    request.user = moderator
    menu = PageActionMenu(request, view="edit", page=service_a, lock=None, locked_for_user=False)
    submit = [item for item in [menu.default_item, *menu.menu_items] if item.name == "action-submit"]
    assert submit and not hasattr(submit[0], "what_happens_next")


# --- The site's own name ----------------------------------------------------------------------


def test_the_sign_in_page_names_the_site_not_wagtail(client, settings):
    content = client.get(reverse("wagtailadmin_login")).content.decode()
    assert f"Sign in to the {settings.WAGTAIL_SITE_NAME}" in content
    assert "Sign in to Wagtail" not in content
    assert f"- {settings.WAGTAIL_SITE_NAME}</title>" in content
    assert "earlyhelp/favicon.svg" in content


def test_the_admin_carries_the_sites_name_and_logo(client_a, settings):
    content = dashboard(client_a)
    assert f"- {settings.WAGTAIL_SITE_NAME}</title>" in content
    assert "directory-admin-logo" in content


# --- The provider's dashboard, grouped by what needs doing ------------------------------------


def test_a_due_listing_is_under_due_for_a_check_with_a_tick_box(client_a, service_a):
    make_old(service_a)
    content = dashboard(client_a)
    assert "Due for a check (1)" in content
    assert f'name="service" value="{service_a.pk}"' in content


def test_a_listing_in_moderation_is_with_the_directory_team(client_a, service_a):
    client_a.post(
        reverse("wagtailadmin_pages:edit", args=[service_a.pk]),
        service_edit_data(service_a, action="submit", summary="Changed"),
    )
    assert "With the directory team (1)" in dashboard(client_a)


def test_nothing_to_do_says_so(client_a, service_a):
    assert "Nothing needs doing now" in dashboard(client_a)


def test_another_organisations_due_listing_is_not_on_the_dashboard(client_a, service_a, service_b):
    make_old(service_b)
    assert f'value="{service_b.pk}"' not in dashboard(client_a)


# --- "Still correct" for several at once ------------------------------------------------------


def still_correct_several(client, *ids):
    return client.post(reverse("providers_admin:still_correct_several"), {"service": [str(i) for i in ids]})


def test_still_correct_marks_several_own_listings_checked_today(client_a, org_a, service_a):
    from directory.factories import ServicePageFactory

    second = make_old(ServicePageFactory(parent=org_a, title="Acorn stay and play"))
    make_old(service_a)
    response = still_correct_several(client_a, service_a.pk, second.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    today = timezone.localdate()
    assert set(
        ServicePage.objects.filter(pk__in=[service_a.pk, second.pk]).values_list("last_reviewed", flat=True)
    ) == {today}
    assert any("2 listings are marked as checked today" in message for message in messages_of(response))


def test_a_forged_id_from_another_organisation_is_refused_politely(client_a, service_a, service_b):
    make_old(service_a)
    make_old(service_b)
    response = still_correct_several(client_a, service_a.pk, service_b.pk)
    assert response.status_code == 302
    service_b.refresh_from_db()
    assert service_b.last_reviewed < timezone.localdate()
    service_a.refresh_from_db()
    assert service_a.last_reviewed == timezone.localdate()
    assert any("not one you look after" in message for message in messages_of(response))


def test_still_correct_with_nothing_ticked_asks_to_tick(client_a, service_a):
    response = still_correct_several(client_a)
    assert response.status_code == 302
    assert any("Tick the listings" in message for message in messages_of(response))


def test_still_correct_is_post_only(client_a):
    assert client_a.get(reverse("providers_admin:still_correct_several")).status_code == 405


def test_still_correct_for_one_returns_to_the_providers_list_with_a_message(client_a, service_a):
    make_old(service_a)
    response = client_a.post(reverse("providers_admin:still_correct", args=[service_a.pk]))
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any("marked as checked today" in message for message in messages_of(response))


def test_while_the_team_checks_the_editor_says_so(client_a, service_a):
    client_a.post(
        reverse("wagtailadmin_pages:edit", args=[service_a.pk]),
        service_edit_data(service_a, action="submit", summary="Changed"),
    )
    content = client_a.get(reverse("wagtailadmin_pages:edit", args=[service_a.pk])).content.decode()
    assert "Your changes are with the directory team" in content
