"""The "Overdue after reminders" admin report: live listings still unchecked after the last reminder stage."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import ServicePage
from directory.providers.access import DirectoryTeamOnly
from directory.providers.escalation import schedule_for_area
from directory.providers.freshness import services_due_for_review
from directory.providers.models import ReminderStage, ReviewReminder
from directory.providers.reports import ListingsToCheckView


def overdue_after_reminders(today=None, schedule=None):
    """Live services past the last stage's day whose last stage was sent for the current due date."""
    today = today or timezone.localdate()
    schedule = schedule or schedule_for_area()
    past_last_stage = services_due_for_review(
        today - datetime.timedelta(days=schedule.after_days), ServicePage.objects.live()
    )
    sent_for_cycle = {
        (service_id, due_date)
        for service_id, due_date in ReviewReminder.objects.filter(
            service__in=past_last_stage, stage=ReminderStage.AFTER
        ).values_list("service_id", "due_date")
    }
    ids = [
        service.pk
        for service in past_last_stage.only("pk", "last_reviewed", "review_interval_months")
        if (service.pk, service.review_due) in sent_for_cycle
    ]
    return ServicePage.objects.filter(pk__in=ids)


class OverdueAfterRemindersView(DirectoryTeamOnly, ListingsToCheckView):
    """The listings report's columns and export, for the directory team only, after the last reminder."""

    page_title = _("Overdue after reminders")
    header_icon = "warning"
    index_url_name = "providers_review:overdue"
    index_results_url_name = "providers_review:overdue_results"

    def get_filename(self):
        return f"overdue-after-reminders-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return overdue_after_reminders().order_by("last_reviewed", "title")
