"""RaidAssess settings, read from the environment.

Every setting an operator may change is an environment variable (listed in the README's
Configuration table). A bad value stops the app at start-up with an ImproperlyConfigured
error that names the variable; the value of a secret never appears in a message.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _raw(name):
    # An empty value counts as unset: compose writes `VAR=${VAR:-}` as an empty string.
    value = os.environ.get(name, "")
    return value if value != "" else None


def env_str(name, default=None, choices=None):
    value = _raw(name)
    if value is None:
        return default
    if choices is not None and value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}.")
    return value


def env_bool(name, default):
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {value!r}.")


def env_int(name, default):
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}.") from None


def env_list(name, default=()):
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_secret(name, default=None):
    """NAME, or the contents of the file named by NAME_FILE (for compose/k8s secrets)."""
    value = _raw(name)
    path = _raw(f"{name}_FILE")
    if value is not None and path is not None:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    if path is None:
        return value if value is not None else default
    try:
        with open(path, encoding="utf-8") as secret_file:
            value = secret_file.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(
            f"{name}_FILE names a file that cannot be read ({exc.__class__.__name__})."
        ) from None
    value = value.removesuffix("\n").removesuffix("\r")
    if value == "":
        raise ImproperlyConfigured(f"{name}_FILE names an empty file.")
    return value


DEBUG = env_bool("DEBUG", False)

# --- secret key -------------------------------------------------------------------------

_DEV_SECRET_KEY = "django-insecure-raidassess-development-key-never-use-in-production"
SECRET_KEY = env_secret("SECRET_KEY")
if SECRET_KEY is None and DEBUG:
    SECRET_KEY = _DEV_SECRET_KEY
if not DEBUG:
    if SECRET_KEY is None:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required when DEBUG is off.")
    if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is a default or weak key: use at least 50 random characters "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )

# --- hosts ------------------------------------------------------------------------------

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# --- applications -----------------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "assessments.apps.AssessmentsConfig",
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
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "raidassess.urls"
WSGI_APPLICATION = "raidassess.wsgi.application"

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
            ],
        },
    },
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- database ---------------------------------------------------------------------------

_database_url = env_secret("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    _database = dj_database_url.parse(_database_url)
except ValueError as exc:
    # The message of dj-database-url names the scheme at most, never the password.
    raise ImproperlyConfigured(f"DATABASE_URL is not a usable database URL: {exc}") from None
if _database["ENGINE"] == "django.db.backends.postgresql":
    _database["CONN_MAX_AGE"] = 60
    _database["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- celery -----------------------------------------------------------------------------

CELERY_BROKER_URL = env_secret("CELERY_BROKER_URL") or env_secret("REDIS_URL")
if CELERY_BROKER_URL is None:
    # Embedded default: no broker, tasks run in-process when queued.
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
else:
    CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Task state lives in the database, so results are neither stored nor needed.
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged when it finishes, so a worker that dies mid-render loses nothing;
# tasks must therefore be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"

# --- authentication ---------------------------------------------------------------------

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:operation_list"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- internationalisation ---------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("th", _("Thai")),
    ("km", _("Khmer")),
    ("vi", _("Vietnamese")),
    ("id", _("Indonesian")),
]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_TZ = True

# --- static and media files -------------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Media files are generated briefs: they are served through views that check access,
# never by URL, so there is no MEDIA_URL.

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # In DEBUG the plain storage needs no collectstatic (tests, make run); in production
    # the manifest gives every file a content hash so it can be cached for ever.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- security ---------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
# htmx gets the CSRF token from the hx-headers attribute in base.html, not from the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The container health check calls /healthz/ over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is hard to undo and covers every subdomain: the operator opts in to it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- logging ----------------------------------------------------------------------------

LOG_LEVEL = env_str("LOG_LEVEL", "INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        # StreamHandler writes to stderr, where containers and journald collect it.
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's default handlers for "django", which would print twice in DEBUG.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
