"""The stack the bench runs: production settings, a database and Redis db of its own,
gunicorn (2 sync workers) and a Celery worker pool (2 processes).

Everything lives in a temporary directory (keys, static files, briefs, logs) and in
the database BENCH_DATABASE (default `raidassess_bench`, dropped and created again at
each run: never the developer's `raidassess`), on the PostgreSQL of BENCH_POSTGRES
(default the local one), with Redis database BENCH_REDIS_DB (default 6) emptied first.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg2
import redis
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "raidassess_bench")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
REDIS_DB = os.environ.get("BENCH_REDIS_DB", "6")
HOST = "127.0.0.1"
WEB_WORKERS = 2
CELERY_WORKERS = 2


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Stack:
    """The environment of every process of the run, and the processes it started."""

    def __init__(self):
        self.work = Path(tempfile.mkdtemp(prefix="raidassess-bench-"))
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.processes = {}
        passphrase = secrets.token_urlsafe(24)
        self.environment = {
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            # As behind the TLS proxy of a deployment: the load tool says https.
            "TRUST_X_FORWARDED_PROTO": "true",
            "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
            "CELERY_BROKER_URL": f"{REDIS}/{REDIS_DB}",
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(self.work / "media"),
            "SIGNING_KEY_FILE": str(self.work / "signing.p12"),
            "SIGNING_KEY_PASSPHRASE": passphrase,
            "EMAIL_BACKEND": "file",
            "EMAIL_FILE_PATH": str(self.work / "mail"),
        }
        os.environ.update(self.environment)

    def database_create(self):
        connection = psycopg2.connect(f"{POSTGRES}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{DATABASE}"')
        connection.close()

    def database_drop(self):
        connection = psycopg2.connect(f"{POSTGRES}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.close()

    def redis_flush(self):
        redis.Redis.from_url(f"{REDIS}/{REDIS_DB}").flushdb()

    def _start(self, name, command):
        log = open(self.work / f"{name}.log", "wb")  # noqa: SIM115 (the process holds it)
        self.processes[name] = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env={**os.environ, **self.environment},
            stdout=log,
            stderr=log,
            start_new_session=True,
        )

    def _gunicorn(self, name, application, port, workers, ready_path):
        self._start(
            name,
            [
                str(Path(sys.executable).with_name("gunicorn")),
                application,
                f"--bind={HOST}:{port}",
                f"--workers={workers}",
                "--worker-class=sync",
            ],
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            request = urllib.request.Request(
                f"http://{HOST}:{port}{ready_path}", headers={"X-Forwarded-Proto": "https"}
            )
            try:
                with urllib.request.urlopen(request, timeout=5) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer; its log: {self.work / f'{name}.log'}")

    def web_start(self):
        """The app, as deployed: gunicorn, WEB_WORKERS sync workers."""
        self._gunicorn(
            "gunicorn", "raidassess.wsgi:application", self.port, WEB_WORKERS, "/healthz/"
        )

    def bare_web_start(self, port):
        """Django alone (`benchmarks.bare_wsgi`), one worker: the floor of its memory."""
        self._gunicorn("bare", "benchmarks.bare_wsgi:application", port, 1, "/")

    def worker_start(self):
        self._start(
            "celery",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "raidassess",
                "worker",
                "--loglevel=INFO",
                f"--concurrency={CELERY_WORKERS}",
                "--without-gossip",
                "--without-mingle",
            ],
        )

    def pids(self, name):
        """The child processes of `name`'s main process: gunicorn's or Celery's workers."""
        main = self.processes[name].pid
        try:
            return [
                int(pid) for pid in Path(f"/proc/{main}/task/{main}/children").read_text().split()
            ]
        except FileNotFoundError:
            return []

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    def clean(self):
        shutil.rmtree(self.work, ignore_errors=True)


def memory_mb(pid):
    """(current RSS, peak RSS) of a process, in MB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                values[name] = int(rest.split()[0]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)
