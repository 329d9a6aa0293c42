"""Demo log-ins: an admin superuser and one provider user per demo organisation, with known passwords."""

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from directory.providers.access import give_provider_access

ADMIN_USERNAME = "admin"
# Known on purpose: the demo prints them. demo_allowed() keeps them off anything that is not a demo.
ADMIN_PASSWORD = "demo-admin-password"  # noqa: S105
PROVIDER_PASSWORD = "demo-provider-password"  # noqa: S105
PROVIDER_PREFIX = "provider-"


class DemoNotAllowed(RuntimeError):
    pass


def demo_allowed():
    return bool(settings.DEBUG or getattr(settings, "DEMO_MODE", False))


def check_demo_allowed():
    if not demo_allowed():
        raise DemoNotAllowed(
            "The demo creates accounts with published passwords, so it runs only with DEBUG or DEMO_MODE on."
        )


@functools.cache
def _provider_password_hash():
    # Hashing is deliberately slow (about half a second); every demo provider shares the one password.
    return make_password(PROVIDER_PASSWORD)


def provider_username(organisation):
    return f"{PROVIDER_PREFIX}{organisation.slug}"[:150]


def ensure_provider_user(organisation):
    """The organisation's demo provider user, created with the demo password if missing; returns (user, created)."""
    user, created = get_user_model().objects.get_or_create(
        username=provider_username(organisation),
        defaults={"email": f"{provider_username(organisation)[:60]}@example.org", "first_name": "Demo"},
    )
    if created:
        user.password = _provider_password_hash()
        user.save(update_fields=["password"])
    give_provider_access(user, organisation)
    return user, created


def ensure_admin():
    """The demo superuser; an existing `admin` keeps its password. Returns (user, created)."""
    user, created = get_user_model().objects.get_or_create(
        username=ADMIN_USERNAME, defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save(update_fields=["password"])
    elif not (user.is_superuser and user.is_staff and user.is_active):
        user.is_superuser = user.is_staff = user.is_active = True
        user.save(update_fields=["is_superuser", "is_staff", "is_active"])
    return user, created
