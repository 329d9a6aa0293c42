"""Admin wiring for providers: menus, the "Still correct" button, the listings report, home panels, guards."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from directory.models import OrganisationPage, ServicePage
from directory.providers import admin_urls, compare  # noqa: F401  (compare registers the comparison classes)
from directory.providers.access import is_directory_team
from directory.providers.freshness import STILL_CORRECT_ACTION
from directory.providers.panels import DirectoryTeamPanel, ProviderServicesPanel
from directory.providers.reports import can_see_listings_to_check
from directory.providers.visibility import TEAM_ONLY_MENU_ITEMS, sees_everything, visible_pages


@hooks.register("register_admin_urls")
def register_provider_admin_urls():
    return [path("providers/", include((admin_urls, "providers_admin")))]


class DirectoryTeamMenuItem(MenuItem):
    def is_shown(self, request):
        return is_directory_team(request.user)


@hooks.register("register_admin_menu_item")
def register_providers_menu():
    menu = Menu(
        items=[
            DirectoryTeamMenuItem(
                _("Invite a provider"), reverse("providers_admin:invite"), icon_name="mail", order=100
            ),
            DirectoryTeamMenuItem(
                _("Import services"), reverse("providers_admin:import_services"), icon_name="upload", order=200
            ),
        ]
    )
    return SubmenuMenuItem(_("Providers"), menu, icon_name="group", order=260)


class ListingsToCheckMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_listings_to_check(request.user)


@hooks.register("register_reports_menu_item")
def register_listings_to_check_menu_item():
    return ListingsToCheckMenuItem(
        _("Listings to check"),
        reverse("providers_admin:listings_to_check"),
        name="listings-to-check",
        icon_name="time",
        order=100,
    )


class StillCorrectButton(PageMenuItem):
    label = _("Still correct")
    icon_name = "tick"
    url_name = "providers_admin:still_correct"

    def is_shown(self, user):
        return self.page.specific_class is ServicePage and self.page.permissions_for_user(user).can_edit()


@hooks.register("register_page_header_buttons")
def still_correct_header_button(page, user, view_name, next_url=None):
    yield StillCorrectButton(page=page, priority=12)


@hooks.register("register_page_listing_more_buttons")
def still_correct_listing_button(page, user, next_url=None):
    yield StillCorrectButton(page=page, priority=3)


@hooks.register("construct_homepage_panels")
def add_provider_panels(request, panels):
    panels.insert(0, ProviderServicesPanel())
    panels.append(DirectoryTeamPanel())


@hooks.register("register_log_actions")
def register_provider_log_actions(actions):
    actions.register_action(STILL_CORRECT_ACTION, _("Still correct"), _("Confirmed the listing is still correct"))


# Organisation pages are the directory team's to delete or move, even for a trusted provider
# whose publish permission would otherwise allow it on an organisation without services.
def _organisation_guard(request, pages):
    if is_directory_team(request.user):
        return None
    if any(page.specific_class is OrganisationPage for page in pages):
        return permission_denied(request)
    return None


@hooks.register("before_delete_page")
def organisation_delete_guard(request, page):
    return _organisation_guard(request, [page])


@hooks.register("before_move_page")
def organisation_move_guard(request, page, destination):
    return _organisation_guard(request, [page])


@hooks.register("before_bulk_action")
def organisation_bulk_guard(request, action_type, objects, action_class_instance):
    if action_type in ("delete", "move", "unpublish"):
        return _organisation_guard(request, [obj for obj in objects if hasattr(obj, "specific_class")])
    return None


# --- Providers see only their own (directory/providers/visibility.py) ---------------------------


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_only_visible_pages(pages, request):
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_only_visible_pages(parent_page, pages, request):
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


@hooks.register("construct_reports_menu")
def hide_team_only_reports(request, menu_items):
    if not sees_everything(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in TEAM_ONLY_MENU_ITEMS]
