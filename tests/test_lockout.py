"""Five failed sign-ins lock a username for 15 minutes (django-axes), with a message that
does not tell whether the account exists; wrong codes at the second step and failed
re-authentications count toward the same lockout (and the fifth ends the session); 50
failures from one address lock the address; the lockout is in the audit trail, and an
admin lifts it with `manage.py axes_reset_username`."""

import datetime
import io
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import Approval, AuditEvent
from tests.conftest import PASSWORD
from tests.two_factor import VerifyingClient, totp_token
from tests.workflow_builders import seen, submitted_operation

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


# --- the second step and re-authentication count toward the same lockout ---------------


def _decide(client, operation, *, password=PASSWORD, token=None, rationale="Sound plan."):
    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    return client.post(
        reverse("assessments:assessment_decision", args=[operation.pk]),
        {
            **seen(operation),
            "action": "approve",
            "rationale": rationale,
            "password": password,
            "token": token or totp_token(user),
        },
    )


def _signed_in(client):
    return "_auth_user_id" in client.session


def test_the_fifth_failed_reauthentication_locks_the_username_and_ends_the_session(
    client, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    for _ in range(4):
        assert _decide(client, operation, password="guess").status_code == 200
    assert _signed_in(client)
    response = _decide(client, operation, password="guess")
    assert response.status_code == 429 and "locked for 15 minutes" in _body(response)
    assert not _signed_in(client)
    assert not Approval.objects.exists()
    # The right password at the sign-in page is refused as well.
    assert client.post(LOGIN, {"username": "sita", "password": PASSWORD}).status_code == 429
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKOUT, username="sita").exists()


def test_failed_sign_ins_and_reauthentications_add_up(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    _fail(VerifyingClient(), "sita", 3)  # at the sign-in page, after sita signed in
    _decide(client, operation, password="guess")
    assert _decide(client, operation, password="guess").status_code == 429
    assert not _signed_in(client)


def test_a_wrong_code_counts_like_a_wrong_password(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    for _ in range(4):
        _decide(client, operation, token="000000")
    assert _decide(client, operation, token="000000").status_code == 429
    assert client.post(LOGIN, {"username": "sita", "password": PASSWORD}).status_code == 429


def test_the_answer_is_the_same_for_a_wrong_password_and_a_wrong_code(
    client, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    wrong_password = _decide(client, operation, password="guess", token="000000")
    wrong_code = _decide(client, operation, token="000000")
    assert wrong_password.status_code == wrong_code.status_code == 200
    assert _body(wrong_password) == _body(wrong_code)


def test_a_right_code_right_after_a_wrong_one_is_accepted(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    _decide(client, operation, token="000000")
    assert _decide(client, operation).status_code == 302
    assert Approval.objects.get().approver == supervisor


def test_others_failing_with_the_username_do_not_stop_a_signed_in_approver(
    client, task_force, planner, supervisor
):
    """Red team: five failed sign-ins by anyone with an approver's username locked the
    approver out of a decision they were making, and ended their session."""
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    _fail(VerifyingClient(), "sita", 5)  # someone else, at the sign-in page
    assert _decide(client, operation).status_code == 302
    assert _signed_in(client) and Approval.objects.exists()
    # A new sign-in with the username stays locked meanwhile... until the approver's
    # own success proves who they are and forgets the failures.
    assert (
        VerifyingClient().post(LOGIN, {"username": "sita", "password": PASSWORD}).status_code == 302
    )


def test_a_right_password_does_not_forget_wrong_codes(client, supervisor):
    """Red team: the password step reset the failures, so four wrong codes, then the
    password again, then four more... never locked."""
    verify = reverse("two_factor_verify")
    client.post(LOGIN, {"username": "sita", "password": PASSWORD})
    for _ in range(4):
        assert client.post(verify, {"token": "000000"}).status_code == 200
    client.post(LOGIN, {"username": "sita", "password": PASSWORD})
    response = client.post(verify, {"token": "000000"})
    assert response.status_code == 429 and not _signed_in(client)


def test_a_failed_reauthentication_stores_none_of_the_decision(
    client, task_force, planner, supervisor
):
    """Red team: django-axes kept the re-authentication's form, rationale included, in
    clear beside the failed attempt."""
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    response = client.post(
        reverse("assessments:assessment_decision", args=[operation.pk]),
        {
            **seen(operation),
            "action": "return",
            "rationale": "ZQX 9 Orchid Crescent, back door",
            "password": "wrong password",
            "token": totp_token(supervisor),
        },
    )
    assert response.status_code == 200
    attempts = list(AccessAttempt.objects.values_list("post_data", "get_data"))
    assert attempts and not any(
        "ZQX" in data or "Orchid" in data for row in attempts for data in row
    )


def test_wrong_codes_at_the_second_step_lock_the_username(client, supervisor):
    client.post(LOGIN, {"username": "sita", "password": PASSWORD})
    verify = reverse("two_factor_verify")
    for _ in range(4):
        assert client.post(verify, {"token": "000000"}).status_code == 200
    response = client.post(verify, {"token": "000000"})
    assert response.status_code == 429 and not _signed_in(client)
    assert client.post(LOGIN, {"username": "sita", "password": PASSWORD}).status_code == 429


def test_a_right_code_right_after_a_wrong_one_lets_the_user_in(client, supervisor):
    client.post(LOGIN, {"username": "sita", "password": PASSWORD})
    verify = reverse("two_factor_verify")
    client.post(verify, {"token": "000000"})
    response = client.post(verify, {"token": totp_token(supervisor)})
    assert response.status_code == 302
    assert client.get(reverse("assessments:operation_list")).status_code == 200


# --- per address ------------------------------------------------------------------------


def _fail_from(address, username):
    client = VerifyingClient(REMOTE_ADDR=address)
    return client.post(LOGIN, {"username": username, "password": "not the password"})


def test_guessing_across_usernames_from_one_address_is_stopped(client, planner, settings):
    assert settings.SIGN_IN_FAILURES_PER_ADDRESS == 50
    for number in range(50):
        assert _fail_from("203.0.113.9", f"guess{number}").status_code == 200
    station = VerifyingClient(REMOTE_ADDR="203.0.113.9")
    response = station.post(LOGIN, {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    # The same page as a locked username: nothing tells the two apart.
    assert "locked for 15 minutes" in _body(response)
    elsewhere = VerifyingClient(REMOTE_ADDR="198.51.100.7")
    assert elsewhere.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302


def test_colleagues_who_then_got_in_do_not_count_against_their_address(planner, django_user_model):
    for number in range(30):
        name = f"officer{number}"
        django_user_model.objects.create_user(name, password=PASSWORD)
        _fail_from("203.0.113.9", name)
        client = VerifyingClient(REMOTE_ADDR="203.0.113.9")
        assert client.post(LOGIN, {"username": name, "password": PASSWORD}).status_code == 302
    for number in range(30):
        _fail_from("203.0.113.9", f"guess{number}")
    station = VerifyingClient(REMOTE_ADDR="203.0.113.9")
    assert station.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302


def test_the_address_limit_lasts_the_cool_off_period(planner):
    for number in range(50):
        _fail_from("203.0.113.9", f"guess{number}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    station = VerifyingClient(REMOTE_ADDR="203.0.113.9")
    assert station.post(LOGIN, {"username": "alice", "password": PASSWORD}).status_code == 302
