"""Who may watch, and what: the directory team anything in the directory; commissioners what the public sees."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from directory.models import OrganisationPage, ServicePage
from directory.providers.access import is_directory_team

# The insight app's group (insight/access.py); `directory` does not import `insight`, so the name is repeated.
COMMISSIONER_GROUP = "Commissioner"
WATCHABLE = (ServicePage, OrganisationPage)


class WatchRefused(Exception):
    """This person may not watch this page; the message says why, politely."""


def is_commissioner(user):
    return user.is_active and user.groups.filter(name=COMMISSIONER_GROUP).exists()


def may_watch(user):
    return bool(user.is_authenticated and user.is_active and (is_directory_team(user) or is_commissioner(user)))


def sees_drafts(user):
    """The team sees every page in the admin; commissioners only what is published."""
    return is_directory_team(user)


def sees_public_reports(user):
    # signposting's DirectoryTeamPolicy: public reports are the team's alone.
    return is_directory_team(user)


def watchable_pages(user):
    """Services and organisations this person may watch (none for anyone else)."""
    if not may_watch(user):
        return Page.objects.none()
    pages = Page.objects.type(*WATCHABLE)
    return pages if sees_drafts(user) else pages.live()


def check_can_watch(user, page):
    if not may_watch(user):
        raise WatchRefused(_("Watching is for the directory team and commissioners."))
    if page.specific_class not in WATCHABLE:
        raise WatchRefused(_("Only services and organisations can be watched."))
    if not watchable_pages(user).filter(pk=page.pk).exists():
        raise WatchRefused(_("You can only watch listings that are on the public site."))
