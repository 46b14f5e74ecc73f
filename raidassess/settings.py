"""RaidAssess settings, read from the environment.

Every setting an operator may change is an environment variable (listed in the README's
Configuration table). A bad value stops the app at start-up with an ImproperlyConfigured
error that names the variable; the value of a secret never appears in a message.
"""

import datetime
import os
import zoneinfo
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
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

# --- field encryption -------------------------------------------------------------------

# Fernet keys for the restricted fields (assessments/fields.py), newest first: values are
# written with the first and read with whichever fits, so a key is rotated by putting the
# new one in front, running `manage.py rotate_encryption_key`, then dropping the old one.
_DEV_FIELD_KEY_FILE = BASE_DIR / "var" / "field_encryption.key"


def _development_field_key():
    """A key made once per checkout under var/ (git-ignored), for DEBUG only."""
    from cryptography.fernet import Fernet

    _DEV_FIELD_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once must not each write a different key.
        descriptor = os.open(_DEV_FIELD_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(Fernet.generate_key().decode())
    return _DEV_FIELD_KEY_FILE.read_text().strip()


def _field_encryption_keys():
    from cryptography.fernet import Fernet

    keys = [key.strip() for key in (env_secret("FIELD_ENCRYPTION_KEYS") or "").split(",")]
    keys = [key for key in keys if key]
    if not keys:
        if DEBUG:
            return [_development_field_key()]
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS (or FIELD_ENCRYPTION_KEYS_FILE) is required when DEBUG is off."
        )
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: key number {position} is not a Fernet key (32 url-safe "
                "base64-encoded bytes, from Fernet.generate_key())."
            ) from None
    if not DEBUG and _DEV_FIELD_KEY_FILE.exists():
        if _DEV_FIELD_KEY_FILE.read_text().strip() in keys:
            raise ImproperlyConfigured(
                "FIELD_ENCRYPTION_KEYS holds the development key of var/: generate a new one."
            )
    return keys


