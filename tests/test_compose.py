"""Docker does not run here, so check that docker-compose.yml refers to things that exist."""

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from celery import Celery
from celery.app.utils import find_app

BASE_DIR = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
LONG_RUNNING = ["web", "worker", "db", "redis"]


def command_of(service):
    command = SERVICES[service]["command"]
    return command if isinstance(command, list) else command.split()


def test_it_runs_the_four_services():
    assert set(LONG_RUNNING) <= set(SERVICES)


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_each_service_has_an_image_or_a_buildable_dockerfile(service):
    definition = SERVICES[service]
    if "build" in definition:
        build = definition["build"]
        context = build if isinstance(build, str) else build.get("context", ".")
        dockerfile = (
            "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
        )
        assert (BASE_DIR / context / dockerfile).is_file()
    else:
        image = definition["image"]
        assert ":" in image and not image.endswith(":latest"), "pin the image to a version"


def test_the_dockerfile_builds_on_python_311_and_runs_as_a_non_root_user():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "FROM python:3.11-slim-bookworm" in dockerfile
    assert "pip install" in dockerfile and "requirements.txt" in dockerfile
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")


def test_web_runs_an_importable_wsgi_application():
    command = command_of("web")
    assert command[0] == "gunicorn"
    target = next(part for part in command if ":" in part and "." in part.split(":")[0])
    assert target == "raidassess.wsgi:application"
    module_name, attribute = target.split(":")
    application = getattr(importlib.import_module(module_name), attribute)
    assert callable(application)


def test_worker_runs_the_celery_app():
    command = command_of("worker")
    assert command[0] == "celery"
    app_name = command[command.index("-A") + 1]
    assert isinstance(find_app(app_name), Celery)
    assert "worker" in command


def test_migrations_run_before_web_and_worker_start():
    assert command_of("migrate")[:3] == ["python", "manage.py", "migrate"]
    assert (BASE_DIR / "manage.py").is_file()
    for service in ("web", "worker"):
        depends_on = SERVICES[service]["depends_on"]
        assert depends_on["db"]["condition"] == "service_healthy"
        assert depends_on["redis"]["condition"] == "service_healthy"
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_each_long_running_service_has_a_healthcheck(service):
    test = SERVICES[service]["healthcheck"]["test"]
    assert test[0] in ("CMD", "CMD-SHELL") and len(test) > 1


def test_web_healthcheck_script_exists():
    test = SERVICES["web"]["healthcheck"]["test"]
    assert test[:2] == ["CMD", "python"]
    assert (BASE_DIR / test[2]).is_file()


def test_every_named_volume_is_declared():
    declared = set(COMPOSE["volumes"])
    for definition in SERVICES.values():
        for volume in definition.get("volumes", []):
            source = volume.split(":")[0]
            if not source.startswith((".", "/")):
                assert source in declared
    assert any(v.startswith("db:") for v in SERVICES["db"]["volumes"])


def test_web_and_worker_share_the_briefs_volume_at_media_root():
    for service in ("web", "worker"):
        definition = SERVICES[service]
        media_root = definition["environment"]["MEDIA_ROOT"]
        assert f"briefs:{media_root}" in definition["volumes"]


def test_no_secret_value_is_committed():
    for service in ("web", "worker", "migrate"):
        environment = SERVICES[service]["environment"]
        assert "SECRET_KEY" not in environment
        assert environment["SECRET_KEY_FILE"] == "/run/secrets/secret_key"
        assert "secret_key" in SERVICES[service]["secrets"]
        for name in ("DATABASE_URL", "ALLOWED_HOSTS"):
            assert environment[name].startswith("${" + name), f"{name} comes from the environment"
    assert re.fullmatch(r"\$\{SECRET_KEY_FILE:\?.+\}", COMPOSE["secrets"]["secret_key"]["file"])
    for service in ("web", "worker", "migrate"):
        environment = SERVICES[service]["environment"]
        assert "FIELD_ENCRYPTION_KEYS" not in environment
        assert environment["FIELD_ENCRYPTION_KEYS_FILE"] == "/run/secrets/field_encryption_keys"
        assert "field_encryption_keys" in SERVICES[service]["secrets"]
    field_keys = COMPOSE["secrets"]["field_encryption_keys"]["file"]
    assert re.fullmatch(r"\$\{FIELD_ENCRYPTION_KEYS_PATH:\?.+\}", field_keys)
    assert SERVICES["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    assert "SECRET_KEY=" not in (BASE_DIR / "docker-compose.yml").read_text()


@pytest.mark.django_db(transaction=True)
def test_web_healthcheck_script_passes_against_a_running_server(live_server):
    port = live_server.url.rsplit(":", 1)[1]
    env = dict(os.environ, HEALTHCHECK_PORT=port, ALLOWED_HOSTS="localhost")
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "bin" / "healthcheck")],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


def test_web_healthcheck_script_fails_when_nothing_answers():
    env = dict(os.environ, HEALTHCHECK_PORT="9", ALLOWED_HOSTS="localhost")
    result = subprocess.run(
        [sys.executable, str(BASE_DIR / "bin" / "healthcheck")],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
