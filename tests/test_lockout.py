"""Five failed sign-ins lock a username for 15 minutes (django-axes), with a message that
does not tell whether the account exists; the lockout is in the audit trail, and an
admin lifts it with `manage.py axes_reset_username`."""

import datetime
import io
import re

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from assessments.models import AuditEvent
from tests.conftest import PASSWORD

LOGIN = reverse("login")


def _fail(client, username, times):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "not the password"})
    return response


def _body(response):
    # Without the CSRF tokens, which differ on every page.
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def test_four_failures_leave_the_account_open(client, planner):
    response = _fail(client, "alice", 4)
    assert response.status_code == 200
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302


def test_the_fifth_failure_locks_the_username_even_for_the_right_password(client, planner):
    response = _fail(client, "alice", 5)
    assert response.status_code == 429
    assert "locked for 15 minutes" in _body(response)
    response = client.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another username from the same address is not affected.
    assert _fail(client, "bruno", 1).status_code == 200


def test_the_message_does_not_tell_whether_the_account_exists(client, planner):
    existing = _fail(client, "alice", 5)
    missing = _fail(client, "nobody-by-this-name", 5)
    assert existing.status_code == missing.status_code == 429
    assert _body(existing) == _body(missing)
    assert "alice" not in _body(existing)


def test_the_lockout_lasts_15_minutes(client, planner, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    _fail(client, "alice", 5)
    # Fifteen minutes later (the attempts are dated back), the right password works.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=16)
    )
    assert client.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302


def test_the_lockout_is_in_the_audit_trail(client, planner):
    _fail(client, "alice", 5)
    lockout = AuditEvent.objects.get(kind=AuditEvent.Kind.LOCKOUT)
    assert (lockout.username, lockout.outcome) == ("alice", "denied")
    assert lockout.address == "127.0.0.1"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGN_IN_FAILED).count() >= 4


@pytest.mark.django_db
def test_an_admin_lifts_a_lockout_with_the_reset_command(client, planner):
    _fail(client, "alice", 5)
    call_command("axes_reset_username", "alice", stdout=io.StringIO())
    assert client.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