FIELD_ENCRYPTION_KEYS = _field_encryption_keys()

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
    # Before axes: its reset commands are replaced by ones that are recorded.
    "assessments.apps.AssessmentsConfig",
    # Two-factor sign-in (TOTP and single-use recovery codes), lockout, CSP headers.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Passkeys (WebAuthn) as a second factor: services/passkeys.py.
    "django_otp_webauthn",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Right after the user is known, so that it sees every answer the layers below give.
    "assessments.security.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before the two below, which answer an htmx request differently.
    "django_htmx.middleware.HtmxMiddleware",
    # Both after the messages: they tell the user why they were sent elsewhere.
    "assessments.security.middleware.SessionLifetimeMiddleware",
    "assessments.security.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records refused attempts on operations in the audit trail.
    "assessments.middleware.RefusedAccessMiddleware",
    # Shows every time in the viewer's task-force time zone.
    "assessments.middleware.TimeZoneMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "assessments.context_processors.waiting",
                "assessments.context_processors.notifications",
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
elif _database["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a few people at once: WAL lets readers go on while
    # one writes, a write waits up to 20 s for another instead of failing with
    # "database is locked", and IMMEDIATE takes the write lock when a transaction
    # starts, so that two never deadlock upgrading a read to a write.
    _database["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
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
# Web processes import WeasyPrint and pyHanko only when they make a PDF (a preview); a
# worker imports them at start, before its pool forks, so its processes share them.
CELERY_IMPORTS = ("assessments.pdf", "assessments.signing")
# The sweep queues again the briefs whose worker died or whose task message was lost.
CELERY_BEAT_SCHEDULE = {
    "brief-sweep": {"task": "assessments.tasks.brief_sweep", "schedule": 60.0},
    # Hourly rather than daily, so a beat restarted at the wrong moment misses nothing.
    "after-action-reviews": {
        "task": "assessments.tasks.after_action_reviews_open",
        "schedule": 3600.0,
    },
    "audit-prune": {"task": "assessments.tasks.audit_prune", "schedule": 86400.0},
}

# --- signed briefs ----------------------------------------------------------------------

# A brief still queued or rendering this long after its last claim is stuck; longer
# than the render task's hard time limit, so a slow render is never taken twice.
BRIEF_DEADLINE_SECONDS = env_int("BRIEF_DEADLINE_SECONDS", 180)
# The organisation's PKCS#12 signing key (`manage.py make_signing_key` makes a test one).
# With DEBUG on and none set, a development key is created under var/ on first use.
SIGNING_KEY_FILE = env_str("SIGNING_KEY_FILE")
SIGNING_KEY_PASSPHRASE = env_secret("SIGNING_KEY_PASSPHRASE")
SIGNING_KEY_DEVELOPMENT = SIGNING_KEY_FILE is None and DEBUG
_DEV_SIGNING_PASSPHRASE = "raidassess-development-only"
if SIGNING_KEY_DEVELOPMENT:
    SIGNING_KEY_FILE = str(BASE_DIR / "var" / "signing" / "development.p12")
    SIGNING_KEY_PASSPHRASE = _DEV_SIGNING_PASSPHRASE
if not DEBUG:
    if SIGNING_KEY_FILE is None:
        raise ImproperlyConfigured("SIGNING_KEY_FILE is required when DEBUG is off.")
    if SIGNING_KEY_PASSPHRASE is None or SIGNING_KEY_PASSPHRASE == _DEV_SIGNING_PASSPHRASE:
        raise ImproperlyConfigured(
            "SIGNING_KEY_PASSPHRASE (or SIGNING_KEY_PASSPHRASE_FILE) is required when DEBUG is "
            "off, and must not be the development passphrase."
        )

# --- authentication ---------------------------------------------------------------------

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:operation_list"
LOGOUT_REDIRECT_URL = "login"

# django-axes first: it refuses a locked-out username before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout (CJIS 5.5.3): 5 failed sign-ins of one username lock it for 15 minutes, counted
# from the lockout (attempts during it do not extend it). By username, whatever the
# address, and whether or not the account exists, so the page reveals nothing.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 fears attackers rotating user agents or cookies, which a lockout by username
# ignores anyway; adding the address would lock out a whole office behind one NAT.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# A sign-in forgets its username's failures only once it is complete: after the second
# step for those who have one (security/lockout.py), never at the password alone, or a
# stolen password would buy unlimited guesses at the code.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Guessing across usernames from one address: 50 failures within the 15 minutes lock the
# address (assessments/security/lockout.py). Ten times the per-username limit, so that a
# police station behind one address locks itself out only when ten of its people are
# locked out at once; an attacker there gets 50 guesses per 15 minutes in all, not five
# per username for as many usernames as they care to try.
SIGN_IN_FAILURES_PER_ADDRESS = env_int("SIGN_IN_FAILURES_PER_ADDRESS", 50)
if SIGN_IN_FAILURES_PER_ADDRESS < AXES_FAILURE_LIMIT:
    raise ImproperlyConfigured(
        f"SIGN_IN_FAILURES_PER_ADDRESS must be at least {AXES_FAILURE_LIMIT} (the limit per "
        f"username), got {SIGN_IN_FAILURES_PER_ADDRESS}."
    )
AXES_HANDLER = "assessments.security.lockout.LockoutHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "assessments.services.audit.client_address"
# The audit trail records sign-ins, failures and lockouts; axes logs nothing itself.
AXES_VERBOSE = False

# Two-factor sign-in: the issuer shown in authenticator apps. The admin may delete a
# user's authenticator (lost phone), never read its secret or recovery codes.
OTP_TOTP_ISSUER = "RaidAssess"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Wrong codes count toward the lockout above instead (security/lockout.py): django-otp's
# own growing wait after a wrong code refused the right code typed just after it.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Passkeys (WebAuthn). Browsers offer them only in a secure context (HTTPS, or
# http://localhost: not a bare IP address such as 127.0.0.1), bound to the relying-party
# id, the host name they were made for: changing it later makes every passkey useless.
PASSKEY_RP_ID = env_str("PASSKEY_RP_ID")
if PASSKEY_RP_ID is None:
    _first_host = ALLOWED_HOSTS[0].lstrip(".")
    PASSKEY_RP_ID = "localhost" if DEBUG or _first_host == "*" else _first_host
PASSKEY_ORIGINS = env_list(
    "PASSKEY_ORIGINS", ["http://localhost:8000"] if DEBUG else [f"https://{PASSKEY_RP_ID}"]
)
OTP_WEBAUTHN_RP_ID = PASSKEY_RP_ID
OTP_WEBAUTHN_RP_NAME = "RaidAssess"
OTP_WEBAUTHN_ALLOWED_ORIGINS = PASSKEY_ORIGINS
# A second factor only: the password is always asked first.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Sessions (CJIS 5.5.5): ended after 30 idle minutes and 12 hours after sign-in whatever
# the activity (SessionLifetimeMiddleware, which also pushes the idle expiry on while the
# session is used). In the database, so that all sessions of a disabled user can be
# deleted.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Each process's own memory, and only for what may be kept there without a shared cache:
# the "Waiting for me" count, kept under stamps read from the database with every request
# (assessments.waiting): a process shows no count the database no longer gives.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}
SESSION_COOKIE_AGE = 30 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_AGE = 12 * 60 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- e-mail -----------------------------------------------------------------------------

# Notifications are e-mailed through one of Django's backends: SMTP once EMAIL_HOST is
# set, else printed on the console (standard error of the web process or the worker);
# "file" writes each message to a file under EMAIL_FILE_PATH.
EMAIL_HOST = env_str("EMAIL_HOST")
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS[
    env_str("EMAIL_BACKEND", "smtp" if EMAIL_HOST else "console", choices=tuple(_EMAIL_BACKENDS))
]
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = 20
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "RaidAssess <raidassess@localhost>")
# Where the links in e-mails point: the address people open the app at.
SITE_URL = env_str(
    "SITE_URL", "http://localhost:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
).rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("SITE_URL must start with http:// or https://.")
EMAIL_MESSAGE_DOMAIN = SITE_URL.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]

