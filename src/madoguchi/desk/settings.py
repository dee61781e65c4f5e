"""Django settings for the madoguchi desk, read from the environment (12-factor).

Embedded default: SQLite in WAL mode under ``MADOGUCHI_DATA_DIR`` (default ``./var``), the
in-memory cache, console e-mail. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to a
shared cache. ``MADOGUCHI_MODE=production`` refuses to start without a real ``SECRET_KEY`` and
turns on every deployment check.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MODE = os.environ.get("MADOGUCHI_MODE", "development")  # development | demo | production
PRODUCTION = MODE == "production"
DEBUG = os.environ.get("MADOGUCHI_DEBUG", "0" if PRODUCTION else "1") == "1" and not PRODUCTION

DATA_DIR = Path(os.environ.get("MADOGUCHI_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY") or os.environ.get("MADOGUCHI_SECRET_KEY")
    if key:
        if PRODUCTION and (len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")):
            raise ImproperlyConfigured("SECRET_KEY is too weak for production (50+ random chars)")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("production mode needs SECRET_KEY in the environment")
    # development/demo: one random key per data directory, so magic links survive restarts
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64), encoding="ascii")
        path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h] or (
    [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SITE_URL = os.environ.get("MADOGUCHI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Where the assistant sends customers it cannot help: the operator's status page (outages) and
# community forum. Empty: the assistant names them without a link.
STATUS_PAGE_URL = os.environ.get("MADOGUCHI_STATUS_PAGE_URL", "")
#: build the assistant's model when a server process starts (desk/asgi.py), not on first use
WARM_ASSISTANT = os.environ.get("MADOGUCHI_WARM_ASSISTANT", "1") == "1"
COMMUNITY_URL = os.environ.get("MADOGUCHI_COMMUNITY_URL", "")
BRAND_NAME = os.environ.get("MADOGUCHI_BRAND", "Madoguchi Exchange")
REFERENCE_PREFIX = os.environ.get("MADOGUCHI_REFERENCE_PREFIX", "MDG")
TIME_ZONE = os.environ.get("MADOGUCHI_TIME_ZONE", "Asia/Tokyo")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "madoguchi.customers",
    "madoguchi.agents",
    "madoguchi.tickets",
    "madoguchi.kb",
    "madoguchi.portal",
    "madoguchi.api",
    "madoguchi.conversations",
    "madoguchi.mail",
    "madoguchi.social",
    "madoguchi.officials",
    "madoguchi.signing",
    "madoguchi.transparency",
    "madoguchi.guardian",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "madoguchi.desk.middleware.SecurityHeadersMiddleware",
    # innermost: turns an oversized form body into a clear 413 page before CSRF reads it
    "madoguchi.portal.middleware.RequestSizeMiddleware",
]

ROOT_URLCONF = "madoguchi.desk.urls"
ASGI_APPLICATION = "madoguchi.desk.asgi.application"
WSGI_APPLICATION = "madoguchi.desk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "desk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "madoguchi.desk.context.desk",
            ],
        },
    }
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "madoguchi.sqlite3",
        # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at
        # BEGIN, so two writers queue (busy timeout) instead of failing with "database is locked"
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}

# Background work (customer e-mails) goes through a real queue stored in the database;
# `madoguchi serve` runs one worker beside the web server, `madoguchi worker` runs more.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Live chat (Django Channels): one process needs nothing more; several processes share their
# WebSocket groups through Redis (a message sent through process A reaches process B).
if os.environ.get("REDIS_URL"):
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [os.environ["REDIS_URL"]]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
#: the operator sites allowed to frame the chat widget (CSP frame-ancestors), comma-separated
WIDGET_ORIGINS = [o for o in os.environ.get("MADOGUCHI_WIDGET_ORIGINS", "").split(",") if o]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "agents:login"
LOGIN_REDIRECT_URL = "agents:inbox"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "madoguchi_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# the shared layout's files (desk/static/desk/...): madoguchi.desk is a project, not an app
STATICFILES_DIRS = [PACKAGE_DIR / "desk" / "static"]
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic in dev/demo

# Bodies bigger than this get a clear 413/400 instead of being read into memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
MAX_MESSAGE_CHARS = 20_000
MAX_SUBJECT_CHARS = 200

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"  # STARTTLS (port 587)
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "0") == "1"  # implicit TLS (port 465)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive: set one")
# a hung mail server must not hold an outbox row past its lease (mail/outbox.py LEASE)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "support@madoguchi.invalid")
# DKIM signing of outgoing mail (mail/dkim.py): a PEM private key; the domain is From's
DKIM_KEY_FILE = os.environ.get("MADOGUCHI_DKIM_KEY_FILE", "")
DKIM_SELECTOR = os.environ.get("MADOGUCHI_DKIM_SELECTOR", "madoguchi")

# Customer magic links: signed, single use, short lived.
MAGIC_LINK_MAX_AGE = int(os.environ.get("MADOGUCHI_MAGIC_LINK_MAX_AGE", str(30 * 60)))
CUSTOMER_SESSION_AGE = 8 * 60 * 60

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 60 * 60
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("MADOGUCHI_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("MADOGUCHI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
