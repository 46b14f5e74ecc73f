"""Briefs through the real pipeline: the Celery worker pool of the run (2 processes)
rendering 100 briefs, the time from an approval POST to both briefs visible on the
briefs page, and the memory of the web and Celery workers.

The page shows a brief once its status element, polled by htmx at the interval the
page's `hx-trigger` names, says it is ready; the bench polls the same way, so "visible"
is when a person would see it.
"""

import re
import secrets
import string
import time
import urllib.parse
import urllib.request
from pathlib import Path

from django.db.models import Max, Min
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from assessments import services
from assessments.models import Brief, Operation

from .seed import PASSWORD
from .stack import memory_mb

POLL = re.compile(r'hx-trigger="every ([\d.]+)(ms|s)"')
READY = "brief-status-ready"
TIMEOUT = 300


def worker_ready(stack):
    log = stack.work / "celery.log"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log.exists() and b" ready." in log.read_bytes():
            return
        time.sleep(0.1)
    raise SystemExit(f"the Celery worker did not start; its log: {log}")


def throughput(stack, data):
    """Approve the brief operations at once; time until every brief is ready, and the
    peak memory of the pool's processes meanwhile."""
    supervisor = data["supervisor"]
    operations = Operation.objects.filter(pk__in=data["briefs"])
    started = time.perf_counter()
    for operation in operations:
        version = services.current_version(operation=operation)
        services.assessment_approve(
            operation=operation,
            user=supervisor,
            version=version.number,
            content_hash=version.content_hash,
            rationale="Corroborated; care ready.",
        )
    briefs = Brief.objects.filter(version__assessment__operation__in=operations)
    total = briefs.count()
    peak = {}
    while briefs.filter(status=Brief.Status.READY).count() < total:
        if time.perf_counter() - started > TIMEOUT:
            raise SystemExit(f"briefs not ready after {TIMEOUT} s: {stack.work / 'celery.log'}")
        for pid in stack.pids("celery"):
            peak[pid] = max(peak.get(pid, 0.0), memory_mb(pid)[0])
        time.sleep(0.1)
    span = briefs.aggregate(first=Min("created_at"), last=Max("rendered_at"))
    seconds = (span["last"] - span["first"]).total_seconds()
    for pid in stack.pids("celery"):
        peak[pid] = max(peak.get(pid, 0.0), memory_mb(pid)[1])
    return {
        "briefs": total,
        "seconds": seconds,
        "rate": total / seconds,
        "pool_peak": max(peak.values()),
        "main": memory_mb(stack.processes["celery"].pid)[0],
    }


class Browser:
    """What a browser sends: the session and CSRF cookies, the proxy's https header."""

    def __init__(self, stack, session):
        self.base = stack.url
        self.csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        self.headers = {
            "Cookie": f"sessionid={session}; csrftoken={self.csrf}",
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{stack.port}",
        }
        self.opener = urllib.request.build_opener(_NoRedirect)

    def get(self, path):
        request = urllib.request.Request(self.base + path, headers=self.headers)
        with self.opener.open(request, timeout=30) as answer:
            return answer.read().decode()

    def post(self, path, fields):
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf}).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=self.headers)
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as redirect:
            return redirect.code, ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _code(device, ahead):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def poll_seconds(page):
    found = POLL.search(page)
    if found is None:
        return None
    value, unit = found.groups()
    return float(value) / (1000 if unit == "ms" else 1)


def approval_to_visible(stack, data):
    """For each approval round: (POST to both visible, ready to visible, poll interval)."""
    browser = Browser(stack, data["supervisor_session"])
    device = TOTPDevice.objects.get(user=data["supervisor"])
    rounds = []
    for number, pk in enumerate(data["approvals"]):
        version = services.current_version(operation=Operation.objects.get(pk=pk))
        posted = time.perf_counter()
        status, _page = browser.post(
            f"/operations/{pk}/decision/",
            {
                "action": "approve",
                "version": version.number,
                "content_hash": version.content_hash,
                "rationale": "Presence corroborated; care and shelter confirmed.",
                "password": PASSWORD,
                "token": _code(device, number),
            },
        )
        if status != 302:
            raise SystemExit(f"the approval POST answered {status}")
        # The browser follows the redirect to the operation page, then opens its briefs.
        browser.get(f"/operations/{pk}/")
        page = browser.get(f"/operations/{pk}/briefs/")
        interval = first_interval = poll_seconds(page)
        while page.count(READY) < 2:
            if interval is None or time.perf_counter() - posted > 60:
                raise SystemExit(f"operation {pk}: the briefs page stopped polling")
            time.sleep(interval)
            page = browser.get(f"/operations/{pk}/briefs/status/")
            interval = poll_seconds(page) or interval
        visible, visible_at = time.perf_counter(), time.time()
        ready = Brief.objects.filter(version__assessment__operation=pk).aggregate(
            last=Max("rendered_at")
        )["last"]
        rounds.append(
            {
                "visible": visible - posted,
                "late": visible_at - ready.timestamp(),
                "interval": first_interval,
            }
        )
    return rounds


def pdf_stack_loaded(pid):
    """True when the process has WeasyPrint's libraries (Pango) mapped."""
    try:
        return "libpango" in Path(f"/proc/{pid}/maps").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False


def web_memory(stack):
    """[(RSS, peak RSS, PDF stack loaded)] of each gunicorn worker."""
    return [(*memory_mb(pid), pdf_stack_loaded(pid)) for pid in stack.pids("gunicorn")]
