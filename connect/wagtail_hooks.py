"""Admin wiring for requests: the inbox URLs, its menu item, the home panel and the audit log's actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from connect import admin_urls, audit
from connect.inbox import can_use_inbox
from connect.panels import RequestsPanel


@hooks.register("register_admin_urls")
def register_connect_admin_urls():
    return [path("requests/", include((admin_urls, "connect_admin")))]


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_inbox(request.user)


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("Requests"), reverse("connect_admin:inbox"), icon_name="mail", order=250)


@hooks.register("construct_homepage_panels")
def add_requests_panel(request, panels):
    panels.insert(0, RequestsPanel())


@hooks.register("register_log_actions")
def register_connect_log_actions(actions):
    for action, (label, message) in audit.ACTIONS.items():
        actions.register_action(action, label, message)
