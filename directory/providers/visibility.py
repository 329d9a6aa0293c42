"""What a provider may see in the admin: their own organisations' pages and the way down to them, nothing else."""

from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from directory.providers.access import is_directory_team

# Site-wide views with nothing a provider needs: counts of every page type with the latest page's title,
# and Wagtail's deliberate error page.
TEAM_ONLY_VIEWS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_error_test",
}
TEAM_ONLY_MENU_ITEMS = {"page-types-usage"}
# URL parameters that name a page, in the admin's own views and its choosers.
PAGE_ID_PARAMETERS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
# Views that take page ids in the query string (`?id=7&id=9`), besides the page bulk actions.
PAGE_IDS_IN_QUERY_VIEWS = {"wagtailadmin_choose_page_chosen_multiple"}


def sees_everything(user):
    return is_directory_team(user)


def visible_pages(user):
    """Pages the user may see in the admin: Wagtail's own rule for the explorer (pages they have a permission
    on, and those pages' ancestors), so the public's suggestions and other organisations' pages stay out."""
    if sees_everything(user):
        return Page.objects.all()
    return PagePermissionPolicy().explorable_instances(user)


def _page_ids(request, view_kwargs):
    ids = [view_kwargs[name] for name in PAGE_ID_PARAMETERS if name in view_kwargs]
    match = request.resolver_match
    if match.url_name == "wagtail_bulk_action" and view_kwargs.get("app_label") == "wagtailcore":
        ids += request.GET.getlist("id") + request.GET.getlist("childOf")
    elif match.url_name in PAGE_IDS_IN_QUERY_VIEWS:
        ids += request.GET.getlist("id")
    return ids


class ProviderScopeMiddleware:
    """Refuse admin views that would show a page the user may not see, before Wagtail renders its title.

    Wagtail refuses to edit such a page, but some views still print it: the chooser's heading and
    breadcrumbs for `/admin/choose-page/<id>/`, the bulk-action confirmation's list of pages "you cannot
    act on", the site-wide page types report. The hooks in wagtail_hooks.py narrow the lists; this guards
    the views that name one page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path_info.startswith("/admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or sees_everything(user):
            return None
        if match.view_name in TEAM_ONLY_VIEWS:
            return permission_denied(request)
        ids = _page_ids(request, view_kwargs)
        wanted = {int(value) for value in ids if str(value).isdigit()}
        if wanted and visible_pages(user).filter(pk__in=wanted).count() != len(wanted):
            return permission_denied(request)
        return None
