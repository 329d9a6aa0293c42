"""Who may manage feeds: the directory team (and superusers), nobody else."""

from wagtail.permission_policies import ModelPermissionPolicy

from directory.providers.access import is_directory_team


class DirectoryTeamFeedPolicy(ModelPermissionPolicy):
    """Feeds decide what appears in the directory, so only the team may add, change, delete or run them."""

    def user_has_permission(self, user, action):
        return is_directory_team(user) or super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def can_run_feeds(user) -> bool:
    return is_directory_team(user)
