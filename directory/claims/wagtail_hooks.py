"""Admin wiring for claims: the team's screens and their menu item."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from directory.claims import admin_urls
from directory.providers.access import is_directory_team


@hooks.register("register_admin_urls")
def register_claims_admin_urls():
    return [path("claims/", include((admin_urls, "claims_admin")))]


class ClaimsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_directory_team(request.user)


@hooks.register("register_admin_menu_item")
def register_claims_menu_item():
    return ClaimsMenuItem(_("Claims"), reverse("claims_admin:index"), name="claims", icon_name="key", order=265)
