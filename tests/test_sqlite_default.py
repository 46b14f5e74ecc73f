"""The embedded SQLite default (make run) takes two writers at once: each transaction
takes the write lock when it begins and waits its turn, where SQLite's default would
have let both read, then refused one with "database is locked" (a 500 on the page)."""

import os
import subprocess
import sys

from django.conf import settings

PRELUDE = """
import time
import django
django.setup()
from django.db import connection, transaction
"""
SETUP = """
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (count integer)")
    cursor.execute("INSERT INTO counter VALUES (0)")
"""
# One request's transaction: it reads, takes a moment, then writes what it read.
WRITE = """
with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count FROM counter")
        (count,) = cursor.fetchone()
        time.sleep(0.5)
        cursor.execute("UPDATE counter SET count = %s", [count + 1])
"""
READ = """
with connection.cursor() as cursor:
    cursor.execute("SELECT count FROM counter")
    print(cursor.fetchone()[0])
"""


def _python(script, env):
    return subprocess.Popen(
        [sys.executable, "-c", PRELUDE + script],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers_at_once_both_succeed_in_turn(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "raidassess.settings",
        "PYTHONPATH": str(settings.BASE_DIR),
    }
    assert _python(SETUP, env).wait(timeout=60) == 0
    writers = [_python(WRITE, env) for _ in range(2)]
    outputs = [writer.communicate(timeout=60) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], outputs
    stdout, stderr = _python(READ, env).communicate(timeout=60)
    assert stdout.strip() == "2", stderr  # neither write lost
