"""Admin wiring for watching: the Watch action on services and organisations, and the "My watches" menu item."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from directory.watching import urls
from directory.watching.access import WATCHABLE, may_watch
from directory.watching.models import Watch
from sitewide.admin_buttons import register_page_buttons


@hooks.register("register_admin_urls")
def register_watching_urls():
    return [path("watching/", include((urls, "watching")))]


class WatchButton(PageMenuItem):
    icon_name = "view"
    url_name = "watching:watch_page"

    def is_shown(self, user):
        if self.page.specific_class not in WATCHABLE or not may_watch(user):
            return False
        self.label = _("Stop watching") if Watch.objects.filter(user=user, page=self.page).exists() else _("Watch")
        return True


register_page_buttons(WatchButton, header_priority=16, listing_priority=5)


class MyWatchesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_watch(request.user)


@hooks.register("register_admin_menu_item")
def register_my_watches_menu_item():
    return MyWatchesMenuItem(_("My watches"), reverse("watching:my_watches"), icon_name="view", order=270)
