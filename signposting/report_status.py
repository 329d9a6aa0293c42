"""Closing the loop on reports: their status, who changed it and when (Wagtail's log), and the provider's "fixed"."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from directory.providers.listings import services_for
from signposting import notify
from signposting.models import ListingReport

Status = ListingReport.Status
# One log action per status the report moves to: the history reads "Marked fixed by Alice, 3 Dec 14:02".
ACTIONS = {
    Status.NEW: ("signposting.report.new", _("Report marked new"), _("Marked the report new")),
    Status.WITH_PROVIDER: (
        "signposting.report.with_provider",
        _("Report passed to the provider"),
        _("Passed the report to the provider"),
    ),
    Status.FIXED: ("signposting.report.fixed", _("Report marked fixed"), _("Marked the report fixed")),
    Status.REJECTED: ("signposting.report.rejected", _("Report rejected"), _("Rejected the report")),
}
CHECKED_ACTION = ("signposting.report.checked", _("Listing checked after a fix"), _("Checked the listing after a fix"))


def reports_for(user):
    """Reports about the services the user looks after (every report for the directory team)."""
    return ListingReport.objects.filter(service__in=services_for(user).values("pk"))


def open_reports_for(user):
    """Reports still open (new, or with the provider) on the user's own listings; every open one for the team."""
    return reports_for(user).filter(status__in=ListingReport.OPEN_STATUSES)


def record_status(report, before, user):
    """Log the move from `before` to the report's status, with who made it."""
    if report.status == before:
        return None
    return log(report, ACTIONS[report.status][0], user=user, data={"from": before, "to": report.status})


def record_checked(report, checked_before, user):
    """Log the team's "check this listing" task done (the flag a provider's "fixed" set, now unticked)."""
    if checked_before and not report.needs_check:
        return log(report, CHECKED_ACTION[0], user=user)
    return None


def history(report):
    """The report's log, oldest first: status changes (and the team's edits) with who and when."""
    from wagtail.log_actions import registry

    return registry.get_logs_for_instance(report).select_related("user").order_by("timestamp", "pk")


class NotYours(Exception):
    """The report is about a listing the user does not look after, or is already closed."""


def mark_fixed_by_provider(report_id, user):
    """The provider says the listing is right now: close the report and give the team a "check this listing" task.

    The task is the report's `needs_check` flag (the team's list filters on it) and an email to the team;
    nothing about the listing's own review date changes, since no one has checked it yet.
    """
    with transaction.atomic():
        report = reports_for(user).select_for_update().filter(pk=report_id).first()
        if report is None or not report.is_open:
            raise NotYours
        before = report.status
        report.status = Status.FIXED
        report.needs_check = True
        report.save()
        record_status(report, before, user)
    notify.report_fixed(report, user)
    return report
