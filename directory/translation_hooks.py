"""The admin's "Translate" action on a service: a new translation page under it, in the usual editor."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from directory.models import ServicePage
from directory.translations import ServiceTranslationPage, content_languages


class TranslateServiceButton(PageMenuItem):
    label = _("Translate")
    icon_name = "globe"

    @property
    def url(self):
        return reverse("wagtailadmin_pages:add", args=("directory", "servicetranslationpage", self.page.pk))

    def is_shown(self, user):
        # Whoever may add pages under the service (its organisation's providers, the directory team) may translate
        # it, into a language it has no translation in yet; the translation then goes through moderation.
        if self.page.specific_class is not ServicePage or not content_languages():
            return False
        if not self.page.permissions_for_user(user).can_add_subpage():
            return False
        done = set(ServiceTranslationPage.objects.child_of(self.page).values_list("locale__language_code", flat=True))
        return any(code not in done for code, _name in content_languages())


@hooks.register("register_page_header_buttons")
def translate_header_button(page, user, view_name, next_url=None):
    yield TranslateServiceButton(page=page, priority=15)


@hooks.register("register_page_listing_more_buttons")
def translate_listing_button(page, user, next_url=None):
    yield TranslateServiceButton(page=page, priority=4)
