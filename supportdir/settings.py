"""supportdir settings: one module, configured from environment variables.

Every variable is listed, with its default, in `.env.example` and the README.
"""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from supportdir.env import database_from_url, env_bool, env_int, env_list, env_str
from supportdir.interface_languages import offered_languages

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR") or BASE_DIR / "data")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set it to a long random string, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# What the public pages say about this deployment.
SITE_NAME = env_str("SITE_NAME", "supportdir")
SITE_REGION = env_str("SITE_REGION", "Dane County, Wisconsin")
CRISIS_LINE_NAME = env_str("CRISIS_LINE_NAME", "988 Suicide & Crisis Lifeline")
# Its name on Spanish pages: a line's own Spanish name, which no catalogue can know.
CRISIS_LINE_NAME_ES = env_str(
    "CRISIS_LINE_NAME_ES", "988 Línea de Prevención del Suicidio y Crisis"
)
CRISIS_LINE_PHONE = env_str("CRISIS_LINE_PHONE", "988")
CRISIS_LINE_TEXT = env_str("CRISIS_LINE_TEXT", "988")
CRISIS_LINE_CHAT_URL = env_str("CRISIS_LINE_CHAT_URL", "https://988lifeline.org/chat/")
if CRISIS_LINE_CHAT_URL and not CRISIS_LINE_CHAT_URL.startswith("https://"):
    raise ImproperlyConfigured(
        f"CRISIS_LINE_CHAT_URL must be an https:// address, not {CRISIS_LINE_CHAT_URL!r}."
    )
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "911")
# The directory's data licence, an SPDX identifier (resources/hsds/licence.py); the code's is
# BSD-3-Clause. DATA_LICENSE_URL is needed only for a licence that module does not know.
DATA_LICENSE = env_str("DATA_LICENSE", "CC-BY-4.0")
DATA_LICENSE_URL = env_str("DATA_LICENSE_URL", "")
# Where the quick-exit button (and Escape pressed twice) sends a visitor: a site that looks
# ordinary to whoever walks in.
QUICK_EXIT_URL = env_str("QUICK_EXIT_URL", "https://weather.com/")
if not QUICK_EXIT_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"QUICK_EXIT_URL must be an http(s) address: {QUICK_EXIT_URL!r}.")
VERIFICATION_OVERDUE_DAYS = env_int("VERIFICATION_OVERDUE_DAYS", 365)
# "Madison" alone means the one in this state or region (as written in addresses).
HOME_REGION = env_str("HOME_REGION", "WI")
# Distances shown and searched in miles ("mi") or kilometres ("km").
DISTANCE_UNIT = env_str("DISTANCE_UNIT", "mi")
if DISTANCE_UNIT not in {"mi", "km"}:
    raise ImproperlyConfigured(f"DISTANCE_UNIT must be mi or km, not {DISTANCE_UNIT!r}.")

# Visitors' suggestions and problem reports: the spam and abuse limits (resources/public/spam.py).
SUBMISSION_RATE_LIMIT = env_int("SUBMISSION_RATE_LIMIT", 10)
SUBMISSION_RATE_WINDOW_MINUTES = env_int("SUBMISSION_RATE_WINDOW_MINUTES", 60)
SUBMISSION_MIN_SECONDS = env_int("SUBMISSION_MIN_SECONDS", 3)
SUBMISSION_MAX_LINKS = env_int("SUBMISSION_MAX_LINKS", 2)

# Request bodies (README: Limits). Any body larger than REQUEST_MAX_KB is refused with a 413
# before it is read (supportdir/middleware.py); the public forms' largest honest post, every
# field at its length limit in four-byte characters percent-encoded, is under 150 KB, and the
# curators' biggest admin forms are far smaller than 1 MB. The curators' HSDS upload
# (/admin/hsds/) alone may send up to HSDS_UPLOAD_MAX_MB: room for the importer's 20 MB file
# limit (resources/hsds/reading.py), whose own message then names the file's size.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_KB", 1024) * 1024
HSDS_UPLOAD_MAX_BYTES = env_int("HSDS_UPLOAD_MAX_MB", 100) * 1024 * 1024
# Django's own limits, set to agree: the fields of any body held in memory, the fields of a
# form (Django's default: an admin page with many inline rows stays well under it), and files
# in one post (the HSDS upload's one). An uploaded file larger than FILE_UPLOAD_MAX_MEMORY_SIZE
# goes to a temporary file rather than staying in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 1
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The API's format=ndjson dumps one server process streams at once; one more is refused with a
# 503 to try later. Half of gunicorn's threads (gunicorn.conf.py): the rest answer pages.
NDJSON_DUMPS_AT_ONCE = env_int("NDJSON_DUMPS_AT_ONCE", 4)

