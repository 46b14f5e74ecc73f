"""A real Celery worker in a process of its own, against Redis: not eager mode.

The worker reads the test database (a file with SQLite, see conftest.py; the test
database itself with PostgreSQL), the same media directory and the same signing key.
Redis is BRIEF_TEST_REDIS_URL (default: database 5 of the local server); each test has
a queue of its own. Without Redis the tests that use it skip, except in CI (CI=true),
where they fail. The fixtures `broker` and `start_worker` are in tests/conftest.py.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from assessments import signing
from raidassess.celery import app as celery_app

BASE_DIR = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("BRIEF_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
# The worker's claims expire this fast, so the test need not wait minutes for the sweep.
WORKER_DEADLINE_SECONDS = 2


@pytest.fixture
def broker(settings, tmp_path, monkeypatch):
    """Redis emptied, and this process's Celery app publishing to it instead of eagerly."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis at {REDIS_URL} is unreachable ({error.__class__.__name__})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    settings.MEDIA_ROOT = tmp_path / "media"
    # A queue of this test's own: test runs in parallel share the Redis database.
    queue = f"briefs-test-{uuid.uuid4().hex}"
    saved = {
        key: celery_app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    celery_app.conf.update(broker_url=REDIS_URL, task_always_eager=False, task_default_queue=queue)
    # Celery reads this variable before its configuration (CI sets it to the main broker).
    monkeypatch.setenv("CELERY_BROKER_URL", REDIS_URL)
    _forget_connections()
    yield queue
    celery_app.conf.update(saved)
    _forget_connections()
    client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")


def _forget_connections():
    """Celery keeps its connection pool and its queues from their first use in the
    process (earlier tests, in eager mode): drop them, to follow the changed settings."""
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


def _database_url():
    database = connection.settings_dict
    if database["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{database['NAME']}"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or 'localhost'}"
        f":{database['PORT'] or 5432}/{database['NAME']}"
    )


class Worker:
    """`celery worker` in its own process group, with its log kept for failures."""

    def __init__(self, log_path, queue):
        signing.signer()  # creates the development key, if that is the one in use
        environment = {
            name: value
            for name, value in os.environ.items()
            if name not in ("SIGNING_KEY_PASSPHRASE_FILE", "DATABASE_URL_FILE")
        }
        environment.update(
            DEBUG=environment.get("DEBUG", "true"),
            DATABASE_URL=_database_url(),
            CELERY_BROKER_URL=REDIS_URL,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            SIGNING_KEY_FILE=str(settings.SIGNING_KEY_FILE),
            SIGNING_KEY_PASSPHRASE=settings.SIGNING_KEY_PASSPHRASE or "",
            BRIEF_DEADLINE_SECONDS=str(WORKER_DEADLINE_SECONDS),
        )
        self.log_path = log_path
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "raidassess",
                "worker",
                "--loglevel=WARNING",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--queues",
                queue,
                "-n",
                f"briefs-test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=BASE_DIR,
            env=environment,
            stdout=open(log_path, "ab"),  # noqa: SIM115 (the child holds it)
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self):
        """SIGKILL the worker and its pool: no chance to clean up, as in a crash."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self):
        return Path(self.log_path).read_text(errors="replace")


@pytest.fixture
def start_worker(broker, tmp_path):
    workers = []

    def start():
        workers.append(Worker(tmp_path / f"worker-{len(workers)}.log", broker))
        return workers[-1]

    yield start
    for worker in workers:
        worker.stop()


def wait_until(condition, seconds, worker, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.01)
    pytest.fail(f"{what} did not happen within {seconds} s. Worker log:\n{worker.log()}")
