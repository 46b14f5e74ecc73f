"""`make bench`: the app beside its floors, on the stack it is deployed on.

Production settings (DEBUG off) in a database of the bench's own (`stack`), seeded with
10,000 operations and their versions (`seed`); gunicorn with 2 sync workers and a Celery
pool of 2 against Redis; each row measured beside its floor in the same run, interleaved,
over several rounds (median, and min-max), with the load average of each round. See the
README's "Benchmarks" section for what each row is and its budget.
"""

import statistics
import sys
import time

import django

from .stack import Stack, free_port

STARTED = time.perf_counter()
stack = Stack()  # sets the environment: production settings, the bench's database
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

from assessments import signing  # noqa: E402

from . import briefs, pages, pipeline, scoring, slow_network  # noqa: E402
from .load import Load  # noqa: E402
from .report import Table, load_average, spread  # noqa: E402
from .seed import OPERATIONS, seed  # noqa: E402

# The budgets of the page rows, by the start of their label.
BUDGETS = {
    "operations list": {"budget_ratio": 2},
    "checklist section": {"budget_ratio": 1.5},
    "autosave with verdict refresh": {"budget_p50": 30},
}
BRIEF_SECONDS, BRIEF_RATIO = 0.8, 1.25
WEB_MB, WORKER_MB = 150, 300
VISIBLE_LATE = 0.5
SLOW_3G_SECONDS = 3
SCORES_PER_SECOND = 10_000


def _step(what):
    print(f"[{time.perf_counter() - STARTED:5.0f} s] {what} ({load_average()})", flush=True)


def _prepare():
    _step(f"database {stack.environment['DATABASE_URL'].rsplit('/', 1)[1]}: created, migrated")
    stack.database_create()
    stack.redis_flush()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    signing.key_create(
        stack.work / "signing.p12",
        passphrase=stack.environment["SIGNING_KEY_PASSPHRASE"],
        common_name="RaidAssess bench",
    )
    _step(f"seeding {OPERATIONS} operations")
    data = seed()
    _step(f"seeded: the bench planner sees {data['visible']} operations")
    return data


def _scoring(table):
    _step("scoring")
    parsed = [scoring.parse_assessment(raw) for raw in scoring.random_assessments(scoring.COUNT)]
    best, median = scoring.timed(scoring.score_assessment, parsed)
    rate = scoring.COUNT / median
    table.add(
        f"scoring ({scoring.COUNT} assessments)",
        f"{rate:,.0f} / s (best {scoring.COUNT / best:,.0f})",
        budget=f"> {SCORES_PER_SECOND:,} / s",
        met=rate > SCORES_PER_SECOND,
    )


def _briefs(table):
    _step("brief render and sign, in this process")
    measured = briefs.measure()
    full = statistics.median(measured["full"])
    alone = statistics.median(measured["weasyprint"])
    table.add(
        "full brief render + sign, warm",
        spread(measured["full"], " s", 3) + f" (cold {measured['cold']:.2f} s)",
        "WeasyPrint alone " + spread(measured["weasyprint"], " s", 3),
        f"{full / alone:.2f}x",
        f"<= {BRIEF_SECONDS} s, <= {BRIEF_RATIO}x",
        full <= BRIEF_SECONDS and full / alone <= BRIEF_RATIO,
    )
    return (full + statistics.median(measured["ngo"])) / 2


def _pages(table, data):
    _step("pages under load, each beside its floor, one connection")
    results = pages.under_load(stack, data)
    for label, (apps, floors) in results.items():
        budget = next((value for key, value in BUDGETS.items() if label.startswith(key)), {})
        pages.row(table, label, apps, floors, **budget)
    _step("queries of each page")
    counts = pages.query_counts(stack, data)
    table.add(
        "queries per page (floor: 1 each)",
        ", ".join(f"{label.split(' (')[0]}: {count}" for label, count in counts.items()),
    )