INSTALLED_APPS = [
    # django.contrib.admin, its site arranged for curators (supportdir/admin_site.py).
    "supportdir.admin_site.DirectoryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "resources",
]

MIDDLEWARE = [
    # /healthz and /readyz, before anything that could fail them or set a cookie.
    "supportdir.outages.HealthCheckMiddleware",
    # Every answer under /api/ in JSON, whichever of the middleware below refused the request.
    "resources.api.errors.ApiErrorsMiddleware",
    "supportdir.middleware.DropNulFromQueryMiddleware",
    "supportdir.middleware.PrivacyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language the address names (/es/...), English elsewhere: never a cookie or a header.
    "supportdir.middleware.LanguageFromUrlMiddleware",
    # Before anything reads a body (the CSRF check reads the form), after the language is known.
    "supportdir.middleware.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Tells whether the signed-in curator gave their second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Staff who have not yet are sent to set up or give it before any admin page.
    "supportdir.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Puts the signed-in curator's name on the history rows of everything a request saves.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a refused sign-in into the "signing in is paused" page; reads no database itself.
    "axes.middleware.AxesMiddleware",
    # Last, so its answer to a view that cannot reach the database passes through the others
    # (the Content Security Policy, the privacy headers) as a page would.
    "supportdir.outages.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "supportdir.urls"
WSGI_APPLICATION = "supportdir.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "resources.public.context.site",
                "resources.public.context.languages",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{DATA_DIR / 'supportdir.sqlite3'}"


def database_settings(name, url):
    """A DATABASES entry; the primary and its replicas are connected alike."""
    entry = database_from_url(
        name, url, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
    )
    if entry["ENGINE"] == "django.db.backends.sqlite3":
        # Several curators saving at once must wait for the write lock, not fail.
        entry["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
        entry["CONN_MAX_AGE"] = 0
    else:
        # A database host that does not answer at all fails the request (a 503, or /readyz)
        # within seconds, where the operating system would wait minutes.
        entry.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    return entry


DATABASES = {"default": database_settings("DATABASE_URL", DATABASE_URL)}

# Streaming replicas of the primary take the anonymous visitors' reads; supportdir/db_routers.py
# has the rule. The tests have no replication, so there each replica is the primary's database.
# (Lower-case names: the URLs may hold passwords, and settings are shown on debug pages.)
replica_urls = env_list("DATABASE_REPLICA_URLS")
for number, replica_url in enumerate(replica_urls, start=1):
    replica = database_settings(f"DATABASE_REPLICA_URLS: replica {number}", replica_url)
    if replica["ENGINE"] != DATABASES["default"]["ENGINE"]:
        # Search and imports pick their SQL by the primary's vendor.
        raise ImproperlyConfigured(
            f"DATABASE_REPLICA_URLS: replica {number} uses {replica['ENGINE']}, but the primary "
            f"(DATABASE_URL) uses {DATABASES['default']['ENGINE']}; they must be the same."
        )
    DATABASES[f"replica_{number}"] = {**replica, "TEST": {"MIRROR": "default"}}
if replica_urls:
    DATABASE_ROUTERS = ["supportdir.db_routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "supportdir.db_routers.ReadReplicaMiddleware",
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: the public forms' rate-limit counts, and what pages keep to save work. In memory by
# default, so nothing more is needed to run; with REDIS_URL every process of every app server
# shares one Redis. Keys start with CACHE_KEY_PREFIX, so deployments can share a Redis.
REDIS_URL = env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX") or slugify(SITE_NAME) or "supportdir"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "TIMEOUT": 300,
    }
}
if REDIS_URL:
    CACHES["default"] |= {
        # While Redis is unreachable each process caches (and counts rate limits) in its own
        # memory, and tries Redis again every few seconds (supportdir/cache.py).
        "BACKEND": "supportdir.cache.RedisCacheWithFallback",
        "LOCATION": REDIS_URL,
        # A Redis that is down or stuck is given up on within a second, where redis-py would
        # wait five seconds for each command.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }

# Background work: the admin's HSDS uploads are checked and imported by a worker process
# (`manage.py db_worker`, which `make run` starts beside the server) that takes the tasks from
# the database, never inside a web request a server's timeout would cut. TASKS_IMMEDIATE=true
# runs them inside the request instead, for a setup that cannot run a worker (and the tests).
TASKS_IMMEDIATE = env_bool("TASKS_IMMEDIATE", False)
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if TASKS_IMMEDIATE
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
# The interface languages the site may be translated into (issue 17). One is offered only once
# its compiled catalogue, locale/<code>/LC_MESSAGES/django.mo, is there: until then a browser
# asking for it gets the English page labelled as English (lang="en", Content-Language: en),
# never English text labelled as another language. English, the source language, always.
INTERFACE_LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LANGUAGES = offered_languages(INTERFACE_LANGUAGES, BASE_DIR / "locale", LANGUAGE_CODE)
USE_I18N = True
# Spanish as US Spanish writes times and numbers ("18:00", "2.3 millas"): supportdir/formats/es.
FORMAT_MODULE_PATH = ["supportdir.formats"]
TIME_ZONE = env_str("TIME_ZONE", "America/Chicago")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Where the curators' admin is served, e.g. "curators/" (no leading slash, one at the end).
ADMIN_URL = env_str("ADMIN_URL", "admin/")
if ADMIN_URL.startswith("/") or not ADMIN_URL.endswith("/") or ADMIN_URL == "/":
    raise ImproperlyConfigured(
        f"ADMIN_URL must be a path without a leading slash and with one at the end, such as "
        f"admin/ or curators/, not {ADMIN_URL!r}."
    )

# Curators' sign-in (README, "Curators' sign-in"). After SIGN_IN_FAILURE_LIMIT wrong passwords
# for one account, or from one address, signing in is refused for SIGN_IN_PAUSE_MINUTES before
# any password is checked, so a guesser cannot keep the server busy hashing; a curator who may
# unlock can lift it sooner in the admin. django-axes counts, in the database.
SIGN_IN_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
SIGN_IN_PAUSE_MINUTES = env_int("SIGN_IN_PAUSE_MINUTES", 15)
AUTHENTICATION_BACKENDS = [
    # First, so a paused sign-in is refused before the next backend hashes the password.
    "resources.curation.sign_in.PausedSignInBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=SIGN_IN_PAUSE_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "resources.public.spam.client_address"
AXES_LOCKOUT_CALLABLE = "resources.curation.sign_in.paused_response"
# Tries while paused do not start the pause again: an attacker cannot keep a curator out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
# Only failures are kept; successful sign-ins are not logged with their addresses.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False  # resources/admin/sign_in.py shows them in curators' words.
AXES_SENSITIVE_PARAMETERS = ["ip_address", "csrfmiddlewaretoken"]
AXES_VERBOSE = False

# Two-factor sign-in (an authenticator app, with recovery codes) for every staff account. On by
# default in production; REQUIRE_TWO_FACTOR=false relaxes it, e.g. for a private test copy.
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", not DEBUG)
OTP_TOTP_ISSUER = SITE_NAME

# Nothing is loaded from another host, and nothing runs inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# A refused form post gets a page that explains it and keeps the crisis line.
CSRF_FAILURE_VIEW = "resources.public.submissions.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Set only by pages with a form that posts, and gone when the browser closes.
CSRF_COOKIE_AGE = None
# HTTPS (README: Running it in production). Behind the proxy, X-Forwarded-Proto tells Django
# which requests came over HTTPS, so plain HTTP is redirected by default; without a proxy
# Django cannot tell (gunicorn on the loopback speaks plain HTTP), and `check --deploy` says so.
BEHIND_HTTPS_PROXY = env_bool("BEHIND_HTTPS_PROXY", False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_HTTPS_PROXY and not DEBUG)
# Browsers keep to HTTPS for a year (sent on HTTPS responses only), and so do this host's own
# subdomains, which a directory's host rarely has. Preloading is a promise for a whole
# registered domain, made by its owner at hstspreload.org, that takes months to undo: it is
# never this app's choice, so it is off and Django's reminder of it (W021) is silenced.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"drop_query_strings": {"()": "supportdir.log_filters.DropQueryStrings"}},
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
        "server": {"format": "[{server_time}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["drop_query_strings"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
    },
}
