"""Revising a plan on purpose, and an operation that did not take place: what each
withdraws, who may, and when (services.revisions)."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Approval, AuditEvent, Brief, StatusChange
from tests.briefs_support import render_briefs
from tests.workflow_builders import (
    PAST,
    REVIEW,
    TWO_APPROVALS,
    approve,
    edit,
    seen,
    status_of,
    submitted_operation,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_revising_an_approved_plan_withdraws_its_approval_and_briefs(signed_plan, planner):
    consequences = services.revision_consequences(operation=signed_plan)
    assert [approval.approver.username for approval in consequences.approvals] == ["sita"]
    assert len(consequences.briefs) == 2 and consequences.organisation.name == "Safe Harbour"

    withdrawn = services.assessment_revise(operation=signed_plan, user=planner)
    assert status_of(signed_plan) == "draft"
    assert {brief.variant for brief in withdrawn} == {"full", "ngo"}
    for brief in Brief.objects.all():
        assert (brief.status, brief.withdrawal) == ("withdrawn", "superseded")
        assert brief.withdrawn_at is not None
    assert Approval.objects.get().superseded_at is not None
    change = StatusChange.objects.latest("pk")
    assert (change.from_status, change.to_status, change.by) == ("approved", "draft", planner)
    assert "revised" in change.comment
    assert AuditEvent.objects.filter(summary__startswith="approved -> draft").exists()
    # A draft again: the planner changes it, and it is approved again from the start.
    edit(signed_plan, planner, leak_mitigations="Phones collected at briefing.")
    services.assessment_submit(operation=signed_plan, user=planner)


def test_the_new_brief_replaces_the_withdrawn_one(signed_plan, planner, supervisor):
    old = {brief.variant: brief for brief in Brief.objects.all()}
    services.assessment_revise(operation=signed_plan, user=planner)
    edit(signed_plan, planner, leak_mitigations="Phones collected at briefing.")
    services.assessment_submit(operation=signed_plan, user=planner)
    approve(signed_plan, supervisor)
    new = render_briefs(signed_plan)
    for variant, brief in old.items():
        brief.refresh_from_db()
        assert brief.replaced_by == new[variant]
        assert new[variant].status == "ready"


def test_revising_a_submitted_plan_withdraws_a_first_approval(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    first = approve(operation, supervisor)
    assert services.assessment_revise(operation=operation, user=planner) == []
    first.refresh_from_db()
    assert first.superseded_at is not None and status_of(operation) == "draft"


def test_nothing_autosaved_supersedes_an_approval(signed_plan, planner):
    with pytest.raises(services.Refused, match="revise the plan"):
        edit(signed_plan, planner, leak_mitigations="Typed into an approved plan.")
    assert status_of(signed_plan) == "approved"
    assert Approval.objects.get().superseded_at is None
    assert set(Brief.objects.values_list("status", flat=True)) == {"ready"}


@pytest.mark.parametrize("user", ["supervisor", "other_planner", "ngo_reviewer"])
def test_only_a_planner_of_the_task_force_revises(signed_plan, user, request):
    with pytest.raises(services.Refused, match="Only a planner"):
        services.assessment_revise(operation=signed_plan, user=request.getfixturevalue(user))
    assert status_of(signed_plan) == "approved"


def test_a_draft_a_returned_or_a_rejected_plan_is_not_revised(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner)
    services.assessment_return(
        operation=operation, user=supervisor, comments="More.", **seen(operation)
    )
    with pytest.raises(services.Refused, match="Returned with comments"):
        services.assessment_revise(operation=operation, user=planner)


def test_an_approved_plan_past_its_date_is_not_revised(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, planned_date=PAST)
    approve(operation, supervisor)
    with pytest.raises(services.Refused, match="planned date has passed"):
        services.assessment_revise(operation=operation, user=planner)


@pytest.fixture
def not_carried_out(task_force, planner, supervisor, partner):
    operation = submitted_operation(
        task_force, planner, planned_date=PAST, receiving_organisation=partner.name
    )
    approve(operation, supervisor)
    render_briefs(operation)
    services.after_action_reviews_open()
    return operation


def test_a_supervisor_cancels_an_operation_that_did_not_take_place(not_carried_out, supervisor):
    withdrawn = services.assessment_not_carried_out(
        operation=not_carried_out,
        user=supervisor,
        outcome=services.NotCarriedOut.CANCEL,
        reason="The site was empty when surveillance resumed.",
    )
    assert status_of(not_carried_out) == "cancelled"
    assert len(withdrawn) == 2
    assert set(Brief.objects.values_list("withdrawal", flat=True)) == {"cancelled"}
    # The approval stands: it is the record of what was approved and called off.
    assert Approval.objects.get().superseded_at is None
    with pytest.raises(services.Refused, match="Cancelled"):
        services.brief_request(operation=not_carried_out)


def test_a_supervisor_sends_it_back_for_a_new_date(not_carried_out, supervisor, planner):
    services.assessment_not_carried_out(
        operation=not_carried_out,
        user=supervisor,
        outcome=services.NotCarriedOut.NEW_DATE,
        reason="Postponed: the prosecutor asked for a week.",
    )
    assert status_of(not_carried_out) == "draft"
    assert Approval.objects.get().superseded_at is not None
    assert set(Brief.objects.values_list("withdrawal", flat=True)) == {"superseded"}
    version = services.assessment_save(
        operation=not_carried_out,
        user=planner,
        base_version=not_carried_out.assessment.version_number,
        profile={"planned_date": "2099-03-01"},
    )
    assert version.content["operation"]["planned_date"] == "2099-03-01"


def test_not_carried_out_needs_a_decider_a_reason_and_the_right_moment(
    not_carried_out, planner, supervisor, task_force
):
    cancel = services.NotCarriedOut.CANCEL
    with pytest.raises(services.Refused, match="Only a supervisor or a commander"):
        services.assessment_not_carried_out(
            operation=not_carried_out, user=planner, outcome=cancel, reason="x"
        )
    with pytest.raises(services.Refused, match="Write why"):
        services.assessment_not_carried_out(
            operation=not_carried_out, user=supervisor, outcome=cancel, reason="  "
        )
    services.after_action_review_save(operation=not_carried_out, user=planner, values=REVIEW)
    with pytest.raises(services.Refused, match="Only an approved operation"):
        services.assessment_not_carried_out(
            operation=not_carried_out, user=supervisor, outcome=cancel, reason="x"
        )
    future = submitted_operation(task_force, planner, codename="WREN")
    approve(future, supervisor)
    with pytest.raises(services.Refused, match="Only an approved operation"):
        services.assessment_not_carried_out(
            operation=future, user=supervisor, outcome=cancel, reason="x"
        )


def test_a_reviewer_acknowledges_the_brief_in_force_once(
    signed_plan, ngo_reviewer, other_ngo_reviewer, planner
):
    ngo = Brief.objects.get(variant="ngo")
    first = services.brief_acknowledge(brief=ngo, user=ngo_reviewer)
    assert services.brief_acknowledge(brief=ngo, user=ngo_reviewer) == first
    assert first.organisation.name == "Safe Harbour"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.BRIEF_ACKNOWLEDGE).count() == 1
    with pytest.raises(services.Refused, match="Only a reviewer"):
        services.brief_acknowledge(brief=ngo, user=other_ngo_reviewer)
    with pytest.raises(services.Refused, match="Only an NGO brief in force"):
        services.brief_acknowledge(brief=Brief.objects.get(variant="full"), user=ngo_reviewer)
    services.assessment_revise(operation=signed_plan, user=planner)
    ngo.refresh_from_db()
    with pytest.raises(services.Refused, match="Only an NGO brief in force"):
        services.brief_acknowledge(brief=ngo, user=ngo_reviewer)


def test_the_partner_no_longer_named_is_told_no_brief_follows(
    client, signed_plan, planner, supervisor, ngo_reviewer, other_partner
):
    """Red team: the partner the revised plan no longer named was told a new brief would
    follow, and its old brief was linked to the other partner's."""
    old = Brief.objects.get(variant="ngo")
    services.assessment_revise(operation=signed_plan, user=planner)
    services.assessment_save(
        operation=signed_plan,
        user=planner,
        base_version=signed_plan.assessment.version_number,
        profile={"receiving_organisation": other_partner.name},
    )
    services.assessment_submit(operation=signed_plan, user=planner)
    approve(signed_plan, supervisor)
    render_briefs(signed_plan)
    old.refresh_from_db()
    assert old.replaced_by is None
    assert services.brief_no_longer_shared(old)
    client.force_login(ngo_reviewer)
    page = client.get(reverse("assessments:brief_detail", args=[old.pk])).content.decode()
    assert "no longer sends the people of this operation to your organisation" in page
    listed = client.get(reverse("assessments:shared_briefs")).content.decode()
    assert "no longer sends" in listed
