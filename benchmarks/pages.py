"""The pages under load: each beside its floor (`floors`), at one connection, on the
gunicorn of the run; and the queries each page makes, counted in this process."""

import math
import os
import secrets
import statistics
import string
import urllib.parse

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments import checklist, services
from assessments.forms.checklist import to_initial
from assessments.models import Assessment, Operation

from .load import AUTOSAVE, Load
from .report import interleaved, spread

SECONDS = 3
SECTION = "D"  # the longest section of the checklist: 13 questions
AUTOSAVE_KEY = "intelligence_age_days"  # in section A
PAGE_SIZE = 25


def section_answers(operation_pk, key):
    """The other answers of `key`'s section as the page's form sends them with a save
    (urlencoded): an autosave posts the whole form, `changed` naming what changed."""
    answers = services.current_version(operation=Operation.objects.get(pk=operation_pk)).content[
        "answers"
    ]
    section = next(s for s in checklist.SECTIONS if s.key == checklist.SECTION_OF[key])
    fields = {
        item.key: to_initial(item, answers.get(item.key))
        for item in section.items
        if item.key != key
    }
    return urllib.parse.urlencode(fields, doseq=True)


def _csrf_secret():
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def paths(data):
    """(label, app path, floor path, method) of every page row."""
    task_force = data["task_force"]
    drafts = Operation.objects.filter(
        task_force=task_force, assessment__status=Assessment.Status.DRAFT
    ).count()
    deep = max(1, math.ceil(drafts / PAGE_SIZE) * 4 // 5)
    query = f"?status=draft&sort=-score&page={deep}"
    history, autosave = data["history"], data["autosave"]
    floor = "/floor"
    return [
        ("operations list, page 1", "/", f"{floor}/task-forces/{task_force}/operations/", "GET"),
        (
            f"operations list, page {deep} of the drafts by score",
            f"/{query}",
            f"{floor}/task-forces/{task_force}/operations/{query}",
            "GET",
        ),
        (
            f"checklist section {SECTION}",
            f"/operations/{history}/checklist/{SECTION}/",
            f"{floor}/operations/{history}/checklist/{SECTION}/",
            "GET",
        ),
        (
            "autosave with verdict refresh",
            f"/operations/{autosave}/checklist/A/",
            f"{floor}/operations/{autosave}/save/",
            "POST",
        ),
        (
            "history (50 versions)",
            f"/operations/{history}/history/",
            f"{floor}/operations/{history}/versions/",
            "GET",
        ),
        (
            "diff of versions 1 and 50",
            f"/operations/{history}/diff/?a=1&b=50",
            f"{floor}/operations/{history}/diff/?a=1&b=50",
            "GET",
        ),
    ]


def under_load(stack, data):
    """{label: (apps, floors)}: wrk results of each page and its floor, interleaved."""
    load = Load(stack.url, seconds=SECONDS)
    csrf = _csrf_secret()
    app_cookie = f"sessionid={data['planner_session']}; csrftoken={csrf}"
    post = {
        **os.environ,
        "BENCH_CSRF": csrf,
        "BENCH_ORIGIN": f"https://127.0.0.1:{stack.port}",
        "BENCH_KEY": AUTOSAVE_KEY,
        "BENCH_VALUE_A": "3",
        "BENCH_VALUE_B": "4",
        "BENCH_BASE_VERSION": "1",
        "BENCH_BODY": section_answers(data["autosave"], AUTOSAVE_KEY),
    }
    results = {}
    for label, app_path, floor_path, method in paths(data):
        options = {"script": AUTOSAVE, "environment": post} if method == "POST" else {}
        # Warm both: templates compiled, connections open, in each worker.
        for path, cookie in ((app_path, app_cookie), (floor_path, f"csrftoken={csrf}")):
            Load(stack.url, seconds=1).run(path, cookie=cookie, **options)
        results[label] = interleaved(
            label,
            lambda path=app_path, options=options: load.run(path, cookie=app_cookie, **options),
            lambda path=floor_path, options=options: load.run(
                path, cookie=f"csrftoken={csrf}", **options
            ),
        )
        for side, runs in zip(("app", "floor"), results[label], strict=True):
            if any(run["errors"] for run in runs):
                raise SystemExit(f"{label}: the {side} answered errors: {runs}")
    return results


def row(table, label, apps, floors, *, budget_ratio=None, budget_p50=None):
    app_rate = [run["rate"] for run in apps]
    floor_rate = [run["rate"] for run in floors]
    ratio = statistics.median(floor_rate) / statistics.median(app_rate)
    app = f"{spread(app_rate)} req/s, p50 {spread([run['p50'] for run in apps], ' ms')}"
    floor = f"{spread(floor_rate)} req/s, p50 {spread([run['p50'] for run in floors], ' ms')}"
    if budget_p50 is not None:
        p50 = statistics.median(run["p50"] for run in apps)
        table.add(label, app, floor, f"{ratio:.1f}x", f"p50 < {budget_p50} ms", p50 < budget_p50)
    elif budget_ratio is not None:
        table.add(label, app, floor, f"{ratio:.1f}x", f"<= {budget_ratio}x", ratio <= budget_ratio)
    else:
        table.add(label, app, floor, f"{ratio:.1f}x")


def query_counts(stack, data):
    """{label: queries} of each page as the bench planner, counted in this process."""
    client = Client(SERVER_NAME="127.0.0.1")
    client.cookies["sessionid"] = data["planner_session"]
    counts = {}
    for label, app_path, _floor, method in paths(data):
        send = client.post if method == "POST" else client.get
        others = urllib.parse.parse_qs(section_answers(data["autosave"], AUTOSAVE_KEY))
        body = {**others, "base_version": 1, "changed": AUTOSAVE_KEY, AUTOSAVE_KEY: "5"}
        extra = {"data": body, "HTTP_HX_REQUEST": "true"} if method == "POST" else {}
        send(app_path, secure=True, **extra)  # warm: first-request work is not counted
        if method == "POST":
            extra["data"] = {**body, AUTOSAVE_KEY: "6"}
        with CaptureQueriesContext(connection) as queries:
            answer = send(app_path, secure=True, **extra)
        if answer.status_code != 200:
            raise SystemExit(f"{label}: {app_path} answered {answer.status_code}")
        counts[label] = len(queries)
    return counts
