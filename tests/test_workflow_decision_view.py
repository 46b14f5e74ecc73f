"""/operations/<pk>/decision/: a supervisor or commander approves, returns or rejects
the version shown, after entering their password again."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from assessments.models import Approval, AuditEvent
from assessments.services import two_factor
from tests.conftest import PASSWORD
from tests.two_factor import totp_token
from tests.workflow_builders import (
    CONDITIONAL,
    NO_GO,
    planned_operation,
    resubmitted,
    seen,
    status_of,
    submitted_operation,
)


def _url(operation):
    return reverse("assessments:assessment_decision", args=[operation.pk])


def _post(client, operation, action, *, password=PASSWORD, rationale="Sound plan.", **extra):
    """Post a decision as the signed-in decider, with their password and a fresh code."""
    user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    data = {**seen(operation), "action": action, "rationale": rationale, "password": password}
    if two_factor.totp_device_of(user) is not None:
        data["token"] = totp_token(user)
    return client.post(_url(operation), {**data, **extra})


def test_it_shows_the_verdict_and_the_exact_version(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, **CONDITIONAL)
    client.force_login(supervisor)
    html = client.get(_url(operation)).content.decode()
    version = seen(operation)
    assert version["content_hash"] in html
    assert "You decide on version 1, saved by alice" in html
    assert 'id="verdict"' in html and "Conditional go" in html
    assert 'name="password"' in html and 'autocomplete="current-password"' in html
    for action in ("approve", "return", "reject"):
        assert f'value="{action}"' in html


def test_the_right_password_approves_and_the_planner_sees_it(
    client, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner, **CONDITIONAL)
    client.force_login(supervisor)
    response = _post(client, operation, "approve", conditions="Shelter confirmed in writing.")
    assert response.status_code == 302
    approval = Approval.objects.get()
    assert approval.conditions[-1] == "Shelter confirmed in writing."
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.REAUTHENTICATION, outcome="success", user=supervisor
    ).exists()
    client.force_login(planner)
    html = client.get(reverse("assessments:operation_detail", args=[operation.pk])).content.decode()
    assert 'data-status="approved"' in html
    assert "Sound plan." in html and approval.content_hash in html
    assert "Shelter confirmed in writing." in html


def test_a_wrong_password_decides_nothing_and_is_audited(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    response = _post(client, operation, "approve", password="wrong", rationale="Kept text.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your password or code is not right" in html
    assert "Kept text." in html  # what the user typed stays
    assert status_of(operation) == "submitted"
    assert not Approval.objects.exists()
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.REAUTHENTICATION)
    assert (event.outcome, event.user, event.operation) == ("failure", supervisor, operation)


def test_a_missing_password_is_an_error_on_the_field(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    response = _post(client, operation, "approve", password="")
    assert response.context["form"].errors["password"]
    assert status_of(operation) == "submitted"


def test_the_right_password_without_the_right_code_decides_nothing(
    client, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    response = _post(client, operation, "approve", token="000000")
    assert "Your password or code is not right" in response.content.decode()
    assert status_of(operation) == "submitted"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.REAUTHENTICATION)
    assert event.outcome == "failure"


def test_a_return_needs_comments_and_keeps_the_page(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    response = _post(client, operation, "return", rationale="")
    assert "Write what the planners must change" in response.content.decode()
    assert status_of(operation) == "submitted"
    response = _post(client, operation, "return", rationale="Name the interpreters.")
    assert response.status_code == 302 and status_of(operation) == "returned"


def test_a_no_go_offers_return_and_reject_but_no_approval(client, task_force, planner, commander):
    operation = submitted_operation(task_force, planner, **NO_GO)
    client.force_login(commander)
    html = client.get(_url(operation)).content.decode()
    assert 'value="approve"' not in html and 'value="reject"' in html
    response = _post(client, operation, "approve")
    assert "no-go verdict cannot be approved" in response.content.decode()
    response = _post(client, operation, "reject", rationale="A round-up.")
    assert response.status_code == 302 and status_of(operation) == "rejected"


def test_a_version_that_moved_on_is_refused(client, task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    stale = seen(operation)
    resubmitted(operation, planner, leak_mitigations="Changed meanwhile.")
    client.force_login(supervisor)
    data = {
        **stale,
        "action": "approve",
        "rationale": "Ok.",
        "password": PASSWORD,
        "token": totp_token(supervisor),
    }
    response = client.post(_url(operation), data)
    assert "changed since you opened it" in response.content.decode()
    assert not Approval.objects.exists()


@pytest.mark.parametrize("user", ["planner", "second_planner"])
def test_planners_get_403(client, task_force, planner, user, request):
    operation = submitted_operation(task_force, planner)
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url(operation)).status_code == 403
    assert _post(client, operation, "approve").status_code == 403


def test_the_operation_page_links_the_decision_for_who_may_decide(
    client, task_force, planner, supervisor
):
    draft = planned_operation(task_force, planner)
    operation = submitted_operation(task_force, planner, codename="WREN")
    client.force_login(supervisor)
    detail = reverse("assessments:operation_detail", args=[operation.pk])
    assert _url(operation) in client.get(detail).content.decode()
    draft_detail = reverse("assessments:operation_detail", args=[draft.pk])
    assert _url(draft) not in client.get(draft_detail).content.decode()


@pytest.mark.parametrize("action", ["return", "reject", "approve"])
def test_a_missing_comment_is_refused_before_the_code_is_spent(
    client, task_force, planner, supervisor, action
):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    token = totp_token(supervisor)
    response = _post(client, operation, action, rationale=" ", token=token)
    assert response.context["form"].errors["rationale"]
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.REAUTHENTICATION).exists()
    # The same code still works: it was not used up by the refusal.
    response = _post(client, operation, action, rationale="Name the interpreters.", token=token)
    assert response.status_code == 302


def test_a_rationale_is_bounded_and_refuses_direction_characters(
    client, task_force, planner, supervisor
):
    """Red team: a 200,000-character rationale with U+202E was accepted and printed in the
    full brief."""
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    for rationale, message in [
        ("Go\u202eon", "contains a control or text-direction character (U+202E)"),
        ("x" * 4001, "at most 4000 characters"),
    ]:
        data = {
            **seen(operation),
            "action": "approve",
            "rationale": rationale,
            "password": PASSWORD,
            "token": totp_token(supervisor),
        }
        response = client.post(_url(operation), data)
        assert message in response.content.decode()
    assert not Approval.objects.exists()
