"""Partner professionals: signed-in users from partner organisations (schools, GPs, health visiting) who may refer."""

from django.contrib.auth.models import Group

PARTNER_PROFESSIONALS = "Partner professionals"


def is_partner_professional(user):
    # The directory team may refer too (they take calls from professionals without an account).
    from directory.providers.access import is_directory_team

    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name=PARTNER_PROFESSIONALS).exists() or is_directory_team(user)


def ensure_partner_professionals():
    """The group, with no permissions: membership alone lets a user refer a family; idempotent."""
    group, _ = Group.objects.get_or_create(name=PARTNER_PROFESSIONALS)
    return group
