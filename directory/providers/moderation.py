"""Moderating a provider's changes: who submitted what, approve or request changes, and trusted auto-approval."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy
from wagtail.models import TaskState

from directory.models import OrganisationPage, ServicePage
from directory.providers.access import is_directory_team
from directory.providers.compare import changed_text_fields

APPROVE = "approve"
REQUEST_CHANGES = "reject"  # Wagtail's name for "Request changes"


class NotAwaitingReview(Exception):
    """The page has no task this user can act on (already decided, withdrawn, or not theirs to moderate)."""


@dataclass(frozen=True)
class Submission:
    """A change waiting for the directory team: the page, the revision, who sent it and for which organisation."""

    page: object
    task_state: object
    revision: object
    submitted_by: object
    organisation: object

    @property
    def submitter_name(self):
        user = self.submitted_by
        if user is None:
            return ""
        return user.get_full_name() or user.get_username()


def organisation_of(page):
    if isinstance(page, OrganisationPage):
        return page
    parent = page.get_parent()
    if parent is not None and parent.specific_class is ServicePage:
        # A service's translation (directory/translations.py): its organisation is the service's.
        parent = parent.get_parent()
    return parent.specific if parent is not None and parent.specific_class is OrganisationPage else None


def submission_for(page, user):
    """The change on `page` that `user` may decide now; NotAwaitingReview when there is none."""
    task_state = page.current_workflow_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        raise NotAwaitingReview
    task = task_state.task.specific
    if not task.get_actions(page, user):
        raise NotAwaitingReview
    revision = task_state.revision
    return Submission(
        page=page,
        task_state=task_state,
        revision=revision,
        submitted_by=revision.user if revision else None,
        organisation=organisation_of(page),
    )


def decide(submission, user, action, comment=""):
    """Approve (publishes) or request changes (the provider sees `comment` on their dashboard and editor)."""
    if action not in (APPROVE, REQUEST_CHANGES):
        raise ValueError(action)
    task = submission.task_state.task.specific
    task.on_action(submission.task_state, user, action, comment=comment)


def changes_requested(page):
    """The directory team's request for changes still open on `page`: {"comment", "by", "at"}, or None."""
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != workflow_state.STATUS_NEEDS_CHANGES:
        return None
    task_state = workflow_state.current_task_state
    if task_state is None:
        return None
    by = task_state.finished_by
    return {
        "comment": task_state.get_comment(),
        "by": (by.get_full_name() or by.get_username()) if by else "",
        "at": task_state.finished_at,
    }


# --- Trusted organisations, no words changed: approved at once (a setting, off by default) ---------

AUTO_APPROVED_COMMENT = gettext_lazy("Approved automatically: a trusted organisation, and no text changed.")


def auto_approve_if_allowed(page, user):
    """Approve the change just submitted on `page` when the setting allows it; True if it was approved.

    Only for a ServicePage of an organisation marked trusted, submitted by one of its providers (not
    the team), and only when no text field changed against the live version: numbers, dates, times,
    yes/no and tags may change without a second pair of eyes; words may not.
    """
    if not getattr(settings, "DIRECTORY_AUTO_APPROVE_TRUSTED_UNCHANGED_TEXT", False):
        return False
    if page.specific_class is not ServicePage or is_directory_team(user):
        return False
    # Afresh: the editor's instance caches its workflow state from before the submission.
    page = ServicePage.objects.get(pk=page.pk)
    if not page.live:
        return False
    organisation = organisation_of(page)
    if organisation is None or not organisation.trusted:
        return False
    task_state = page.current_workflow_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return False
    if changed_text_fields(page, task_state.revision.as_object()):
        return False
    task_state.task.specific.on_action(task_state, user, APPROVE, comment=str(AUTO_APPROVED_COMMENT))
    return True
