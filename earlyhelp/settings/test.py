"""Settings for the test suite: fast hashing, plain static storage, in-memory email."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105  (tests only)
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ELASTICSEARCH_INDEX = "test_" + ELASTICSEARCH_INDEX  # noqa: F405
ELASTICSEARCH_RAISE_REJECTED = True  # a request the cluster refuses is a bug: fail the test
DEMO_MODE = False
WHITENOISE_USE_FINDERS = True  # live-server browser tests serve frontend/dist without collectstatic
WHITENOISE_AUTOREFRESH = True
SEARCH_API_RATE_PER_MINUTE = 100_000  # tests of the limit set their own
# Written inside the request, so a test reads the row straight after its search; the background writer has
# its own tests (tests/search/test_search_log.py).
SEARCH_LOG_IN_BACKGROUND = False
# One process, a fresh cache per test; tests/hardening/test_shared_limits.py runs the shared stores under gunicorn.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A fixed Fernet key, for tests only; production refuses to start without CONNECT_ENCRYPTION_KEYS.
CONNECT_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWtleS1ub3Qtc2VjcmV0LTAwMDAwMDA="]
NOTIFY_API_KEY = ""  # tests that use Notify set it and point NOTIFY_BASE_URL at a local stand-in
