"""The admin's "Translate" action on a service: a new translation page under it, in the usual editor."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.menus.pages import PageMenuItem

from directory.models import ServicePage
from directory.translations import ServiceTranslationPage, content_languages
from sitewide.admin_buttons import register_page_buttons


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


register_page_buttons(TranslateServiceButton, header_priority=15, listing_priority=4)
