"""Admin wiring: the insight URLs and the "Local offer insight" menu, shown only to those who may see it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from insight import urls
from insight.access import can_see_insight


@hooks.register("register_admin_urls")
def register_insight_urls():
    return [path("insight/", include((urls, "insight")))]


class InsightMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_insight(request.user)


class InsightSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can_see_insight(request.user)


@hooks.register("register_admin_menu_item")
def register_insight_menu():
    menu = Menu(
        items=[
            InsightMenuItem(_("Coverage"), reverse("insight:coverage"), icon_name="table", order=100),
            InsightMenuItem(_("What families search for"), reverse("insight:demand"), icon_name="search", order=200),
            InsightMenuItem(_("Freshness and quality"), reverse("insight:quality"), icon_name="time", order=300),
        ]
    )
    return InsightSubmenu(_("Local offer insight"), menu, icon_name="table", name="insight", order=270)
