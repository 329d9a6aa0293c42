"""Settings shared by every environment; every environment variable is read here, once."""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- The environment, read once --------------------------------------------------
SECRET_KEY = os.environ.get("SECRET_KEY", "")  # no default: dev and test set their own
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "earlyhelp-services")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
# A cluster with security on (8.x default): its CA (the http_ca.crt it generated), and an API key or a user.
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_USER = os.environ.get("ELASTICSEARCH_USER", "")
ELASTICSEARCH_PASSWORD = os.environ.get("ELASTICSEARCH_PASSWORD", "")
ELASTICSEARCH_CLOUD_ID = os.environ.get("ELASTICSEARCH_CLOUD_ID", "")  # Elastic Cloud, instead of a URL
ELASTICSEARCH_SHARDS = int(os.environ.get("ELASTICSEARCH_SHARDS", "1"))
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))  # 0 keeps a one-node cluster green
# A request the cluster refuses (a 4xx) is a bug: raised when true (tests, DEBUG), else logged and answered by
# the fallback.
ELASTICSEARCH_RAISE_REJECTED = env_bool("ELASTICSEARCH_RAISE_REJECTED", DEBUG)
# An entry of SEARCH_BACKENDS ("database", "elasticsearch") to search with instead of "default".
SEARCH_BACKEND_NAME = os.environ.get("SEARCH_BACKEND", "")
GEODATA_PATH = Path(os.environ.get("GEODATA_PATH", BASE_DIR / "var" / "geo.sqlite3"))
EARLYHELP_AREA = os.environ.get("EARLYHELP_AREA", "west-sussex")
DEMO_MODE = env_bool("DEMO_MODE", False)
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "directory@example.org")
# In CI, tests for these components fail instead of skipping when they are missing.
EARLYHELP_REQUIRE = set(env_list("EARLYHELP_REQUIRE"))
# Behind a proxy, the request header that holds the visitor's address (e.g. HTTP_X_REAL_IP) for rate limits.
RATELIMIT_IP_HEADER = os.environ.get("RATELIMIT_IP_HEADER", "")
# Each worker writes the search log from a thread of its own, so no search waits for that write (on SQLite,
# behind a feed import's batch). Off, the row is written inside the request.
SEARCH_LOG_IN_BACKGROUND = env_bool("SEARCH_LOG_IN_BACKGROUND", True)
# Addresses never rate limited: only for a load test's client, never in production.
RATELIMIT_EXEMPT_IPS = set(env_list("RATELIMIT_EXEMPT_IPS"))
# The cache every worker shares (rate limits): Redis when set, else a table in the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Requests per minute one client may make to /api/search.
SEARCH_API_RATE_PER_MINUTE = int(os.environ.get("SEARCH_API_RATE_PER_MINUTE", "120"))
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "")
ORUK_SCHEMA_DIR = Path(os.environ.get("ORUK_SCHEMA_DIR", BASE_DIR.parent / "shared" / "oruk"))
# How much of an Open Referral UK feed an import will read (directory/exchange/fetch.py): pages, bytes after
# decompression over all pages, seconds per read and per page, redirects, and how deep its JSON may nest.
ORUK_FEED_MAX_PAGES = int(os.environ.get("ORUK_FEED_MAX_PAGES", "2000"))
ORUK_FEED_MAX_BYTES = int(os.environ.get("ORUK_FEED_MAX_BYTES", str(1024 * 1024 * 1024)))
ORUK_FEED_TIMEOUT = float(os.environ.get("ORUK_FEED_TIMEOUT", "20"))
ORUK_FEED_PAGE_SECONDS = float(os.environ.get("ORUK_FEED_PAGE_SECONDS", "120"))
ORUK_FEED_MAX_REDIRECTS = int(os.environ.get("ORUK_FEED_MAX_REDIRECTS", "5"))
ORUK_FEED_MAX_DEPTH = int(os.environ.get("ORUK_FEED_MAX_DEPTH", "32"))
# Given coordinates further than this from the centre of their postcode are a mistake in one or the other.
ORUK_POSTCODE_TOLERANCE_KM = float(os.environ.get("ORUK_POSTCODE_TOLERANCE_KM", "5"))
# Requests to be contacted hold personal data, encrypted with these Fernet keys (comma-separated):
# the first encrypts, every one decrypts, so a new key goes first and an old one leaves after re-encryption.
CONNECT_ENCRYPTION_KEYS = env_list("CONNECT_ENCRYPTION_KEYS")  # secret: no default (dev and test set their own)
# Days a request is kept after it is declined or closed; `manage.py purge_requests` deletes it after that.
CONNECT_RETENTION_DAYS = int(os.environ.get("CONNECT_RETENTION_DAYS", "90"))
# Trusted organisations' changes that touch no text field (times, dates, ages, tags) go live without
# waiting for the directory team. Off by default: every change is checked.
DIRECTORY_AUTO_APPROVE_TRUSTED_UNCHANGED_TEXT = env_bool("DIRECTORY_AUTO_APPROVE_TRUSTED_UNCHANGED_TEXT", False)

