"""Production settings: refuse to start without the secrets and hosts it needs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

for _name, _value in (
    ("SECRET_KEY", SECRET_KEY),  # noqa: F405
    ("ALLOWED_HOSTS", ALLOWED_HOSTS),  # noqa: F405
    ("DATABASE_URL", DATABASE_URL),  # noqa: F405
    ("CONNECT_ENCRYPTION_KEYS", CONNECT_ENCRYPTION_KEYS),  # noqa: F405
):
    if not _value:
        raise ImproperlyConfigured(f"{_name} must be set in the environment for production.")

DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
