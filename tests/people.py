"""People for tests: a user with a known password, as the providers, team and claims tests make them."""

from django.contrib.auth import get_user_model

PASSWORD = "not-a-real-password-42"


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD, **extra
    )
