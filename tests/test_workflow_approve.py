"""services.assessment_approve: bound to the version seen, the two-person rule, nobody
approves what they edited, no_go never, conditions listed, the urgent path."""

import pytest
from django.db import IntegrityError

from assessments import scoring, services
from assessments.models import Approval, AuditEvent, Membership
from tests.workflow_builders import (
    CONDITIONAL,
    NO_GO,
    TWO_APPROVALS,
    URGENT,
    approve,
    edit,
    planned_operation,
    resubmitted,
    seen,
    status_of,
    submitted_operation,
)


def test_one_supervisor_approves_a_lower_tier_go(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    version = services.current_version(operation=operation)
    approval = approve(operation, supervisor, rationale="Smart plan, care in place.")
    assert status_of(operation) == "approved"
    assert approval.version == version
    assert approval.content_hash == version.content_hash
    assert approval.scoring_version == scoring.SCORING_VERSION
    assert (approval.approver, approval.role, approval.kind) == (
        supervisor,
        "supervisor",
        "regular",
    )
    assert approval.rationale == "Smart plan, care in place."
    assert approval.created_at is not None and approval.superseded_at is None


def test_a_commander_alone_may_approve_when_one_approval_is_required(
    task_force, planner, commander
):
    operation = submitted_operation(task_force, planner)
    approve(operation, commander)
    assert status_of(operation) == "approved"


def test_two_approvals_need_a_supervisor_and_a_commander(
    task_force, planner, supervisor, commander
):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    approve(operation, supervisor)
    assert status_of(operation) == "submitted"
    with pytest.raises(services.Refused, match="approved this version already"):
        approve(operation, supervisor)
    approve(operation, commander)
    assert status_of(operation) == "approved"
    assert [a.role for a in Approval.objects.order_by("pk")] == ["supervisor", "commander"]


def test_a_second_supervisor_cannot_stand_in_for_the_commander(
    task_force, planner, supervisor, django_user_model
):
    other = django_user_model.objects.create_user("sven")
    Membership.objects.create(user=other, task_force=task_force, role="supervisor")
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    approve(operation, supervisor)
    with pytest.raises(services.Refused, match="must come from a commander"):
        approve(operation, other)
    assert status_of(operation) == "submitted"


def test_nobody_approves_an_assessment_they_edited(task_force, planner, supervisor):
    operation = planned_operation(task_force, planner)
    # A planner promoted to supervisor, say: they saved a version.
    edit(operation, supervisor, leak_mitigations="Team briefed on the day.")
    services.assessment_submit(operation=operation, user=planner)
    with pytest.raises(services.Refused, match="You edited this assessment"):
        approve(operation, supervisor)
    assert status_of(operation) == "submitted"


@pytest.mark.parametrize("user", ["planner", "other_planner", "ngo_reviewer"])
def test_only_supervisors_and_commanders_approve(task_force, planner, user, request):
    operation = submitted_operation(task_force, planner)
    with pytest.raises(services.Refused, match="Only a supervisor or a commander"):
        approve(operation, request.getfixturevalue(user))


def test_a_no_go_cannot_be_approved(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, **NO_GO)
    with pytest.raises(services.Refused, match="no-go verdict cannot be approved"):
        approve(operation, supervisor)
    assert status_of(operation) == "submitted"
    assert not Approval.objects.exists()


@pytest.mark.parametrize("status_before", ["draft", "returned", "rejected"])
def test_it_approves_only_what_is_submitted(task_force, planner, supervisor, status_before):
    operation = planned_operation(task_force, planner)
    if status_before != "draft":
        services.assessment_submit(operation=operation, user=planner)
        decide = services.assessment_return if status_before == "returned" else None
        if decide:
            decide(operation=operation, user=supervisor, comments="More.", **seen(operation))
        else:
            services.assessment_reject(
                operation=operation, user=supervisor, reason="Blind.", **seen(operation)
            )
    with pytest.raises(services.Refused, match="Only a submitted assessment"):
        approve(operation, supervisor)


def test_a_conditional_go_approval_lists_the_conditions(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, **CONDITIONAL)
    verdict = services.current_version(operation=operation).verdict
    approval = approve(operation, supervisor, conditions=["Shelter confirmed in writing.", " "])
    assert verdict["conditions"]
    assert approval.conditions == [*verdict["conditions"], "Shelter confirmed in writing."]
    assert approval.decision == "conditional_go"


def test_the_rationale_is_required(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    with pytest.raises(services.Refused, match="rationale") as refused:
        approve(operation, supervisor, rationale="  ")
    assert refused.value.field == "rationale"
    assert status_of(operation) == "submitted"


def test_it_refuses_a_version_that_moved_on(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    stale = seen(operation)
    resubmitted(operation, planner, leak_mitigations="Briefing moved to the morning.")
    with pytest.raises(services.Refused, match="changed since you opened it"):
        services.assessment_approve(operation=operation, user=supervisor, rationale="Ok.", **stale)
    wrong_hash = {**seen(operation), "content_hash": "0" * 64}
    with pytest.raises(services.Refused, match="changed since you opened it"):
        services.assessment_approve(
            operation=operation, user=supervisor, rationale="Ok.", **wrong_hash
        )
    assert not Approval.objects.exists()


def test_the_database_refuses_a_second_standing_approval_by_one_person(
    task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    first = approve(operation, supervisor)
    first.pk = None
    with pytest.raises(IntegrityError):
        first.save()


def test_the_urgent_path_approves_in_one_step_then_records_a_follow_up(
    task_force, planner, supervisor, commander, django_user_model
):
    operation = submitted_operation(task_force, planner, **URGENT)
    urgent = approve(operation, commander, rationale="Imminent risk to life.")
    assert urgent.kind == "urgent"
    assert status_of(operation) == "approved"
    with pytest.raises(services.Refused, match="a second person must"):
        approve(operation, commander)
    other_commander = django_user_model.objects.create_user("cora")
    Membership.objects.create(user=other_commander, task_force=task_force, role="commander")
    with pytest.raises(services.Refused, match="must come from a supervisor"):
        approve(operation, other_commander)
    follow_up = approve(operation, supervisor, rationale="Reviewed after the fact: right call.")
    assert follow_up.kind == "follow_up"
    assert status_of(operation) == "approved"
    with pytest.raises(services.Refused, match="this one is: Approved"):
        approve(operation, supervisor)


def test_the_urgent_path_needs_a_rationale(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, **URGENT)
    with pytest.raises(services.Refused, match="rationale"):
        approve(operation, supervisor, rationale="")


def test_each_approval_is_in_the_audit_trail(task_force, planner, supervisor, commander):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    approve(operation, supervisor)
    approve(operation, commander)
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.APPROVAL).order_by("pk")
    assert [event.user for event in events] == [supervisor, commander]
    assert all(event.operation == operation and event.outcome == "success" for event in events)
    assert AuditEvent.objects.filter(
        kind=AuditEvent.Kind.STATE_CHANGE, summary__contains="submitted -> approved"
    ).exists()
