"""Settings for `make run` on a developer's machine: SQLite, console email, debug on."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
DEMO_MODE = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A fixed Fernet key for a developer's machine only; production refuses to start without its own.
CONNECT_ENCRYPTION_KEYS = CONNECT_ENCRYPTION_KEYS or ["ZGV2LW9ubHkta2V5LW5vdC1zZWNyZXQtMDAwMDAwMDA="]  # noqa: F405
