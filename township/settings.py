"""Settings of the township rule-of-law work portal, read from the environment.

One module, no hierarchy: every value that differs between a laptop and production comes from an
environment variable through the small typed helpers below (see the README's configuration table).
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from pythonjsonlogger.core import RESERVED_ATTRS
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

DEFAULT_SECRET_KEY = "insecure-dev-key-change-me"  # noqa: S105 - never served: refused below when DEBUG is off


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
# The portal refuses to serve (gunicorn through township.wsgi, or runserver) with DEBUG off on the default
# secret; management commands that serve nothing (migrate, makemigrations, compilemessages) still run.
SERVING = os.environ.get("PORTAL_SERVING") == "1" or sys.argv[1:2] == ["runserver"]
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY and SERVING:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (生产环境必须设置 SECRET_KEY)")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "township",
    "governance",
    "enforcement",
    "disputes",
    "outreach",
    "reports",
]

MIDDLEWARE = [
    "township.middleware.RequestLogMiddleware",  # outermost: times and logs every request, static files too
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "township.middleware.TownshipMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "township.urls"
WSGI_APPLICATION = "township.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "township.context_processors.portal",
            ],
        },
    },
]

# Database: SQLite embedded by default, PostgreSQL through psycopg 3 with its connection pool.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": envint("DB_POOL_MIN", 1),
        "max_size": envint("DB_POOL_MAX", 10),
        # psycopg's default wait is 30 s, gunicorn's whole budget for a request: with the database down,
        # /healthz/ answered 503 only after any load balancer's probe had given up.
        "timeout": envint("DB_POOL_TIMEOUT", 5),
    }
    # the test runner creates and drops its own database; a pool would hold it open
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a transaction takes the write lock when it begins, so simultaneous writers queue (up to the
    # timeout) instead of failing with "database is locked" when a read turns into a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE",
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every app process shares (figures per township, township.cache): a table of the database by
# default (created by migrate), Redis when CACHE_URL names one (e.g. redis://127.0.0.1:6379/1) for several hosts.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith("redis://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
else:
    # One data token per township is kept (township.cache): a province's thousand must not be culled at Django's
    # default of 300 entries, or every page over many townships misses the cache (docs/decisions/0026).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache",
                          "OPTIONS": {"MAX_ENTRIES": 100_000}}}

# Progress of long tasks (township.tasks): written by the worker while its import's transaction is open, so it
# cannot go into the database (uncommitted rows are invisible, and SQLite's write lock is held). Files on one
# machine; the same Redis as the cache when there are several (docs/decisions/0020).
if CACHE_URL.startswith("redis://"):
    CACHES["progress"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                          "KEY_PREFIX": "progress"}
else:
    CACHES["progress"] = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(BASE_DIR / "var" / "progress")}

# Long work in the background (Django's tasks framework, the django-tasks backport): the queue is a table of the
# database by default, worked by `manage.py db_worker` (`make run` starts one per queue); TASKS_BACKEND=rq puts it in
# Redis (pip install django-tasks-rq; RQ_URL, default CACHE_URL) for a county with several app hosts.
# Two queues, each with its own worker: "default" (imports, report batches: a clerk waits for them) and "warm"
# (the dashboards counted again after a write or a calendar change: minutes at province scale, reports.tasks).
TASK_QUEUES = ["default", "warm"]
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db")
if TASKS_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    RQ_QUEUES = {name: {"URL": os.environ.get("RQ_URL", CACHE_URL or "redis://127.0.0.1:6379/0")} for name in TASK_QUEUES}
    INSTALLED_APPS.append("django_rq")
elif TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
else:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be db or rq, not {TASKS_BACKEND!r}")
# Sheets up to this many rows are previewed and imported in the request, as before; larger ones by the worker,
# with a page that follows its progress (about a second of work per 1,000 rows).
IMPORT_INLINE_MAX_ROWS = envint("IMPORT_INLINE_MAX_ROWS", 1000)
# Once a change is committed the "warm" worker counts the dashboards again — the township's after a write to its
# records, every one after a change to the working-day calendar (reports.tasks) — rather than leaving it to their
# next readers (docs/decisions/0027).
PORTAL_WARM_DASHBOARDS = envbool("PORTAL_WARM_DASHBOARDS", True)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): five failures lock the username from that address for an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Failures are counted in the database, which every app process shares: a lockout earned on one holds on all.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries from the npm registry (package.json, installed by `make setup` with `npm ci`), served by
# WhiteNoise like the portal's own files: township networks are often intranets, so nothing comes from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("tom-select/js", NODE_MODULES / "tom-select" / "dist" / "js"),
    ("tom-select/css", NODE_MODULES / "tom-select" / "dist" / "css"),
]
# One storage in both modes, so that files collected with DEBUG on (as `make setup` does) serve with DEBUG off:
# the manifest storage writes hashed copies and the manifest, and with DEBUG on it links the plain names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps are fetched only by developer tools: compressing Bootstrap's (6 MB) took 60% of collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
# Attachments are private: stored outside the static tree and served only through access checks.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_MB", 10) * 1024 * 1024
IMPORT_MAX_BYTES = envint("IMPORT_MAX_MB", 5) * 1024 * 1024
# What an uploaded .xlsx may unpack to (a small zip can hold gigabytes): checked before it is parsed.
IMPORT_MAX_UNPACKED_BYTES = envint("IMPORT_MAX_UNPACKED_MB", 50) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_EXPORT_SKIP_ADMIN_LOG = True
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# Security headers. HTTPS settings are on unless explicitly turned off for a plain-HTTP intranet.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
HTTPS = envbool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and envbool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # a load balancer's plain-HTTP probe gets the health, not a redirect
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_AGE = 8 * 3600

# Content-Security-Policy (django-csp 4): no inline scripts, everything served from this host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logs are JSON lines on stdout (for journald or a container runtime to collect). township.requests writes
# one line per request (township.middleware.RequestLogMiddleware); a record's `request` extra is dropped,
# its repr carries the query string, which may hold a name or an ID number.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "{levelname}{name}{message}",
            "style": "{",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,
            "reserved_attrs": [*RESERVED_ATTRS, "request"],
            "json_ensure_ascii": False,
        }
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"township.requests": {"level": "INFO"}},
}

# The portal's own settings.
PORTAL_TITLE = _("法治政府建设工作平台")
# The annual report of a year goes to the county by REPORT_SUBMIT_DUE (provincial guides) and is published by
# REPORT_PUBLISH_DUE (法治政府建设与责任落实督察工作规定 Art. 24-25) of the next year, as MM-DD (reports.deadlines).
REPORT_SUBMIT_DUE = os.environ.get("REPORT_SUBMIT_DUE", "03-01")
REPORT_PUBLISH_DUE = os.environ.get("REPORT_PUBLISH_DUE", "04-01")
# The township's licensed official fonts (仿宋_GB2312, 方正小标宋简体 …), used first by the report's PDF.
REPORT_FONTS_DIR = Path(os.environ.get("REPORT_FONTS_DIR", BASE_DIR / "var" / "fonts"))
REPORT_FONT_MAX_BYTES = 40 * 1024 * 1024  # a full GB18030 font is 10-20 MB

# django-filter: the empty choice of every list filter reads "全部" (all).
FILTERS_EMPTY_CHOICE_LABEL = _("全部")
FILTERS_NULL_CHOICE_LABEL = _("（空）")
