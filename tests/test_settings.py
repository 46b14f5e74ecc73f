"""Settings come from the environment and fail loudly, naming the variable, on a bad value.

Each case starts Django in a subprocess, because settings are read once per process.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent
GOOD_KEY = secrets.token_urlsafe(50)
FIELD_KEY = Fernet.generate_key().decode()
# Every secret that production requires besides SECRET_KEY and ALLOWED_HOSTS.
PRODUCTION_SECRETS = {
    "FIELD_ENCRYPTION_KEYS": FIELD_KEY,
    "SIGNING_KEY_FILE": "/run/secrets/signing_key.p12",
    "SIGNING_KEY_PASSPHRASE": secrets.token_urlsafe(32),
}
REPORT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DATABASE_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DATABASE_NAME": str(settings.DATABASES["default"]["NAME"]),
    "CONN_MAX_AGE": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "FIELD_ENCRYPTION_KEYS": settings.FIELD_ENCRYPTION_KEYS,
    "SIGNING_KEY_PASSPHRASE": settings.SIGNING_KEY_PASSPHRASE,
}))
"""
CONFIG_VARIABLES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "LOG_LEVEL",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "TRUST_X_FORWARDED_PROTO",
    "TRUST_X_FORWARDED_FOR",
    "PASSKEY_RP_ID",
    "PASSKEY_ORIGINS",
    "SIGN_IN_FAILURES_PER_ADDRESS",
    "DJANGO_SETTINGS_MODULE",
    *PRODUCTION_SECRETS,
]


def run(code=REPORT, **environment):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in CONFIG_VARIABLES and name.removesuffix("_FILE") not in CONFIG_VARIABLES
    }
    env["DJANGO_SETTINGS_MODULE"] = "raidassess.settings"
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(**environment):
    result = run(**environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_refuses(result, *words):
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    for word in words:
        assert word in result.stderr


def test_it_defaults_to_debug_off_and_refuses_to_start_without_a_secret_key():
    assert_refuses(run(ALLOWED_HOSTS="example.org"), "SECRET_KEY")


def test_it_refuses_the_insecure_default_key_when_debug_is_off():
    key = "django-insecure-" + "x1y2z3" * 10
    assert_refuses(run(DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="example.org"), "SECRET_KEY")


def test_it_refuses_a_short_key_when_debug_is_off():
    assert_refuses(
        run(DEBUG="false", SECRET_KEY="short-but-random-Q9x", ALLOWED_HOSTS="example.org"),
        "SECRET_KEY",
    )


def test_it_refuses_a_debug_value_that_is_not_a_boolean():
    assert_refuses(run(DEBUG="maybe"), "DEBUG")


def test_it_uses_a_development_key_in_debug():
    settings = settings_of(DEBUG="true")
    assert settings["DEBUG"] is True
    assert settings["SECRET_KEY"].startswith("django-insecure-")
    assert settings["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    assert settings["SESSION_COOKIE_SECURE"] is False


def test_it_starts_with_debug_off_a_good_key_and_allowed_hosts():
    settings = settings_of(
        DEBUG="false", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="a.org, b.org", **PRODUCTION_SECRETS
    )
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["a.org", "b.org"]
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["STATICFILES_BACKEND"].startswith("whitenoise.")


def test_it_passes_the_deployment_checks_with_debug_off():
    code = (
        "import sys, django; django.setup(); from django.core.management import call_command; "
        "call_command('check', '--deploy', '--fail-level', 'WARNING')"
    )
    result = run(
        code, DEBUG="false", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org", **PRODUCTION_SECRETS
    )
    assert result.returncode == 0, result.stderr


def test_it_refuses_to_start_with_debug_off_and_no_allowed_hosts():
    assert_refuses(run(DEBUG="false", SECRET_KEY=GOOD_KEY, **PRODUCTION_SECRETS), "ALLOWED_HOSTS")


def test_it_reads_the_secret_key_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(GOOD_KEY + "\n")
    settings = settings_of(
        DEBUG="false",
        SECRET_KEY_FILE=str(key_file),
        ALLOWED_HOSTS="example.org",
        **PRODUCTION_SECRETS,
    )
    assert settings["SECRET_KEY"] == GOOD_KEY


def test_it_refuses_both_secret_key_and_secret_key_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(GOOD_KEY)
    result = run(
        DEBUG="false",
        SECRET_KEY=GOOD_KEY,
        SECRET_KEY_FILE=str(key_file),
        ALLOWED_HOSTS="example.org",
    )
    assert_refuses(result, "SECRET_KEY", "SECRET_KEY_FILE")


def test_it_refuses_an_unreadable_secret_key_file(tmp_path):
    result = run(DEBUG="true", SECRET_KEY_FILE=str(tmp_path / "missing"))
    assert_refuses(result, "SECRET_KEY_FILE")


def test_it_defaults_to_sqlite_in_the_project():
    settings = settings_of(DEBUG="true")
    assert settings["DATABASE_ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASE_NAME"] == str(BASE_DIR / "db.sqlite3")


def test_it_uses_postgresql_with_persistent_connections():
    settings = settings_of(DEBUG="true", DATABASE_URL="postgres://u:p@db.invalid:5432/raidassess")
    assert settings["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert settings["DATABASE_NAME"] == "raidassess"
    assert settings["CONN_MAX_AGE"] == 60


def test_it_reads_the_database_url_from_a_file(tmp_path):
    url_file = tmp_path / "database_url"
    url_file.write_text("postgres://u:p@db.invalid:5432/from_file\n")
    settings = settings_of(DEBUG="true", DATABASE_URL_FILE=str(url_file))
    assert settings["DATABASE_NAME"] == "from_file"


def test_it_refuses_a_bad_database_url_without_echoing_its_password():
    result = run(DEBUG="true", DATABASE_URL="nosuchdb://user:hunter2secret@host/db")
    assert_refuses(result, "DATABASE_URL")
    assert "hunter2secret" not in result.stderr


def test_it_runs_tasks_in_process_without_a_broker():
    settings = settings_of(DEBUG="true")
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is True
    assert settings["CELERY_BROKER_URL"] == "memory://"


def test_it_queues_tasks_on_the_broker_when_one_is_set():
    settings = settings_of(DEBUG="true", CELERY_BROKER_URL="redis://redis.invalid:6379/0")
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is False
    assert settings["CELERY_BROKER_URL"] == "redis://redis.invalid:6379/0"


def test_it_falls_back_to_redis_url_for_the_broker():
    settings = settings_of(DEBUG="true", REDIS_URL="redis://redis.invalid:6379/1")
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is False
    assert settings["CELERY_BROKER_URL"] == "redis://redis.invalid:6379/1"


def test_it_refuses_a_bad_number():
    assert_refuses(run(DEBUG="true", SECURE_HSTS_SECONDS="a year"), "SECURE_HSTS_SECONDS")
