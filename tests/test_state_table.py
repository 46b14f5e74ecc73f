"""The state table, tried on every write path in every state.

EXPECTED is written out here by hand, from the issue and the design, rather than read
from `services.states`: a change to the table that nobody meant shows up as a failure.
"""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from assessments import services
from assessments.models import Brief
from tests.briefs_support import render_briefs
from tests.version_1 import as_version_1
from tests.workflow_builders import (
    PAST,
    approve,
    planned_operation,
    review_signed_off,
    seen,
    submitted_operation,
)

PRE_RAID = ("answers", "profile", "receiving_organisation")
STATES = (
    "draft",
    "submitted",
    "returned",
    "approved",
    "approved_past_date",
    "rejected",
    "after_action_review",
    "closed",
    "cancelled",
)
# state: (pre-raid writes allowed, briefs allowed, a verdict of older rules scored
# again). Submitted and approved plans change only by revising them first
# (tests/test_workflow_revise.py); a submitted one is rescored before its decision, an
# approved one keeps the verdict it was approved on (tests/test_rule_change.py).
EXPECTED = {
    "draft": (True, False, True),
    "submitted": (False, False, True),
    "returned": (True, False, True),
    "approved": (False, True, False),
    "approved_past_date": (False, True, False),
    "rejected": (False, False, False),
    "after_action_review": (False, True, False),
    "closed": (False, True, False),
    "cancelled": (False, False, False),
}
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _in_state(state, task_force, planner, supervisor, partner):
    options = (
        {"planned_date": PAST}
        if state in ("approved_past_date", "after_action_review", "closed", "cancelled")
        else {}
    )
    if state == "draft":
        return planned_operation(task_force, planner, receiving_organisation=partner.name)
    operation = submitted_operation(
        task_force, planner, receiving_organisation=partner.name, **options
    )
    if state == "returned":
        services.assessment_return(
            operation=operation, user=supervisor, comments="More.", **seen(operation)
        )
    elif state == "rejected":
        services.assessment_reject(
            operation=operation, user=supervisor, reason="No.", **seen(operation)
        )
    elif state != "submitted":
        approve(operation, supervisor)
    if state in ("after_action_review", "closed", "cancelled"):
        services.after_action_reviews_open(today=TODAY)
    if state == "closed":
        review_signed_off(operation, planner, supervisor)
    if state == "cancelled":
        services.assessment_not_carried_out(
            operation=operation,
            user=supervisor,
            outcome=services.NotCarriedOut.CANCEL,
            reason="Called off.",
        )
    operation.assessment.refresh_from_db()
    expected_status = "approved" if state.startswith("approved") else state
    assert operation.assessment.status == expected_status
    return operation


@pytest.fixture(params=STATES)
def state(request):
    return request.param


@pytest.fixture
def in_state(state, task_force, planner, supervisor, partner):
    return _in_state(state, task_force, planner, supervisor, partner)


def _save(operation, planner, write, other_partner):
    change = {
        "answers": {"answers": {"leak_mitigations": "Phones collected at briefing."}},
        "profile": {"profile": {"target_address": "12 Other Street"}},
        "receiving_organisation": {"profile": {"receiving_organisation": other_partner.name}},
    }[write]
    return services.assessment_save(
        operation=operation,
        user=planner,
        base_version=operation.assessment.version_number,
        **change,
    )


@pytest.mark.parametrize("write", PRE_RAID)
def test_the_services_allow_the_pre_raid_writes_only_where_the_table_does(
    in_state, state, write, planner, other_partner
):
    before = in_state.assessment.version_number
    if EXPECTED[state][0]:
        version = _save(in_state, planner, write, other_partner)
        assert version.number == before + 1
    else:
        with pytest.raises(services.Refused) as refused:
            _save(in_state, planner, write, other_partner)
        assert refused.value.reason  # names the state and what to do instead
        in_state.assessment.refresh_from_db()
        assert in_state.assessment.version_number == before


def test_a_verdict_of_older_rules_is_scored_again_only_where_the_table_says(
    in_state, state, planner, supervisor
):
    older = as_version_1(in_state, keep_answers=True)
    # A save that changes nothing, then the decision page's rescoring.
    services.assessment_save(operation=in_state, user=planner, base_version=older.number)
    services.assessment_rescore(operation=in_state, user=supervisor)
    current = services.current_version(operation=in_state)
    if EXPECTED[state][2]:
        assert (current.number, current.content_hash) == (older.number + 1, older.content_hash)
        assert current.verdict["scoring_version"] == "2"
    else:
        assert current == older


