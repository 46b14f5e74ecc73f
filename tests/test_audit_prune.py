"""`manage.py prune_audit` deletes the events older than AUDIT_RETENTION_DAYS, only those,
and records that it did; the setting refuses a period under a year."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments import services, tasks
from assessments.models import AuditEvent

from .audit_support import events_of, only_event_of
from .test_settings import assert_refuses, run

Kind = AuditEvent.Kind
RETENTION = "import django; django.setup(); from django.conf import settings; "
RETENTION += "print(settings.AUDIT_RETENTION_DAYS)"


@pytest.fixture
def aged(db):
    """Events recorded 2191, 2189 and 0 days ago (the default period is 2190 days)."""
    now = timezone.now()
    ages = {}
    for days in (2191, 2189, 0):
        event = services.audit_record(kind=Kind.SIGN_IN, username=f"aged-{days}")
        AuditEvent.objects.filter(pk=event.pk).update(
            created_at=now - datetime.timedelta(days=days)
        )
        ages[days] = event.pk
    return ages


def _prune(*args):
    out = io.StringIO()
    call_command("prune_audit", *args, stdout=out)
    return out.getvalue()


def test_it_deletes_only_what_is_older_than_the_period(aged):
    output = _prune()
    assert output.startswith("Deleted 1 audit event(s) older than 2190 days")
    remaining = set(AuditEvent.objects.filter(kind=Kind.SIGN_IN).values_list("pk", flat=True))
    assert remaining == {aged[2189], aged[0]}


def test_it_records_the_prune_itself(aged):
    _prune()
    event = only_event_of(Kind.AUDIT_PRUNE)
    assert event.summary.startswith("1 event(s) older than 2190 days")
    assert event.user is None


def test_it_follows_the_setting(aged, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    assert _prune().startswith("Deleted 2 audit event(s) older than 365 days")
    assert set(AuditEvent.objects.filter(kind=Kind.SIGN_IN).values_list("pk", flat=True)) == {
        aged[0]
    }


def test_beat_runs_the_same_prune_daily(aged, settings):
    entries = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert entries["assessments.tasks.audit_prune"]["schedule"] == 86400
    assert tasks.audit_prune.apply().get() == 1
    assert set(AuditEvent.objects.filter(kind=Kind.SIGN_IN).values_list("pk", flat=True)) == {
        aged[2189],
        aged[0],
    }


def test_it_only_counts_on_a_dry_run(aged):
    assert _prune("--dry-run").startswith("Would delete 1 audit event(s) older than 2190 days")
    assert AuditEvent.objects.filter(kind=Kind.SIGN_IN).count() == 3
    assert not events_of(Kind.AUDIT_PRUNE)


def test_it_defaults_to_six_years_and_reads_the_environment():
    assert run(RETENTION, DEBUG="true").stdout.strip() == "2190"
    assert run(RETENTION, DEBUG="true", AUDIT_RETENTION_DAYS="400").stdout.strip() == "400"


@pytest.mark.parametrize("value", ["364", "0", "-5", "six years"])
def test_it_refuses_a_retention_under_a_year_or_not_a_number(value):
    assert_refuses(run(RETENTION, DEBUG="true", AUDIT_RETENTION_DAYS=value), "AUDIT_RETENTION_DAYS")