def _pipeline(table, data, brief_seconds):
    pipeline.worker_ready(stack)
    _step("100 briefs through the Celery pool (2 processes)")
    run = pipeline.throughput(stack, data)
    ideal = stack_workers() / brief_seconds
    table.add(
        f"brief throughput, {run['briefs']} briefs, 2 workers",
        f"{run['rate']:.2f} / s ({run['seconds']:.1f} s)",
        f"ideal {ideal:.2f} / s (2 / one brief's {brief_seconds:.2f} s)",
        f"{ideal / run['rate']:.2f}x",
    )
    _step("approval POST to both briefs visible")
    rounds = pipeline.approval_to_visible(stack, data)
    late = [row["late"] for row in rounds]
    table.add(
        "approval POST to both briefs visible",
        spread([row["visible"] for row in rounds], " s", 2),
        note=f"polled every {rounds[0]['interval']:g} s",
    )
    table.add(
        "a ready brief visible after",
        spread(late, " s", 2),
        budget=f"< {VISIBLE_LATE} s",
        met=max(late) < VISIBLE_LATE,
    )
    return run


def stack_workers():
    return len(stack.pids("celery")) or 2


def _slow_network(table, data):
    _step("cold checklist page on slow 3G (Chromium, DevTools throttling)")
    apps, floors = slow_network.measure(stack, data, pages.SECTION)
    load = [timing["load"] for timing in apps]
    paint = [timing["paint"] for timing in apps if timing["paint"] is not None]
    table.add(
        "cold checklist page, slow 3G: load event",
        spread(load, " s", 2)
        + f", first paint {spread(paint, ' s', 2)}, DOM ready "
        + f"{spread([t['ready'] for t in apps], ' s', 2)}, {apps[0]['bytes'] / 1000:.0f} kB",
        f"bare crispy form {spread([t['load'] for t in floors], ' s', 2)}, "
        + f"{floors[0]['bytes'] / 1000:.0f} kB",
        f"{statistics.median(load) / statistics.median(t['load'] for t in floors):.2f}x",
        f"< {SLOW_3G_SECONDS} s",
        statistics.median(load) < SLOW_3G_SECONDS,
    )


def _memory(table, run):
    _step("memory of the web workers, and of Django alone after 2,000 requests")
    web = pipeline.web_memory(stack)
    port = free_port()
    stack.bare_web_start(port)
    bare_url = f"http://127.0.0.1:{port}"
    Load(bare_url, seconds=2).run("/")
    bare = pipeline.memory_mb(stack.pids("bare")[0])
    table.add(
        "web worker after the run (RSS, peak)",
        ", ".join(f"{rss:.0f} MB (peak {peak:.0f})" for rss, peak, _pdf in web)
        + ("; PDF stack loaded" if any(pdf for *_m, pdf in web) else "; no PDF stack loaded"),
        f"Django alone {bare[0]:.0f} MB",
        budget=f"< {WEB_MB} MB",
        met=max(peak for _rss, peak, _pdf in web) < WEB_MB,
    )
    table.add(
        f"Celery pool process after {run['briefs']} briefs (peak RSS)",
        f"{run['pool_peak']:.0f} MB (main process {run['main']:.0f} MB)",
        budget=f"< {WORKER_MB} MB",
        met=run["pool_peak"] < WORKER_MB,
    )


def main():
    table = Table()
    succeeded = False
    try:
        data = _prepare()
        _scoring(table)
        brief_seconds = _briefs(table)
        stack.web_start()
        stack.worker_start()
        _pages(table, data)
        run = _pipeline(table, data, brief_seconds)
        _slow_network(table, data)
        _memory(table, run)
        succeeded = True
    finally:
        stack.stop()
        connections.close_all()
        if succeeded:
            stack.database_drop()
            stack.clean()
        else:
            print(f"Logs and files kept in {stack.work}", file=sys.stderr)
        print()
        table.print()
        print(f"\n{time.perf_counter() - STARTED:.0f} s in all; {load_average()} at the end")


main()
