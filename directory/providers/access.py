"""Who may do what: a Wagtail group per provider organisation, the directory team and its moderation workflow."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.admin.auth import permission_denied
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

DIRECTORY_TEAM = "Directory team"
PROVIDER_GROUP_PREFIX = "Provider: "
WORKFLOW_NAME = "Directory team approval"
# Group names are limited to 150 characters; leave room for a disambiguating suffix.
MAX_TITLE_IN_GROUP_NAME = 120

# Providers add and edit in their own subtree; "publish" follows the organisation's `trusted` flag.
PROVIDER_PAGE_PERMISSIONS = ("add", "change")
TEAM_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")
VOCABULARY_ACTIONS = ("add", "change", "delete", "view")
# Our own permission: invite providers, mark organisations trusted, import, see the listings to check.
MANAGE_PROVIDERS = "providers.manage_providers"


def _permission(model, codename):
    """The Permission for `codename` on `model`, created if post_migrate has not run yet (data migrations)."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def _page_permission(action):
    return _permission(Page, f"{action}_page")


def _admin_access():
    from wagtail.admin.models import Admin

    return _permission(Admin, "access_admin")


def _manage_providers_permission():
    from directory.providers.models import ProviderInvite

    return _permission(ProviderInvite, MANAGE_PROVIDERS.split(".", 1)[1])


def _directory_index():
    from directory.models import DirectoryIndexPage

    # Query the base page table only, so this also works inside a data migration.
    return Page.objects.type(DirectoryIndexPage).order_by("path").first()


def _set_page_permission(group, page, action, wanted):
    permission = _page_permission(action)
    if wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    else:
        GroupPagePermission.objects.filter(group=group, page=page, permission=permission).delete()


# --- Provider groups ----------------------------------------------------------


def provider_groups(organisation):
    """The provider groups holding page permissions on this organisation (normally exactly one)."""
    return Group.objects.filter(
        name__startswith=PROVIDER_GROUP_PREFIX, page_permissions__page_id=organisation.pk
    ).distinct()


def provider_group_for(organisation):
    """The organisation's provider group, created with its page permissions when missing; idempotent."""
    group = provider_groups(organisation).order_by("pk").first()
    if group is None:
        base = PROVIDER_GROUP_PREFIX + organisation.title[:MAX_TITLE_IN_GROUP_NAME]
        name = base
        if Group.objects.filter(name=name).exists():
            # Two organisations with the same name: keep the groups apart by page id.
            name = f"{base} (#{organisation.pk})"
        group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_admin_access())
    for action in PROVIDER_PAGE_PERMISSIONS:
        _set_page_permission(group, organisation, action, True)
    _set_page_permission(group, organisation, "publish", bool(organisation.trusted))
    return group


@transaction.atomic
def give_provider_access(user, organisation):
    """Let `user` add, edit and submit services under `organisation` (and publish if it is trusted)."""
    group = provider_group_for(organisation)
    user.groups.add(group)
    return group


def remove_provider_access(user, organisation):
    user.groups.remove(*provider_groups(organisation))


def sync_publish_permission(organisation):
    """Make the provider groups' publish permission follow `organisation.trusted`."""
    for group in provider_groups(organisation):
        _set_page_permission(group, organisation, "publish", bool(organisation.trusted))


def organisations_for(user):
    """The organisation pages a user has provider access to (all of them for the team and superusers)."""
    from directory.models import OrganisationPage

    if user.is_superuser or is_directory_team(user):
        return OrganisationPage.objects.all()
    page_ids = GroupPagePermission.objects.filter(
        group__in=user.groups.filter(name__startswith=PROVIDER_GROUP_PREFIX)
    ).values("page_id")
    return OrganisationPage.objects.filter(pk__in=page_ids)


def provider_users(organisation):
    """Active users with provider access to this organisation."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__in=provider_groups(organisation), is_active=True).distinct()


def _emails(users):
    return sorted({user.email for user in users if user.email})


def provider_emails(organisation):
    return _emails(provider_users(organisation))


# --- The directory team -------------------------------------------------------


def directory_team_emails():
    """The directory team's addresses; the site's superusers' when the team has no members yet."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    return _emails(users.filter(groups__name=DIRECTORY_TEAM)) or _emails(users.filter(is_superuser=True))


def is_directory_team(user):
    return user.is_active and (user.is_superuser or user.has_perm(MANAGE_PROVIDERS))


class DirectoryTeamOnly:
    """A view for the directory team alone: anyone else gets Wagtail's "permission denied"."""

    def dispatch(self, request, *args, **kwargs):
        if not is_directory_team(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


def _vocabulary_models():
    from directory.vocabularies import CONTROLLED

    return tuple(vocabulary.model for vocabulary in CONTROLLED)


@transaction.atomic
def ensure_directory_team():
    """The "Directory team" group with everything it needs to run the directory; idempotent."""
    team, _ = Group.objects.get_or_create(name=DIRECTORY_TEAM)
    permissions = [_admin_access(), _manage_providers_permission()]
    for model in _vocabulary_models():
        name = model._meta.model_name
        permissions += [_permission(model, f"{action}_{name}") for action in VOCABULARY_ACTIONS]
    for model in settings_registry:
        permissions.append(_permission(model, f"change_{model._meta.model_name}"))
    team.permissions.add(*permissions)
    index = _directory_index()
    if index is not None:
        for action in TEAM_PAGE_PERMISSIONS:
            _set_page_permission(team, index, action, True)
    ensure_moderation_workflow(team)
    return team


@transaction.atomic
def ensure_moderation_workflow(team=None):
    """The "Directory team approval" workflow, owned by the team, on the directory index; idempotent."""
    if team is None:
        team, _ = Group.objects.get_or_create(name=DIRECTORY_TEAM)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(team)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    index = _directory_index()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow
