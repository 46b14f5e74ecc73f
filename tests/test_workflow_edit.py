"""An edit after submission or approval supersedes the approvals (kept on record against
the version they approved) and sends the assessment back for approval."""

from assessments import services
from assessments.models import Approval, AuditEvent, StatusChange
from tests.workflow_builders import (
    TWO_APPROVALS,
    approve,
    edit,
    planned_operation,
    seen,
    status_of,
    submitted_operation,
)


def test_an_edit_after_approval_supersedes_it_and_asks_for_approval_again(
    task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    approval = approve(operation, supervisor)
    version = edit(operation, planner, leak_mitigations="Phones collected at briefing.")
    assert status_of(operation) == "submitted"
    approval.refresh_from_db()
    assert approval.superseded_at is not None
    assert approval.version.number == 1 and version.number == 2
    change = StatusChange.objects.latest("pk")
    assert (change.from_status, change.to_status, change.version) == (
        "approved",
        "submitted",
        version,
    )
    assert "superseded" in change.comment
    # The new version is approved on its own.
    again = approve(operation, supervisor)
    assert again.version == version and status_of(operation) == "approved"
    assert Approval.objects.count() == 2


def test_an_edit_while_submitted_supersedes_a_first_approval(
    task_force, planner, supervisor, commander
):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    first = approve(operation, supervisor)
    edit(operation, planner, leak_mitigations="Phones collected at briefing.")
    approve(operation, commander)
    assert status_of(operation) == "submitted"  # the supervisor must approve the new version
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert AuditEvent.objects.filter(summary__contains="supersedes 1 approval").exists()


def test_an_edit_of_a_draft_or_returned_assessment_changes_no_state(
    task_force, planner, supervisor
):
    operation = planned_operation(task_force, planner)
    edit(operation, planner, leak_mitigations="One.")
    assert status_of(operation) == "draft"
    services.assessment_submit(operation=operation, user=planner)
    services.assessment_return(
        operation=operation, user=supervisor, comments="More.", **seen(operation)
    )
    edit(operation, planner, leak_mitigations="Two.")
    assert status_of(operation) == "returned"
    assert not StatusChange.objects.filter(from_status="returned").exists()
