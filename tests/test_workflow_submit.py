"""services.assessment_submit: a planner hands a draft or a returned assessment over."""

import pytest

from assessments import services
from assessments.models import AuditEvent, StatusChange
from tests.workflow_builders import approve, edit, planned_operation, seen, status_of


def test_it_submits_a_draft(task_force, planner):
    operation = planned_operation(task_force, planner)
    change = services.assessment_submit(operation=operation, user=planner)
    assert status_of(operation) == "submitted"
    assert (change.from_status, change.to_status, change.by) == ("draft", "submitted", planner)
    assert change.version.number == 1


def test_it_submits_a_returned_assessment_again(task_force, planner, supervisor):
    operation = planned_operation(task_force, planner)
    services.assessment_submit(operation=operation, user=planner)
    services.assessment_return(
        operation=operation, user=supervisor, comments="Add interpreters.", **seen(operation)
    )
    # Unchanged, it is refused: the comments asked for a change.
    with pytest.raises(services.Refused, match="Nothing changed since it was returned"):
        services.assessment_submit(operation=operation, user=planner)
    edit(operation, planner, leak_mitigations="Interpreters for Khmer and Lao booked.")
    services.assessment_submit(operation=operation, user=planner)
    assert status_of(operation) == "submitted"


def test_it_asks_for_the_date_the_site_and_the_exploitation_first(task_force, planner):
    operation = services.operation_create(
        task_force=task_force, user=planner, profile={"codename": "BARE"}
    )
    with pytest.raises(services.Refused) as refused:
        services.assessment_submit(operation=operation, user=planner)
    for name in ("Planned date", "Type of site", "Type of exploitation suspected"):
        assert name in refused.value.reason
    assert status_of(operation) == "draft"


@pytest.mark.parametrize("user", ["supervisor", "commander", "other_planner"])
def test_it_refuses_anyone_but_a_planner_of_the_task_force(task_force, planner, user, request):
    operation = planned_operation(task_force, planner)
    with pytest.raises(services.Refused, match="Only a planner"):
        services.assessment_submit(operation=operation, user=request.getfixturevalue(user))
    assert status_of(operation) == "draft"


def test_it_refuses_to_submit_twice_or_after_approval(task_force, planner, supervisor):
    operation = planned_operation(task_force, planner)
    services.assessment_submit(operation=operation, user=planner)
    with pytest.raises(services.Refused, match="this one is: Submitted"):
        services.assessment_submit(operation=operation, user=planner)
    approve(operation, supervisor)
    with pytest.raises(services.Refused, match="this one is: Approved"):
        services.assessment_submit(operation=operation, user=planner)
    assert StatusChange.objects.filter(to_status="submitted").count() == 1


def test_it_records_the_state_change_in_the_audit_trail(task_force, planner):
    operation = planned_operation(task_force, planner)
    services.assessment_submit(operation=operation, user=planner)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.STATE_CHANGE)
    assert (event.user, event.operation, event.outcome) == (planner, operation, "success")
    assert event.summary == "draft -> submitted (version 1)"
