"""Production settings: refuse to start without the secrets and hosts it needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

for _name, _value in (
    ("SECRET_KEY", SECRET_KEY),  # noqa: F405
    ("ALLOWED_HOSTS", ALLOWED_HOSTS),  # noqa: F405
    ("DATABASE_URL", DATABASE_URL),  # noqa: F405
):
    if not _value:
        raise ImproperlyConfigured(f"{_name} must be set in the environment for production.")

# The same bar as Django's security.W009, but refusing to start rather than warning: a guessable key
# lets anyone sign a session or a password-reset link.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH  # noqa: F405
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS  # noqa: F405
    or SECRET_KEY.startswith("django-insecure-")  # noqa: F405
):
    raise ImproperlyConfigured(
        f"SECRET_KEY must be at least {SECRET_KEY_MIN_LENGTH} random characters for production "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
# A wildcard host lets any Host header through, and with it poisoned links in password-reset emails.
if any("*" in host for host in ALLOWED_HOSTS):  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts for production, not '*'.")

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