# --- audit trail ------------------------------------------------------------------------

# Events older than this are deleted by the daily prune (Celery beat, or
# `manage.py prune_audit`). Six years by default;
# less than a year would destroy the trail an investigation of last year's raids needs.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 2190)
if AUDIT_RETENTION_DAYS < 365:
    raise ImproperlyConfigured(
        f"AUDIT_RETENTION_DAYS must be at least 365 days, got {AUDIT_RETENTION_DAYS}."
    )

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
# Times are stored in UTC and shown in the time zone of the viewer's task force (set by
# an admin, TaskForce.time_zone); TIME_ZONE is the default for a new task force and the
# zone of anyone in none (partner reviewers, admins).
TIME_ZONE = env_str("TIME_ZONE", "UTC")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"TIME_ZONE must be an IANA time zone name such as Asia/Bangkok, got {TIME_ZONE!r}."
    ) from None
USE_TZ = True
FORMAT_MODULE_PATH = ["raidassess.formats"]

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

# --- request size -----------------------------------------------------------------------

# The largest form a person sends is an assessment pasted for import: at most a million
# characters, which UTF-8 may spell in 4 MB. A bigger body is refused with a 413 page
# (assessments.views.site.bad_request).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files (an assessment JSON, a signed brief to verify) are small; a request with files
# larger than this is refused before it is read, rather than streamed to disk.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "assessments.uploads.RequestSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

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
    SILENCED_SYSTEM_CHECKS.append("security.W021")
# The client's address (audit trail, lockout per address): behind a proxy, every request
# comes from the proxy, so the proxy's own last entry of X-Forwarded-For is read instead;
# entries before it are the client's to forge and are never read.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere (templates, htmx config, the admin): a page that
# needs one marks it with nonce="{{ request.csp_nonce }}". data: images are Bootstrap's
# inline SVG icons in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

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
        # WeasyPrint reports every step of every brief at INFO; its warnings still show.
        "weasyprint.progress": {"level": "WARNING"},
        # fontTools, subsetting each font WeasyPrint embeds, lists every glyph at INFO.
        "fontTools": {"level": "WARNING"},
    },
}
