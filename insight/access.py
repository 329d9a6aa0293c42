"""Who may see the insight pages: the Commissioner group, the directory team and superusers; never providers."""

COMMISSIONER_GROUP = "Commissioner"
VIEW_INSIGHT = "insight.view_insight"


def can_see_insight(user):
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(VIEW_INSIGHT)))
