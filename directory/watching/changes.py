"""What changed on the pages someone watches in a window of time, limited to what that person may see.

Changes are Wagtail's own history (published revisions, unpublishes, new pages, "still correct") and the
public's reports about a listing. An organisation's watch covers the services under it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Min
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageLogEntry

from directory.models import OrganisationPage, ServicePage
from directory.providers.freshness import STILL_CORRECT_ACTION
from directory.providers.listings import listing_report_model
from directory.watching.access import sees_drafts, sees_public_reports

PUBLISHED = "published"
UNPUBLISHED = "unpublished"
NEW_DRAFT = "new_draft"
NEW_SERVICE = "new_service"
CHECKED = "checked"
PUBLIC_REPORT = "public_report"

KIND_LABELS = {
    PUBLISHED: _("changes published"),
    UNPUBLISHED: _("unpublished: no longer on the public site"),
    NEW_DRAFT: _("new service added (a draft, not yet public)"),
    NEW_SERVICE: _("new service published"),
    CHECKED: _("checked: still correct"),
    PUBLIC_REPORT: _("reported by a member of the public"),
}
# `first_published_at` and the log entry of that publish are stamped moments apart.
FIRST_PUBLICATION_SLACK = datetime.timedelta(minutes=1)
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
UNPUBLISH_ACTIONS = ("wagtail.unpublish", "wagtail.unpublish.scheduled")


@dataclass(frozen=True)
class Change:
    when: object  # datetime
    kind: str
    page_id: int
    title: str
    watched_id: int  # the page the person watches (the service itself, or its organisation)
    key: tuple  # what makes it the same change when two watches see it
    detail: str = ""

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def _scope(watch):
    """{page id: page} the watch covers: the service, or the organisation and its services."""
    page = watch.page
    pages = {page.pk: page}
    if page.specific_class is OrganisationPage:
        pages.update({child.pk: child for child in Page.objects.child_of(page).type(ServicePage)})
    return pages


def _is_first_publication(page, entry):
    """The publish that put the page on the site for the first time (imported pages may have no such entry)."""
    first = page.first_published_at
    return first is not None and abs(entry.timestamp - first) <= FIRST_PUBLICATION_SLACK


def _history(user, watch, pages, since, until):
    organisation_id = watch.page.pk if watch.page.specific_class is OrganisationPage else None
    actions = PUBLISH_ACTIONS + UNPUBLISH_ACTIONS + ("wagtail.create", STILL_CORRECT_ACTION)
    entries = PageLogEntry.objects.filter(
        page_id__in=list(pages), timestamp__gt=since, timestamp__lte=until, action__in=actions
    ).order_by("timestamp", "pk")
    drafts_visible = sees_drafts(user)
    live_ids = set(Page.objects.filter(pk__in=list(pages)).live().values_list("pk", flat=True))
    first_publish = dict(
        PageLogEntry.objects.filter(page_id__in=list(pages), action__in=PUBLISH_ACTIONS)
        .order_by()
        .values("page_id")
        .annotate(first=Min("pk"))
        .values_list("page_id", "first")
    )
    for entry in entries:
        page = pages[entry.page_id]
        is_child = entry.page_id != watch.page.pk and organisation_id is not None
        if entry.action == "wagtail.create":
            # A new service is news to the team at once; to others only once it is published.
            if not (drafts_visible and is_child):
                continue
            kind = NEW_DRAFT
        elif entry.action in UNPUBLISH_ACTIONS:
            kind = UNPUBLISHED
        elif not drafts_visible and entry.page_id not in live_ids:
            continue  # published then taken down: the unpublish says so
        elif entry.action == STILL_CORRECT_ACTION:
            kind = CHECKED
        elif is_child and first_publish.get(entry.page_id) == entry.pk and _is_first_publication(page, entry):
            kind = NEW_SERVICE
        else:
            kind = PUBLISHED
        yield Change(entry.timestamp, kind, entry.page_id, page.title, watch.page.pk, ("log", entry.pk))


def _public_reports(user, watch, pages, since, until):
    model = listing_report_model()
    if model is None or not sees_public_reports(user):
        return
    reports = model.objects.filter(service_id__in=list(pages), created_at__gt=since, created_at__lte=until)
    for report in reports.order_by("created_at", "pk"):
        # The reason only: the details are free text, read in the admin.
        detail = report.get_reason_display() if hasattr(report, "get_reason_display") else ""
        page = pages[report.service_id]
        yield Change(
            report.created_at, PUBLIC_REPORT, page.pk, page.title, watch.page.pk, ("report", report.pk), detail
        )


def changes_for(user, watches, since_by_watch, until):
    """[Change] for `user`'s watches, each watch from its own `since` up to `until`, oldest first, no repeats."""
    seen = set()
    changes = []
    for watch in watches:
        since = since_by_watch[watch.pk]
        pages = _scope(watch)
        for change in (*_history(user, watch, pages, since, until), *_public_reports(user, watch, pages, since, until)):
            if change.key not in seen:
                seen.add(change.key)
                changes.append(change)
    return sorted(changes, key=lambda change: (change.when, change.key))
