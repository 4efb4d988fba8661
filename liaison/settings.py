"""Liaison's settings: one file, every deploy-time value from the environment.

Without any environment the project runs on the embedded default: the PostgreSQL server that
`make run` and `make test` start (liaison/local_postgres.py), e-mails on the console, Celery
tasks run eagerly (no broker). Set DEBUG=False for production: it then refuses to start
without a real SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from liaison import local_postgres
from liaison.reference.countries import localised_country_names

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; the real environment wins

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("DEBUG is off: set SECRET_KEY to a random value of at least 50 characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG is off: set ALLOWED_HOSTS to the host names served.")

INSTALLED_APPS = [
    # django.contrib.admin, with a site that asks for the two-factor code (liaison/web/sites.py).
    "liaison.web.sites.LiaisonAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
    "django_countries",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Liaison's rooms for cross-app features (liaison/<room>/), then the business apps.
    "liaison.web",
    "liaison.reference",
    "liaison.demo",
    "liaison.reminders",
    "liaison.backups",
    "liaison.search",
    "liaison.dashboard",
    "liaison.calendar",
    "liaison.home",
    "liaison.api",
    "liaison.privacy",
    "liaison.audit",
    "liaison.reports",
    "liaison.work",
    "contacts",
    "partnerships",
    "funding",
    "events",
]

MIDDLEWARE = [
    # First: every response and every log line of the request carry its id (liaison/web/request_ids.py).
    "liaison.web.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A body larger than MAX_REQUEST_BYTES is a 413 page before it is read (liaison/web/uploads.py).
    "liaison.web.uploads.RequestSizeMiddleware",
    "liaison.web.middleware.IdleSessionMiddleware",
    # No NUL or other control character reaches a view (liaison/web/middleware.py).
    "liaison.web.middleware.InputControlMiddleware",
    # A query stopped by the statement timeout is a 503 page saying so (liaison/web/timeouts.py).
    "liaison.web.timeouts.StatementTimeoutMiddleware",
    # A rate limit passed is a 429 page (RATELIMIT_VIEW), not a 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Every view needs a logged-in user unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # request.user.is_verified(), then: administrators, supervisors and officers who turned it on give their
    # two-factor code before any page (liaison/web/two_factor.py).
    "django_otp.middleware.OTPMiddleware",
    "liaison.web.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # 404 pages in the application's layout and language, with DEBUG on too (liaison/web/middleware.py).
    "liaison.web.middleware.ErrorPagesMiddleware",
    # Cache-Control: private, no-store for logged-in users; Permissions-Policy (liaison/web/middleware.py).
    "liaison.web.middleware.PrivatePagesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "liaison.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "liaison.web.context_processors.roles",
                "liaison.reminders.context_processors.notifications",
                "liaison.reminders.context_processors.heartbeat",
            ],
        },
    },
]

# --- Database: PostgreSQL at DATABASE_URL, else the embedded server in .postgres/ ------------
# Reading the embedded server's socket directory starts nothing: `make db` does that.
DATABASE_URL = env("DATABASE_URL", default="")
DATABASES = {"default": env.db_url_config(DATABASE_URL) if DATABASE_URL else local_postgres.settings_dict()}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No statement runs longer than this (milliseconds; 0 for none): well inside gunicorn's 30 s worker timeout, so a
# runaway query is a 503 page (liaison/web/timeouts.py), never a killed worker. Migrations lift it for themselves.
STATEMENT_TIMEOUT = env.int("STATEMENT_TIMEOUT", default=20_000)
if STATEMENT_TIMEOUT > 0:
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c statement_timeout={STATEMENT_TIMEOUT}".strip()
# Global search gives each provider's query this long (milliseconds); one stopped is left out and the page says so.
SEARCH_STATEMENT_TIMEOUT = env.int("SEARCH_STATEMENT_TIMEOUT", default=2_000)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when configured, local memory otherwise ------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication -----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor log-in (django-otp): the name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "Liaison"
# Nobody, administrators included, reads another user's secret key in the admin (they could copy the app);
# an administrator resets a lost app by deleting the user's device there.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: after five failures a username/address pair waits 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A 10,000-character username is cut before axes stores it; behind the proxy, the client's own address counts,
# not the proxy's (liaison/web/login.py).
AXES_USERNAME_CALLABLE = "liaison.web.login.axes_username"
AXES_CLIENT_IP_CALLABLE = "liaison.web.login.client_ip"
# Rate limits (django-ratelimit, in Redis): the login form per username, password resets per address,
# exports, search and autocomplete per user. Past one, a 429 page.
RATELIMIT_IP_META_KEY = "liaison.web.login.client_ip"
RATELIMIT_VIEW = "liaison.web.views.ratelimited"
RATELIMITS = {
    "login": env("RATELIMIT_LOGIN", default="20/h"),
    "password_reset": env("RATELIMIT_PASSWORD_RESET", default="5/h"),
    "export": env("RATELIMIT_EXPORT", default="30/m"),
    "search": env("RATELIMIT_SEARCH", default="60/m"),
    "autocomplete": env("RATELIMIT_AUTOCOMPLETE", default="300/m"),
    # The public registration pages (events.public), per client address, POSTs only.
    "registration": env("REGISTRATION_RATE_LIMIT", default="10/h"),
    # The public feedback form (events.public.feedback), per client address, POSTs only.
    "feedback": env("FEEDBACK_RATE_LIMIT", default="10/h"),
    # The public feed of upcoming events (events.feed), per client address.
    "public_feed": env("RATELIMIT_PUBLIC_FEED", default="120/m"),
}
# Activity reports over a longer period than this (days) are made by a Celery worker, with a progress page.
REPORT_BACKGROUND_DAYS = env.int("REPORT_BACKGROUND_DAYS", default=366)
# How long a website or calendar application may keep the public event feed before asking again (seconds).
PUBLIC_FEED_MAX_AGE = env.int("PUBLIC_FEED_MAX_AGE", default=900)

# --- Languages and time -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ms", _("Bahasa Malaysia"))]
LOCALE_PATHS = [BASE_DIR / "liaison" / "locale"]
FORMAT_MODULE_PATH = ["liaison.formats"]
TIME_ZONE = "Asia/Kuala_Lumpur"
USE_I18N = True
USE_TZ = True

# --- Static files: Bootstrap, htmx, Chart.js come from npm (node_modules), served by whitenoise
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/tom-select", NODE_MODULES / "tom-select" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
# manage.py backup: where the archives go, how many days they are kept, where pg_dump is (optional).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
BACKUP_KEEP_DAYS = env.int("BACKUP_KEEP_DAYS", default=14)
PG_BIN_DIR = env("PG_BIN_DIR", default="")

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every SMTP command gives up after this many seconds, so a stalled server cannot stall a sweep; a
# delivery being sent is leased for much longer than a send can take (liaison/reminders/delivery.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
REMINDER_DELIVERY_LEASE = env.int("REMINDER_DELIVERY_LEASE", default=600)
# A temporary failure (4xx, timeout, disconnection) is retried after these many seconds, then the
# e-mail is failed for good (seconds, comma-separated; the soak suite shortens them).
REMINDER_RETRY_DELAYS = [int(s) for s in env.list("REMINDER_RETRY_DELAYS", default=["300", "900", "2700"])]
# Invitations (events/invitations.py): at most this many a minute, this many seconds apart.
INVITATIONS_PER_MINUTE = env.int("INVITATIONS_PER_MINUTE", default=60)
INVITATION_PAUSE = env.float("INVITATION_PAUSE", default=0.5)
# Data protection (README, "Data protection"): a person with no interaction or participation for this many years
# comes up for review, as does one whose retention review date has passed; one kept is reviewed again this many
# years later unless another date is chosen.
RETENTION_INACTIVE_YEARS = env.int("RETENTION_INACTIVE_YEARS", default=5)
RETENTION_KEEP_YEARS = env.int("RETENTION_KEEP_YEARS", default=2)
# How often the sweep runs (beat's schedule): three intervals without one alert the administrators.
REMINDER_SWEEP_INTERVAL = env.int("REMINDER_SWEEP_INTERVAL", default=300)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Liaison <liaison@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in reminder e-mails start with this address: production must name its own.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")
if not DEBUG and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("DEBUG is off: set SITE_URL to the https:// address users reach (reminder links).")
# Who receives server errors by e-mail (e.g. "Ops <ops@example.org>,Lee <lee@example.org>"); Django 5.2 takes
# (name, address) pairs.
ADMINS = [parseaddr(address) for address in env.list("ADMINS", default=[]) if address]

# --- Celery: Redis as the broker; without REDIS_URL tasks run eagerly, in-process -----------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Workers and beat survive the broker: a Redis outage or restart never ends them, they reconnect on
# their own, for as long as it takes (also at start-up).
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# A web request that enqueues a task must not hang when Redis is down: the publish gives up fast
# (its own retry policy below, and socket timeouts that also cover a Redis that accepts connections
# but never answers), and the database-driven sweeps deliver what was due.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}

# Asia-Pacific first in every country list, then the world.
COUNTRIES_FIRST = [
    "MY",
    "ID",
    "PH",
    "TH",
    "VN",
    "SG",
    "BN",
    "KH",
    "LA",
    "MM",
    "TL",
    "CN",
    "JP",
    "KR",
    "IN",
    "BD",
    "PK",
    "LK",
    "NP",
    "AU",
    "NZ",
    "FJ",
]
COUNTRIES_FIRST_BREAK = "──────────"
COUNTRIES_FIRST_REPEAT = True
# Malay country names from the CLDR (django-countries has no Malay catalogue): liaison/reference/countries.py
COUNTRIES_OVERRIDE = localised_country_names()

# --- Forms ----------------------------------------------------------------------------------
# Every filter left open reads "Any", as the yes/no filters do (liaison/web/widgets.YesNoSelect).
FILTERS_EMPTY_CHOICE_LABEL = _("Any")
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security: production values whenever DEBUG is off --------------------------------------
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts only from our own static files, nothing from elsewhere.
# Inline style attributes remain in some templates, hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Sessions suited to a shared office computer: ended by an hour without a request (IdleSessionMiddleware),
# by closing the browser, and after a working day in any case.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_COOKIE_AGE = 10 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "liaison.web.views.csrf_failure"

# Uploads (liaison/web/uploads.py). A request larger than MAX_REQUEST_BYTES is a 413 before its body is read
# (the largest upload, a 10 MB document or import, with its form); the fields without files take at most
# DATA_UPLOAD_MAX_MEMORY_SIZE; files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_MB", default=12) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded names are cut to 255 characters, extension kept.
FILE_UPLOAD_HANDLERS = ["liaison.web.uploads.MemoryUploadHandler", "liaison.web.uploads.TemporaryUploadHandler"]
# Stored documents readable by the application's user and group only, never by every account on the server.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
# A zip (every .docx, .xlsx, .pptx, .odt) that would inflate beyond this, or by more than the ratio once it
# passes UPLOAD_ARCHIVE_RATIO_FROM, is refused as a zip bomb: read from its directory, nothing is extracted.
UPLOAD_ARCHIVE_MAX_BYTES = 100 * 1024 * 1024
UPLOAD_ARCHIVE_MAX_RATIO = 100
UPLOAD_ARCHIVE_RATIO_FROM = 10 * 1024 * 1024
UPLOAD_ARCHIVE_MAX_MEMBERS = 10_000

# Every record names the request it was written in (request_ids.py), so one request's lines can be found.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "request_id": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "request_id"},
        # Server errors (500s) go to ADMINS by e-mail as well as to the console, in production; the subject
        # and the body name the request id.
        "mail_admins": {
            "class": "liaison.web.request_ids.RequestIdAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "request_id"],
            "formatter": "request_id",
        },
    },
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "request_id": {"()": "liaison.web.request_ids.RequestIdFilter"},
    },
    "loggers": {"django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# The REST API (liaison/api): personal tokens or the session, the pages' role rules, cursor pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "liaison.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["liaison.api.permissions.RolePermission", "liaison.api.permissions.TokenScope"],
    "DEFAULT_PAGINATION_CLASS": "liaison.api.pagination.CursorPage",
    "DEFAULT_THROTTLE_CLASSES": ["liaison.api.throttling.TokenRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
# Requests per token (or per logged-in user without one), then 429 with Retry-After (liaison/api/throttling.py).
API_RATE_LIMIT = env("RATELIMIT_API", default="600/m")
# Outgoing webhooks (liaison/api/webhooks.py): seconds before each new attempt (then the delivery fails),
# the timeout of one attempt, how long an attempt holds its delivery, and whether the server may call
# addresses on private networks (off: see the SSRF notes in webhooks.py).
WEBHOOK_RETRY_DELAYS = env.list("WEBHOOK_RETRY_DELAYS", cast=float, default=[60, 300, 900, 3600, 10800, 43200, 86400])
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=10)
WEBHOOK_LEASE = env.int("WEBHOOK_LEASE", default=300)
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", default=False)
SPECTACULAR_SETTINGS = {
    "TITLE": "Liaison API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Its warnings about FilterSet method filters are not deploy problems; the schema is validated by a test.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}
