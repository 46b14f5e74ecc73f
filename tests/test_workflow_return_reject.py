"""services.assessment_return and assessment_reject: with comments / a reason, only for
a submitted assessment, by a supervisor or commander."""

import pytest

from assessments import services
from assessments.models import Approval, AuditEvent, StatusChange
from tests.workflow_builders import (
    NO_GO,
    TWO_APPROVALS,
    approve,
    planned_operation,
    seen,
    status_of,
    submitted_operation,
)


def _return(operation, user, comments="Name the interpreters."):
    return services.assessment_return(
        operation=operation, user=user, comments=comments, **seen(operation)
    )


def _reject(operation, user, reason="A blind round-up."):
    return services.assessment_reject(
        operation=operation, user=user, reason=reason, **seen(operation)
    )


def test_a_no_go_is_returned_with_comments(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, **NO_GO)
    change = _return(operation, supervisor)
    assert status_of(operation) == "returned"
    assert (change.to_status, change.comment, change.by) == (
        "returned",
        "Name the interpreters.",
        supervisor,
    )


def test_a_no_go_is_rejected_with_a_reason(task_force, planner, commander):
    operation = submitted_operation(task_force, planner, **NO_GO)
    _reject(operation, commander)
    assert status_of(operation) == "rejected"
    assert StatusChange.objects.get(to_status="rejected").comment == "A blind round-up."


def test_comments_and_reason_are_required(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    with pytest.raises(services.Refused, match="must change") as refused:
        _return(operation, supervisor, comments=" ")
    assert refused.value.field == "rationale"
    with pytest.raises(services.Refused, match="why the operation is rejected"):
        _reject(operation, supervisor, reason="")
    assert status_of(operation) == "submitted"


def test_a_return_supersedes_a_first_approval(task_force, planner, supervisor, commander):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    first = approve(operation, supervisor)
    _return(operation, commander)
    first.refresh_from_db()
    assert first.superseded_at is not None


@pytest.mark.parametrize("decide", [_return, _reject])
def test_it_refuses_what_is_not_submitted(task_force, planner, supervisor, decide):
    draft = planned_operation(task_force, planner)
    with pytest.raises(services.Refused, match="Only a submitted assessment"):
        decide(draft, supervisor)
    approved = submitted_operation(task_force, planner, codename="WREN")
    approve(approved, supervisor)
    with pytest.raises(services.Refused, match="this one is: Approved"):
        decide(approved, supervisor)


@pytest.mark.parametrize("decide", [_return, _reject])
def test_planners_neither_return_nor_reject(task_force, planner, second_planner, decide):
    operation = submitted_operation(task_force, planner)
    with pytest.raises(services.Refused, match="Only a supervisor or a commander"):
        decide(operation, second_planner)


def test_a_rejected_assessment_cannot_be_submitted_again(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    _reject(operation, supervisor)
    with pytest.raises(services.Refused, match="Rejected"):
        services.assessment_submit(operation=operation, user=planner)


def test_a_stale_return_is_refused(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    with pytest.raises(services.Refused, match="changed since"):
        services.assessment_return(
            operation=operation, user=supervisor, comments="x", version=1, content_hash="f" * 64
        )


def test_returns_and_rejections_are_in_the_audit_trail(task_force, planner, supervisor):
    returned = submitted_operation(task_force, planner)
    _return(returned, supervisor)
    rejected = submitted_operation(task_force, planner, codename="WREN")
    _reject(rejected, supervisor)
    summaries = set(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.STATE_CHANGE, user=supervisor).values_list(
            "summary", flat=True
        )
    )
    assert summaries == {"submitted -> returned (version 1)", "submitted -> rejected (version 1)"}
    # The comments may name restricted details: they stay out of the audit trail.
    assert not AuditEvent.objects.filter(summary__contains="interpreters").exists()
    assert not Approval.objects.exists()
