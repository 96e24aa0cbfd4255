"""OpenKP settings: one module, every deployment-specific value read from the environment.

See README.md ("Configuration") for the variables and a production example.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    # Tests and tools still need a key; a deployment must set its own (check --deploy says so).
    SECRET_KEY = "django-insecure-openkp-local-only-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "django_htmx",
    "openkp.core",
    "openkp.accounts",
    "openkp.catalog",
    "openkp.structures",
    "openkp.events",
    "openkp.communication",
    "openkp.library",
    "openkp.needs",
    "openkp.plans",
    "django_filters",
    "openkp.api",
    "openkp.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "openkp.core.middleware.PageMethodMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "openkp.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "openkp.core.middleware.AreaMiddleware",
    # Last, so that it sees a failed log-in after every other middleware has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openkp.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'openkp.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several web workers write at once (survey answers, registrations): transactions take the write lock when
    # they begin instead of failing with "database is locked" when they upgrade, and WAL lets reads go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: inline without Redis, Celery with it (openkp.core.jobs).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Reminders and e-mail retries (openkp.core.periodic); without Celery run `manage.py run_periodic` from cron.
CELERY_BEAT_SCHEDULE = {"openkp-periodic": {"task": "openkp.run_periodic", "schedule": 300.0}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
# Password reset e-mails: at most this many per e-mail address, and reset requests per client IP, in an hour.
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_PER_IP = env.int("PASSWORD_RESET_LIMIT_PER_IP", default=10)
INVITATION_VALID_DAYS = 14

# Log-in throttling: 10 failures in 5 minutes lock the user + IP pair for 5 minutes, and 20 failures
# of any usernames lock the IP address (password spraying). Axes counts each parameter set separately
# against a single limit; openkp.accounts.lockout gives each set its own.
LOGIN_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
LOGIN_FAILURE_LIMIT_PER_IP = env.int("LOGIN_FAILURE_LIMIT_PER_IP", default=20)
AXES_FAILURE_LIMIT = "openkp.accounts.lockout.failure_limit"
AXES_HANDLER = "openkp.accounts.lockout.LockoutHandler"
AXES_COOLOFF_TIME = 5 / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0) or None
AXES_VERBOSE = False

LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", _("čeština")), ("en", _("angličtina"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "frontend" / "dist"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Largest file accepted by the document library (megabytes); keep the web server's body limit a little above it.
LIBRARY_MAX_UPLOAD_MB = env.int("LIBRARY_MAX_UPLOAD_MB", default=25)
# Largest registry file (MPSV rpss.json, about 100 MB for the whole country) accepted by the staff import.
REGISTRY_MAX_UPLOAD_MB = env.int("REGISTRY_MAX_UPLOAD_MB", default=200)
# Largest HSDS upload (all files of one import together) accepted by the staff import.
HSDS_MAX_UPLOAD_MB = env.int("HSDS_MAX_UPLOAD_MB", default=50)
# Imports read a table once, row by row, and refuse it at the first row over their limit (rows with data,
# without the header); a small compressed file may hold millions of rows.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=50_000)  # answers of a survey (XLSX or CSV)
IMPORT_MAX_ROWS_XLSFORM = env.int("IMPORT_MAX_ROWS_XLSFORM", default=5_000)  # each sheet of an XLSForm questionnaire
IMPORT_MAX_ROWS_DEMOGRAPHY = env.int("IMPORT_MAX_ROWS_DEMOGRAPHY", default=500_000)
IMPORT_MAX_ROWS_MUNICIPALITIES = env.int("IMPORT_MAX_ROWS_MUNICIPALITIES", default=100_000)  # the whole country has ~22 000
IMPORT_MAX_ROWS_ADDRESS_POINTS = env.int("IMPORT_MAX_ROWS_ADDRESS_POINTS", default=4_000_000)  # RÚIAN: ~3 million
IMPORT_MAX_ROWS_REGISTRY = env.int("IMPORT_MAX_ROWS_REGISTRY", default=50_000)  # records of rpss.json: ~7 000
IMPORT_MAX_ROWS_CODEBOOK = env.int("IMPORT_MAX_ROWS_CODEBOOK", default=10_000)
# An XLSX is a ZIP: the sheets and their shared texts unpacked (a "zip bomb" guard).
IMPORT_MAX_XLSX_SHEETS_MB = env.int("IMPORT_MAX_XLSX_SHEETS_MB", default=300)
IMPORT_MAX_XLSX_SHARED_STRINGS_MB = env.int("IMPORT_MAX_XLSX_SHARED_STRINGS_MB", default=50)
# The parsed table of an answers import waits here (private, never under MEDIA_ROOT) between the steps.
IMPORT_WORK_DIR = env.path("IMPORT_WORK_DIR", default=BASE_DIR / "var" / "imports")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The public address of the installation, for links in e-mails sent without a request (reminders).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OpenKP <noreply@openkp.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production (DEBUG off) gets secure cookies and HSTS; see README for the proxy set-up.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A refused form gets a Czech page in the site's layout that leads back to the filled form.
CSRF_FAILURE_VIEW = "openkp.core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
# On by default outside DEBUG; set it off only behind a proxy that redirects to HTTPS itself.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer's health check may speak plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # GDS web components inject <style> elements: allowed by nonce, never 'unsafe-inline'.
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that a request without credentials gets 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "openkp.api.pagination.PagePagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "openkp.api.schema.ApiAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OpenKP API",
    "DESCRIPTION": "Komunitní plánování sociálních služeb — veřejné a správní rozhraní.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "openkp.api.schema.add_error_components"],
    # Redoc from the static files (drf-spectacular-sidecar), not from a CDN the CSP would block.
    "REDOC_DIST": "SIDECAR",
}

# Map tiles of the catalogue (Leaflet). Empty: the map shows places without a background layer,
# which keeps the page usable offline and sends no visitor data to a tile server.
# Public survey form: saves and submissions per address in 10 minutes (against scripted spam; no address is stored).
NEEDS_RESPONSE_RATE = (env.int("NEEDS_RESPONSE_RATE", default=30), 600)
# Rendered catalogue search results are cached this long (0 = off); a change of the catalogue is seen at once.
CATALOG_SEARCH_CACHE_SECONDS = env.int("CATALOG_SEARCH_CACHE_SECONDS", default=300)
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
if MAP_TILE_URL:
    from urllib.parse import urlsplit

    _tiles = urlsplit(MAP_TILE_URL.replace("{s}.", "*."))  # {s} = tile subdomains a, b, c
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
