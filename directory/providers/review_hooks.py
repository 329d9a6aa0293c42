"""Admin wiring for reminders and closures: the "This service has closed" action, the team's reports, history."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import LogFormatter

from directory.models import ServicePage
from directory.providers import review_urls
from directory.providers.access import is_directory_team
from directory.providers.closing import (
    CLOSURE_APPROVED_ACTION,
    CLOSURE_DECLINED_ACTION,
    CLOSURE_REQUESTED_ACTION,
    can_ask_to_close,
)
from directory.providers.models import ReminderStage
from directory.providers.reminders import REMINDER_SENT_ACTION
from sitewide.admin_buttons import register_page_buttons


@hooks.register("register_admin_urls")
def register_review_admin_urls():
    return [path("providers/review/", include((review_urls, "providers_review")))]


class ServiceHasClosedButton(PageMenuItem):
    label = _("This service has closed")
    icon_name = "cross"
    url_name = "providers_review:close_service"

    def is_shown(self, user):
        return self.page.specific_class is ServicePage and self.page.live and can_ask_to_close(user, self.page)


register_page_buttons(ServiceHasClosedButton, header_priority=14, listing_priority=4)


class DirectoryTeamReportItem(MenuItem):
    def is_shown(self, request):
        return is_directory_team(request.user)


@hooks.register("register_reports_menu_item")
def register_overdue_report():
    return DirectoryTeamReportItem(
        _("Overdue after reminders"),
        reverse("providers_review:overdue"),
        name="overdue-after-reminders",
        icon_name="warning",
        order=110,
    )


@hooks.register("register_reports_menu_item")
def register_closures_queue():
    return DirectoryTeamReportItem(
        _("Closures to approve"),
        reverse("providers_review:closures"),
        name="closures-to-approve",
        icon_name="cross",
        order=120,
    )


def _reason(log_entry):
    return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    @actions.register_action(REMINDER_SENT_ACTION)
    class ReminderSent(LogFormatter):
        label = _("Review reminder")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            try:
                stage = ReminderStage(data.get("stage")).label
            except ValueError:
                stage = ""
            sent = data.get("sent", 0)
            message = ngettext(
                "Review reminder sent %(stage)s to %(sent)s person",
                "Review reminder sent %(stage)s to %(sent)s people",
                sent,
            ) % {"stage": stage, "sent": sent}
            if data.get("skipped"):
                message += _("; %(skipped)s skipped (inactive, no email or undeliverable)") % {
                    "skipped": data["skipped"]
                }
            return message

    @actions.register_action(CLOSURE_REQUESTED_ACTION)
    class ClosureRequested(LogFormatter):
        label = _("Asked to close")

        def format_message(self, log_entry):
            return _("Said the service has closed: %(reason)s") % {"reason": _reason(log_entry)}

    @actions.register_action(CLOSURE_APPROVED_ACTION)
    class ClosureApproved(LogFormatter):
        label = _("Closed")

        def format_message(self, log_entry):
            return _("Unpublished because the service has closed: %(reason)s") % {"reason": _reason(log_entry)}

    @actions.register_action(CLOSURE_DECLINED_ACTION)
    class ClosureDeclined(LogFormatter):
        label = _("Closure declined")

        def format_message(self, log_entry):
            return _("Kept published; the provider had said: %(reason)s") % {"reason": _reason(log_entry)}
