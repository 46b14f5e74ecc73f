"""Benchmark: the memory of a real Celery worker over 100 briefs.

Run with `make bench` (or `python -m benchmarks.worker_memory`). Needs Redis:
BENCH_REDIS_URL, default database 6 of the local server, on a queue of its own. In a
temporary directory it makes a SQLite database, migrates it and approves 50 operations
(each approval queues a full and an NGO brief: 100 briefs); then it starts
`celery worker --concurrency=1` (prefork, as in production) and samples the resident
memory of the worker's main and pool processes every 0.1 s until every brief is ready.
The temporary directory is removed when it succeeds.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

WORK = Path(tempfile.mkdtemp(prefix="raidassess-bench-"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
QUEUE = f"bench-{uuid.uuid4().hex[:8]}"
OPERATIONS = 50
ENVIRONMENT = {
    "DEBUG": "true",
    "LOG_LEVEL": "WARNING",
    "DATABASE_URL": f"sqlite:///{WORK / 'bench.sqlite3'}",
    "CELERY_BROKER_URL": REDIS_URL,
    "MEDIA_ROOT": str(WORK / "media"),
}
os.environ.update(ENVIRONMENT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raidassess.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from assessments import services, signing  # noqa: E402
from assessments.models import Brief, Membership, PartnerOrganisation, TaskForce  # noqa: E402
from raidassess.celery import app as celery_app  # noqa: E402
from tests.builders import best_assessment  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent


def approved_operations():
    users = get_user_model().objects
    task_force = TaskForce.objects.create(name="Bench task force")
    partner = PartnerOrganisation.objects.create(name="Bench NGO", contact_point="+66 2 000 0000")
    planner = users.create_user("bench-planner")
    supervisor = users.create_user("bench-supervisor")
    Membership.objects.create(user=planner, task_force=task_force, role="planner")
    Membership.objects.create(user=supervisor, task_force=task_force, role="supervisor")
    plan = best_assessment()
    plan["operation"]["suspect_details"] = "Owner known as Mr K.; two guards at the gate. " * 5
    for number in range(OPERATIONS):
        profile = {
            **plan["operation"],
            "codename": f"BENCH{number:03d}",
            "receiving_organisation": partner.name,
        }
        operation = services.operation_create(
            task_force=task_force, user=planner, profile=profile, answers=plan["answers"]
        )
        services.assessment_submit(operation=operation, user=planner)
        version = services.current_version(operation=operation)
        services.assessment_approve(
            operation=operation,
            user=supervisor,
            version=version.number,
            content_hash=version.content_hash,
            rationale="Corroborated; care ready.",
        )


def memory_mb(pid):
    """(RSS, PSS) of a process in MB. PSS shares the pages the pool process still shares
    with the main one after the fork between them, so the PSS of the two adds up."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                values[name] = int(rest.split()[0]) / 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return values.get("Rss", 0.0), values.get("Pss", 0.0)


def children(pid):
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except FileNotFoundError:
        return []


def main():
    call_command("migrate", verbosity=0)
    signing.signer()  # the development key, created once, before the worker reads it
    celery_app.conf.task_default_queue = QUEUE
    approved_operations()
    total = Brief.objects.count()
    print(f"{total} briefs queued on {REDIS_URL} ({QUEUE}); database and files in {WORK}")

    command = [sys.executable, "-m", "celery", "-A", "raidassess", "worker", "--loglevel=WARNING"]
    command += ["--concurrency=1", "--without-gossip", "--without-mingle", "--queues", QUEUE]
    log = open(WORK / "worker.log", "wb")  # noqa: SIM115 (the worker holds it)
    worker = subprocess.Popen(
        command, cwd=BASE_DIR, env={**os.environ, **ENVIRONMENT}, stdout=log, stderr=log
    )
    started = time.perf_counter()
    peak_rss = peak_pss = after_one = 0.0
    try:
        while (ready := Brief.objects.filter(status=Brief.Status.READY).count()) < total:
            if worker.poll() is not None or time.perf_counter() - started > 600:
                sys.exit(f"The worker stopped or stalled; its log: {WORK / 'worker.log'}")
            pool = [memory_mb(child) for child in children(worker.pid)]
            main_rss, main_pss = memory_mb(worker.pid)
            peak_rss = max(peak_rss, sum(rss for rss, _pss in pool))
            peak_pss = max(peak_pss, main_pss + sum(pss for _rss, pss in pool))
            if ready and not after_one:
                after_one = sum(rss for rss, _pss in pool)
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
        after = sum(memory_mb(child)[0] for child in children(worker.pid))
    finally:
        worker.terminate()
        worker.wait(30)
    failed = Brief.objects.exclude(status=Brief.Status.READY).count()
    print(
        f"{total} briefs ready in {elapsed:.1f} s ({total / elapsed:.2f} per second, worker "
        f"start included), {failed} not ready"
    )
    print(
        f"pool process RSS: {after_one:.0f} MB after the first brief, peak {peak_rss:.0f} MB, "
        f"{after:.0f} MB after the last; main process RSS {main_rss:.0f} MB; the whole worker "
        f"(main and pool, PSS) peak {peak_pss:.0f} MB"
    )
    shutil.rmtree(WORK)


if __name__ == "__main__":
    main()
