"""The "Overdue after reminders" admin report: live listings still unchecked after the last reminder stage."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from directory.models import ServicePage
from directory.providers.access import is_directory_team
from directory.providers.escalation import schedule_for_area
from directory.providers.freshness import services_due_for_review
from directory.providers.listings import attach_organisations
from directory.providers.models import ReminderStage, ReviewReminder


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


def _date(value):
    return date_format(value, "j M Y") if value else ""


class OverdueAfterRemindersView(ReportView):
    page_title = _("Overdue after reminders")
    header_icon = "warning"
    index_url_name = "providers_review:overdue"
    index_results_url_name = "providers_review:overdue_results"
    paginate_by = 50
    columns = [
        TitleColumn("title", label=_("Service"), url_name="wagtailadmin_pages:edit"),
        Column("organisation_title", label=_("Organisation")),
        Column("last_checked", label=_("Last checked"), accessor=lambda service: _date(service.last_reviewed)),
        Column("review_due_on", label=_("Check due"), accessor=lambda service: _date(service.review_due)),
        Column(
            "stale",
            label=_("Public page"),
            accessor=lambda service: _("Says it may be out of date") if service.is_stale else "",
        ),
    ]
    list_export = ["title", "organisation_title", "last_reviewed", "review_due", "is_stale"]
    export_headings = {
        "title": _("Service"),
        "organisation_title": _("Organisation"),
        "last_reviewed": _("Last checked"),
        "review_due": _("Check due"),
        "is_stale": _("Over 12 months since checked"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_directory_team(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"overdue-after-reminders-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return overdue_after_reminders().order_by("last_reviewed", "title")

    def decorate_paginated_queryset(self, object_list):
        return attach_organisations(object_list)
