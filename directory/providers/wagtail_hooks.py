"""Admin wiring for providers: menus, the editor's actions, "Still correct", review, home panels, guards."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import PageLockedMenuItem, PublishMenuItem, SubmitForModerationMenuItem
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from directory.models import OrganisationPage, ServicePage
from directory.providers import admin_urls, compare  # noqa: F401  (compare registers the comparison classes)
from directory.providers.access import is_directory_team
from directory.providers.dashboard import ChangesToCheckPanel, ProviderWorkPanel
from directory.providers.freshness import STILL_CORRECT_ACTION
from directory.providers.moderation import auto_approve_if_allowed, changes_requested
from directory.providers.panels import DirectoryTeamPanel, ProviderServicesPanel
from directory.providers.reports import can_see_listings_to_check
from directory.providers.visibility import TEAM_ONLY_MENU_ITEMS, sees_everything, visible_pages
from sitewide.admin_buttons import register_page_buttons


@hooks.register("insert_global_admin_css")
def providers_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("providers/admin.css"))


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


register_page_buttons(StillCorrectButton, header_priority=12, listing_priority=3)


class ReviewChangesButton(PageMenuItem):
    label = _("Review changes")
    icon_name = "doc-empty-inverse"
    url_name = "providers_admin:review_changes"

    def is_shown(self, user):
        task = self.page.current_workflow_task
        return task is not None and bool(task.specific.get_actions(self.page, user))


@hooks.register("register_page_header_buttons")
def review_changes_header_button(page, user, view_name, next_url=None):
    yield ReviewChangesButton(page=page, priority=5)


# Wagtail's "Awaiting your review" panel names only the sender's account; the team's own panel names the
# organisation too and leads to the page where they compare and decide.
WAGTAIL_MODERATION_PANEL = "workflow_objects_to_moderate"


@hooks.register("construct_homepage_panels")
def add_provider_panels(request, panels):
    if is_directory_team(request.user):
        panels[:] = [panel for panel in panels if getattr(panel, "name", "") != WAGTAIL_MODERATION_PANEL]
        panels.insert(0, ChangesToCheckPanel())
    else:
        panels.insert(0, ProviderServicesPanel())
        panels.insert(0, ProviderWorkPanel())
    panels.append(DirectoryTeamPanel())


# --- The editor's main action says what happens -----------------------------------------------


class ExplainedAction:
    """The editor's main button, with one line under it saying what happens next (see wagtailadmin/pages/edit.html)."""

    what_happens_next = ""
    changes_requested = None


class SubmitForCheckingMenuItem(ExplainedAction, SubmitForModerationMenuItem):
    label = _("Submit for checking")

    def __init__(self, *args, resubmit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.resubmit = resubmit
        self.what_happens_next = _(
            "The directory team checks your changes before they go live. Until then the public page stays as it is."
        )

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        # Wagtail names the workflow ("Submit to Directory team approval"); providers need the verb.
        context["label"] = gettext("Submit for checking again") if self.resubmit else gettext("Submit for checking")
        return context


class PublishNowMenuItem(ExplainedAction, PublishMenuItem):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.what_happens_next = _("Your organisation is trusted: your changes go on the public page straight away.")


class WaitingForCheckMenuItem(ExplainedAction, PageLockedMenuItem):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.what_happens_next = _(
            "Your changes are with the directory team. You can edit again once they approve or ask for changes."
        )


class AskTeamToCheckMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = gettext("Ask the directory team to check first")
        return context


@hooks.register("construct_page_action_menu")
def providers_main_action_says_what_happens(menu_items, request, context):
    """For providers: "Publish" first when their organisation is trusted, else "Submit for checking"; never
    "Save draft" as the main button. New per-request items, because Wagtail's own are shared singletons."""
    if is_directory_team(request.user):
        return
    by_name = {item.name: item for item in menu_items}
    page = context.get("page")
    note = changes_requested(page) if page is not None and page.pk else None
    if "action-publish" in by_name:
        main = PublishNowMenuItem(order=by_name["action-publish"].order)
        replacements = {"action-publish": main}
        if "action-submit" in by_name:
            replacements["action-submit"] = AskTeamToCheckMenuItem(order=by_name["action-submit"].order)
    elif "action-submit" in by_name:
        main = SubmitForCheckingMenuItem(order=by_name["action-submit"].order, resubmit=note is not None)
        replacements = {"action-submit": main}
    elif "action-page-locked" in by_name and page is not None and page.workflow_in_progress:
        main = WaitingForCheckMenuItem(order=by_name["action-page-locked"].order)
        replacements = {"action-page-locked": main}
    else:
        return
    main.changes_requested = note
    items = [replacements.get(item.name, item) for item in menu_items if item.name != main.name]
    menu_items[:] = [main, *items]


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def approve_trusted_changes_without_new_words(request, page):
    if request.POST.get("action-submit") and auto_approve_if_allowed(page, request.user):
        messages.success(
            request,
            gettext("Published straight away: your organisation is trusted and no wording changed."),
        )


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