def test_the_pages_allow_the_pre_raid_writes_only_where_the_table_does(
    in_state, state, planner_client
):
    checklist = planner_client.post(
        reverse("assessments:checklist_section", args=[in_state.pk, "D"]),
        {"base_version": in_state.assessment.version_number, "leak_mitigations": "Late briefing."},
    )
    profile = planner_client.post(
        reverse("assessments:operation_edit", args=[in_state.pk]),
        {
            "base_version": in_state.assessment.version_number,
            "codename": in_state.codename,
            "target_address": "12 Other Street",
            "receiving_organisation": in_state.receiving_organisation_id,
        },
    )
    page = planner_client.get(reverse("assessments:checklist_section", args=[in_state.pk, "D"]))
    if EXPECTED[state][0]:
        assert (checklist.status_code, profile.status_code) == (302, 302)
        assert 'id="read-only-reason"' not in page.content.decode()
    else:
        assert (checklist.status_code, profile.status_code) == (409, 409)
        html = page.content.decode()
        assert 'id="read-only-reason"' in html or 'id="plan-banner"' in html
        assert 'hx-post="' not in html


def test_brief_requests_are_allowed_only_where_the_table_does(in_state, state, planner_client):
    Brief.objects.all().delete()
    response = planner_client.post(
        reverse("assessments:brief_request", args=[in_state.pk]), follow=True
    )
    assert response.status_code == 200
    if EXPECTED[state][1]:
        versions = {brief.version_id for brief in Brief.objects.all()}
        assert versions == {services.approved_version(operation=in_state).pk}
        assert Brief.objects.count() == 2
    else:
        assert not Brief.objects.exists()
        assert "You cannot request briefs" in response.content.decode()


def test_a_brief_is_signed_only_where_the_table_does(in_state, state, tmp_path):
    version = services.current_version(operation=in_state)
    out = tmp_path / "brief.pdf"
    if EXPECTED[state][1]:
        assert services.brief_document(version=version, variant="ngo").startswith(b"%PDF")
        call_command("render_brief", in_state.codename, "--out", str(out))
        assert out.exists()
    else:
        with pytest.raises(services.Refused):
            services.brief_document(version=version, variant="full")
        with pytest.raises(CommandError):
            call_command("render_brief", in_state.codename, "--out", str(out))
        assert not out.exists()


def test_a_queued_brief_whose_version_lost_its_approval_is_never_signed(
    task_force, planner, supervisor, partner
):
    operation = _in_state("approved", task_force, planner, supervisor, partner)
    queued = list(Brief.objects.all())
    services.assessment_revise(operation=operation, user=planner)  # withdraws the approval
    for brief in queued:
        assert services.brief_render(brief_id=brief.pk) is False
        brief.refresh_from_db()
        assert brief.status == Brief.Status.WITHDRAWN
        assert brief.withdrawal == Brief.Withdrawal.SUPERSEDED
        assert not brief.file


def test_a_brief_of_the_approved_version_renders_while_the_table_allows_it(
    task_force, planner, supervisor, partner
):
    operation = _in_state("closed", task_force, planner, supervisor, partner)
    briefs = render_briefs(operation)
    assert {brief.status for brief in briefs.values()} == {Brief.Status.READY}


def test_an_import_always_makes_a_new_draft(task_force, planner, supervisor, partner):
    from tests.builders import best_assessment

    _in_state("closed", task_force, planner, supervisor, partner)
    data = best_assessment()
    data["operation"]["codename"] = "IMPORTED"
    data["operation"]["receiving_organisation"] = partner.name
    operation = services.assessment_import(task_force=task_force, user=planner, data=data)
    assert operation.assessment.status == "draft"
    assert operation.assessment.version_number == 1


@pytest.mark.parametrize("model", ["operation", "assessment", "assessmentversion", "brief"])
def test_the_admin_changes_no_pre_raid_record(client, admin_user, approved_operation, model):
    client.force_login(admin_user)
    objects = {
        "operation": approved_operation,
        "assessment": approved_operation.assessment,
        "assessmentversion": services.current_version(operation=approved_operation),
        "brief": Brief.objects.first(),
    }
    url = reverse(f"admin:assessments_{model}_change", args=[objects[model].pk])
    assert client.post(url, {"codename": "CHANGED"}).status_code == 403
    assert client.post(reverse(f"admin:assessments_{model}_add"), {}).status_code == 403
    approved_operation.refresh_from_db()
    assert approved_operation.codename == "KESTREL"
