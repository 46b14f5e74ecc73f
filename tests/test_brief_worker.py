"""A real Celery worker (tests/celery_worker.py) renders the briefs an approval queued,
and a worker killed mid-render still ends in exactly one signed brief."""

import time
from pathlib import Path

import pytest
from django.conf import settings

from assessments import services, signing
from assessments.models import Brief
from tests.celery_worker import WORKER_DEADLINE_SECONDS, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def _all_ready():
    return set(Brief.objects.values_list("status", flat=True)) == {Brief.Status.READY}


def _assert_one_signed_file_per_brief():
    briefs = list(Brief.objects.all())
    assert sorted(brief.variant for brief in briefs) == ["full", "ngo"]
    files = sorted((Path(settings.MEDIA_ROOT) / "briefs").iterdir())
    assert sorted(Path(brief.file.path) for brief in briefs) == files
    for brief in briefs:
        data = services.brief_pdf(brief)
        assert signing.pdf_validate(data).ok
        assert services.brief_verify(data=data).brief == brief


def test_a_worker_renders_the_briefs_an_approval_queued(broker, start_worker, approved_operation):
    # The approval committed, and only then queued the two tasks on Redis.
    assert Brief.objects.filter(status=Brief.Status.QUEUED).count() == 2
    worker = start_worker()
    wait_until(_all_ready, 90, worker, "Both briefs ready")
    _assert_one_signed_file_per_brief()
    assert set(Brief.objects.values_list("attempts", flat=True)) == {1}


def test_killing_a_worker_mid_render_still_ends_with_one_signed_brief(
    broker, start_worker, approved_operation
):
    worker = start_worker()
    wait_until(
        lambda: Brief.objects.filter(status=Brief.Status.RENDERING).exists(),
        60,
        worker,
        "A render starting",
    )
    worker.kill()
    killed = Brief.objects.get(status=Brief.Status.RENDERING)
    assert killed.attempts == 1

    # Its claim expires; the sweep (beat runs it every minute) queues it again.
    replacement = start_worker()
    time.sleep(WORKER_DEADLINE_SECONDS + 0.5)
    assert services.brief_sweep() >= 1
    wait_until(_all_ready, 90, replacement, "Both briefs ready after the restart")
    _assert_one_signed_file_per_brief()
    killed.refresh_from_db()
    assert killed.attempts == 2