# Days a claim to manage a listing is kept after it is decided (or asked, if never decided); purge_requests deletes it.
CLAIM_RETENTION_DAYS = int(os.environ.get("CLAIM_RETENTION_DAYS", "90"))
# GOV.UK Notify: set the API key to send through Notify; without it messages go by Django's email backend.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
# Notify template ids, as "name=template-id" pairs separated by commas (names are listed in the README).
NOTIFY_TEMPLATE_IDS = dict(pair.split("=", 1) for pair in env_list("NOTIFY_TEMPLATE_IDS") if "=" in pair)
# ---------------------------------------------------------------------------------

INSTALLED_APPS = [
    "home",
    "directory",
    "directory.providers",
    "directory.feeds",
    "directory.watching",
    "directory.claims",
    "search",
    "signposting",
    "sitewide",
    "connect",
    "insight",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "earlyhelp.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Before Wagtail's admin views run: a provider's request naming another organisation's page is refused.
    "directory.providers.visibility.ProviderScopeMiddleware",
]

ROOT_URLCONF = "earlyhelp.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "sitewide.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "earlyhelp.wsgi.application"

# SQLite under concurrent writers: wait up to 20 s for the lock, and take it at the start of each
# transaction so two writers queue instead of failing half way with "database is locked". WAL lets pages
# be read while an import writes (a rollback journal locks readers out during each commit); NORMAL sync is
# safe under WAL and keeps short transactions cheap.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
}
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)
    if DATABASE_URL
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "var" / "db.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A SQLite file named by DATABASE_URL queues its writers the same way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Planner costs for solid-state storage (the default random_page_cost of 4 assumes spinning disks): with
    # them a selective search reads the full-text GIN index instead of every service's words (12 against 88 ms
    # for "speech and language" over 20,000 services).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Each language's name in its own script, for the language switcher; the area profile picks which are offered.
LANGUAGE_NAMES = {"en": "English", "pl": "Polski", "ar": "العربية", "ur": "اردو", "ro": "Română"}


def area_languages(area):
    """The UI languages the area profile offers ("languages" in directory/areas/<area>.json); English first."""
    profile = BASE_DIR / "directory" / "areas" / f"{area}.json"
    codes = json.loads(profile.read_text(encoding="utf-8")).get("languages", ["en"]) if profile.exists() else ["en"]
    return [(LANGUAGE_CODE if code == "en" else code, LANGUAGE_NAMES[code]) for code in codes]


LANGUAGES = area_languages(EARLYHELP_AREA)
# The second holds month names Django's own catalogue gets wrong for a language (Romanian writes them in lower case).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "earlyhelp" / "formats" / "locale"]
# Dates in each language's grammar through its DATE_FORMAT (Polish "29 października 2026"); British English here.
FORMAT_MODULE_PATH = ["earlyhelp.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "dist"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

WAGTAIL_SITE_NAME = "Early help directory"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# The service search (search.backends), modelsearch style: a dotted path and its options per entry.
# Elasticsearch reads ELASTICSEARCH_URL, _INDEX, _TIMEOUT, _CLOUD_ID, _CA_CERTS, _API_KEY, _USER, _PASSWORD,
# _SHARDS and _REPLICAS unless given URL, INDEX, TIMEOUT, CLOUD_ID, ... here.
SEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends.database"},
    "database": {"BACKEND": "search.backends.database"},
    "elasticsearch": {"BACKEND": "search.backends.elasticsearch"},
}
if ELASTICSEARCH_URL or ELASTICSEARCH_CLOUD_ID:
    # The embedded database answers whenever the cluster cannot.
    SEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends.fallback",
        "PRIMARY": "elasticsearch",
        "FALLBACK": "database",
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt"]
WAGTAIL_I18N_ENABLED = False
# No Gravatar in the back office: it would send a hash of every provider's email address to a third party
# (and the CSP blocks the image anyway, leaving a broken picture). Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
TAGGIT_CASE_INSENSITIVE = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSP_EXEMPT_PATH_PREFIXES = ["/admin/", "/django-admin/"]

# Shared by every gunicorn worker, so a limit of 5 is 5 and not 5 per worker. The database cache's
# table comes with `migrate` (sitewide/apps.py); enough entries that culling never drops live counters.
CACHE_TABLE = "earlyhelp_cache"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "sitewide.cache.DatabaseCache", "LOCATION": CACHE_TABLE, "OPTIONS": {"MAX_ENTRIES": 100_000}}
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "earlyhelp": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Django logs every request line with the query string, which would write
        # searchers' postcodes to the log: keep only warnings and errors.
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

AREA_LABELS = {"west-sussex": _("West Sussex"), "lancashire": _("Lancashire"), "essex": _("Essex")}
