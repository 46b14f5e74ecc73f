"""When the rules change: plans scored under version 1 are scored again under the current
rules (a version of its own, same content), never decided on old rules; an approved one
stays approved on the verdict it was approved on."""

import pytest

from assessments import scoring, services, waiting
from assessments.models import Approval, AssessmentVersion, AuditEvent, Brief
from tests.builders import best_answer
from tests.version_1 import VERSION_2_ITEMS, as_version_1
from tests.workflow_builders import (
    TWO_APPROVALS,
    approve,
    edit,
    planned_operation,
    seen,
    status_of,
    submitted_operation,
)

RESCORED = AssessmentVersion.Kind.RESCORED


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _versions(operation):
    return list(
        AssessmentVersion.objects.filter(assessment__operation=operation).order_by("number")
    )


@pytest.mark.parametrize("returned", [False, True])
def test_a_plan_being_prepared_is_scored_again_at_its_next_save_as_its_own_entry(
    task_force, planner, supervisor, returned
):
    operation = planned_operation(task_force, planner)
    if returned:
        services.assessment_submit(operation=operation, user=planner)
        services.assessment_return(
            operation=operation, user=supervisor, comments="More.", **seen(operation)
        )
    old = as_version_1(operation)
    assert old.verdict["scoring_version"] == "1"

    saved = edit(operation, planner, leak_mitigations="Phones collected at the briefing.")

    *_, scored_again, latest = _versions(operation)
    assert latest == saved and saved.created_by == planner
    assert saved.verdict["scoring_version"] == scoring.SCORING_VERSION
    assert (scored_again.number, scored_again.kind) == (old.number + 1, RESCORED)
    assert scored_again.created_by is None and scored_again.author == "RaidAssess (rule change)"
    # The same content, so the same hash: only the verdict is new.
    assert (scored_again.content, scored_again.content_hash) == (old.content, old.content_hash)
    assert scored_again.verdict == services.current_rules_verdict(old)
    assert saved.content["checklist_version"] == "2"
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.RESCORE)
    assert event.user == planner
    assert f"version {old.number} scored again under scoring version 2 (was 1)" in event.summary
    # Once on the current rules, the next save is a save and nothing else.
    again = edit(operation, planner, leak_mitigations="Late briefing.")
    assert again.number == saved.number + 1 and again.kind == AssessmentVersion.Kind.SAVED


def test_a_save_that_changes_nothing_still_moves_the_plan_onto_the_current_rules(
    task_force, planner
):
    operation = planned_operation(task_force, planner)
    old = as_version_1(operation)
    same = edit(operation, planner, warrant_status=old.content["answers"]["warrant_status"])
    assert (same.number, same.kind) == (old.number + 1, RESCORED)
    assert edit(operation, planner, warrant_status="obtained") == same


def test_a_submission_moves_a_draft_onto_the_current_rules(task_force, planner):
    operation = planned_operation(task_force, planner)
    old = as_version_1(operation)
    change = services.assessment_submit(operation=operation, user=planner)
    assert change.version.kind == RESCORED and change.version.number == old.number + 1
    assert status_of(operation) == "submitted"


def test_a_submitted_version_1_plan_cannot_be_approved_until_it_is_scored_again(
    task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    old = as_version_1(operation)
    assert old.verdict["decision"] == "go"
    with pytest.raises(services.Refused, match="computed under the version 1 rules"):
        approve(operation, supervisor)
    assert not Approval.objects.exists() and status_of(operation) == "submitted"

    rescored = services.assessment_rescore(operation=operation, user=supervisor)
    assert (rescored.number, rescored.kind, rescored.content_hash) == (
        old.number + 1,
        RESCORED,
        old.content_hash,
    )
    assert services.assessment_rescore(operation=operation, user=supervisor) is None
    # Version 2 counts the questions it added, unanswered here, as their worst answers:
    # a lead agency without jurisdiction, people bought out ... a no go until answered.
    assert rescored.verdict["decision"] == "no_go"
    assert "lead_agency" in rescored.verdict["missing"]
    with pytest.raises(services.Refused, match="no-go verdict cannot be approved"):
        approve(operation, supervisor)
    services.assessment_return(
        operation=operation,
        user=supervisor,
        comments="Answer the new questions.",
        **seen(operation),
    )
    edit(operation, planner, **{key: best_answer(key) for key in VERSION_2_ITEMS})
    services.assessment_submit(operation=operation, user=planner)
    approval = approve(operation, supervisor)
    assert (approval.decision, approval.scoring_version) == ("go", "2")
    assert status_of(operation) == "approved"


def test_a_plan_scored_again_by_raidassess_may_be_approved_by_who_caused_it(
    task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner)
    as_version_1(operation, keep_answers=True)
    rescored = services.assessment_rescore(operation=operation, user=supervisor)
    approval = approve(operation, supervisor)
    assert (approval.version, approval.scoring_version) == (rescored, "2")
    assert status_of(operation) == "approved"
    assert services.approved_version(operation=operation) == rescored
    assert Brief.objects.filter(version=rescored).exists()


def test_an_approval_given_on_old_rules_counts_only_for_the_version_it_approved(
    task_force, planner, supervisor, commander
):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    approve(operation, commander)
    old = as_version_1(operation, keep_answers=True)
    earlier = Approval.objects.get()
    assert earlier.scoring_version == "1"

    rescored = services.assessment_rescore(operation=operation, user=supervisor)
    earlier.refresh_from_db()
    assert earlier.superseded_at is None  # a rule change supersedes nothing
    approve(operation, supervisor)
    assert status_of(operation) == "submitted"
    assert services.approved_version(operation=operation) is None
    # The commander's approval of version `old` fills no role of the rescored version.
    assert operation in waiting.operations_to_approve(commander)
    approve(operation, commander)
    earlier.refresh_from_db()
    assert earlier.superseded_at is not None  # replaced by their approval of `rescored`
    assert status_of(operation) == "approved"
    assert services.approved_version(operation=operation) == rescored
    assert old.approvals.get() == earlier


def test_an_approved_version_1_plan_stays_approved_on_its_verdict(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, codename="SAMPAN")
    approve(operation, supervisor)
    approved = as_version_1(operation)
    assert services.approved_version(operation=operation) == approved
    assert services.assessment_rescore(operation=operation, user=planner) is None
    assert edit(operation, planner).number == approved.number  # nothing saved, nothing rescored
    assert services.current_version(operation=operation) == approved
    assert services.current_rules_verdict(approved)["scoring_version"] == "2"
    assert status_of(operation) == "approved"
    # Revising it is how it moves onto the current rules: its next save rescores it.
    services.assessment_revise(operation=operation, user=planner)
    edit(operation, planner, leak_mitigations="Late briefing.")
    assert _versions(operation)[-2].kind == RESCORED


def test_the_follow_up_of_an_urgent_approval_made_on_old_rules_is_still_recorded(
    task_force, planner, supervisor, commander
):
    operation = submitted_operation(task_force, planner, risk_to_life="credible_imminent")
    approve(operation, supervisor)
    approved = as_version_1(operation)
    assert approved.verdict["decision"] == "urgent_go"
    follow_up = approve(operation, commander)
    assert (follow_up.kind, follow_up.version) == (Approval.Kind.FOLLOW_UP, approved)
    assert follow_up.scoring_version == "1"
