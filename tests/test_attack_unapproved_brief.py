"""The attacks reported in "No brief for an unapproved plan", each tried as the attacker
did: through the pages a planner has, and through `render_brief`. Each ends in a clear
refusal, and no brief exists for a version that lacks its approvals.

The set-up goes through the pages too (the profile form names the receiving
organisation, the checklist page saves the informant), so that these tests read the
same before and after the fix.
"""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from assessments import services
from assessments.models import Assessment, Brief
from tests.briefs_support import poppler, render_briefs
from tests.workflow_builders import (
    FUTURE,
    PAST,
    approve,
    planned_operation,
    resubmitted,
    review_signed_off,
)

INFORMANT = "Informant NIGHTJAR-7731, cousin of the night guard; handler Sgt Dara"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _profile_form(operation, **changes):
    """The profile form as the page posts it, every field filled from the operation."""
    profile = operation.profile()
    data = {
        key: value
        for key, value in profile.items()
        if value is not None and not isinstance(value, list)
    }
    data["expected_languages"] = ", ".join(profile["expected_languages"] or [])
    if operation.receiving_organisation_id:
        data["receiving_organisation"] = operation.receiving_organisation_id
    data["base_version"] = operation.assessment.version_number
    data.update(changes)
    return data


def _post_profile(client, operation, **changes):
    operation.refresh_from_db()
    operation.assessment.refresh_from_db()
    return client.post(
        reverse("assessments:operation_edit", args=[operation.pk]),
        _profile_form(operation, **changes),
    )


def _post_answer(client, operation, section, key, value):
    operation.assessment.refresh_from_db()
    return client.post(
        reverse("assessments:checklist_section", args=[operation.pk, section]),
        {"base_version": operation.assessment.version_number, "changed": key, key: value},
        **HTMX,
    )


def _prepared(client, task_force, planner, partner, *, planned_date=FUTURE):
    """A best plan, shared with `partner` and naming an informant, then submitted."""
    operation = planned_operation(task_force, planner, planned_date=planned_date)
    assert _post_profile(client, operation, receiving_organisation=partner.pk).status_code == 302
    _post_answer(client, operation, "A", "informant_details", INFORMANT)
    services.assessment_submit(operation=operation, user=planner)
    return operation


@pytest.fixture
def approved_past(planner_client, task_force, planner, supervisor, partner):
    """Approved by the supervisor, planned for a date that has now passed; briefs made."""
    operation = _prepared(planner_client, task_force, planner, partner, planned_date=PAST)
    approve(operation, supervisor)
    render_briefs(operation)
    return operation


def _move_to(operation, state, planner, supervisor):
    if state == "after_action_review":
        services.after_action_reviews_open(today=datetime.date(2026, 6, 1))
    elif state == "closed":
        services.after_action_reviews_open(today=datetime.date(2026, 6, 1))
        review_signed_off(operation, planner, supervisor)
    operation.assessment.refresh_from_db()
    assert operation.assessment.status == state


def _versions(operation):
    return operation.assessment.versions.count()


def _briefs_of_versions():
    return {brief.version.number for brief in Brief.objects.select_related("version")}


@pytest.mark.parametrize("state", ["approved", "after_action_review", "closed"])
def test_after_the_planned_date_the_plan_is_frozen_and_no_other_brief_is_signed(
    approved_past, planner, supervisor, planner_client, other_partner, state
):
    _move_to(approved_past, state, planner, supervisor)
    before = _versions(approved_past)
    answer = _post_answer(planner_client, approved_past, "G", "service_provider_access_hours", 72)
    profile = _post_profile(
        planner_client,
        approved_past,
        target_address="Another address entirely",
        receiving_organisation=other_partner.pk,
    )
    assert "frozen" in answer.content.decode()
    assert profile.status_code == 409 and "frozen" in profile.content.decode()
    assert _versions(approved_past) == before

    planner_client.post(reverse("assessments:brief_request", args=[approved_past.pk]))
    approved = services.approved_version(operation=approved_past)
    assert _briefs_of_versions() == {approved.number}
    assert not Brief.objects.filter(shared_with=other_partner).exists()


def test_a_rejected_plan_is_frozen_and_gets_no_brief(
    planner_client, task_force, planner, supervisor, partner
):
    operation = _prepared(planner_client, task_force, planner, partner)
    version = services.current_version(operation=operation)
    services.assessment_reject(
        operation=operation,
        user=supervisor,
        version=version.number,
        content_hash=version.content_hash,
        reason="No offence behind it.",
    )
    before = _versions(operation)
    answer = _post_answer(planner_client, operation, "G", "service_provider_access_hours", 72)
    profile = _post_profile(planner_client, operation, target_address="Elsewhere")
    assert "rejected" in answer.content.decode().lower()
    assert profile.status_code == 409
    assert _versions(operation) == before
    planner_client.post(reverse("assessments:brief_request", args=[operation.pk]))
    assert not Brief.objects.exists()


def test_changing_only_the_receiving_organisation_needs_a_new_approval(
    planner_client, task_force, planner, supervisor, partner, other_partner
):
    operation = _prepared(planner_client, task_force, planner, partner)
    approve(operation, supervisor)
    approved = services.current_version(operation=operation).number
    # The approved plan is read-only: the change is refused, nothing superseded.
    response = _post_profile(planner_client, operation, receiving_organisation=other_partner.pk)
    assert response.status_code == 409 and "revise the plan" in response.content.decode()
    operation.assessment.refresh_from_db()
    assert operation.assessment.version_number == approved
    # Revised on purpose, it is a new version, with no approval until someone gives one.
    services.assessment_revise(operation=operation, user=planner)
    assert (
        _post_profile(
            planner_client, operation, receiving_organisation=other_partner.pk
        ).status_code
        == 302
    )
    operation.assessment.refresh_from_db()
    assert operation.assessment.version_number == approved + 1
    assert operation.assessment.status == Assessment.Status.DRAFT
    assert not operation.assessment.approvals.filter(superseded_at__isnull=True).exists()

    planner_client.post(reverse("assessments:brief_request", args=[operation.pk]))
    assert not Brief.objects.filter(shared_with=other_partner).exists()
    assert _briefs_of_versions() <= {approved}


def test_render_brief_signs_nothing_that_is_not_approved(
    planner_client, task_force, planner, supervisor, partner, other_partner, tmp_path
):
    operation = _prepared(planner_client, task_force, planner, partner, planned_date=PAST)
    approve(operation, supervisor)
    services.after_action_reviews_open(today=datetime.date(2026, 6, 1))
    # The attacker's edits, if any path lets them through, then the command.
    _post_answer(planner_client, operation, "G", "service_provider_access_hours", 72)
    _post_profile(planner_client, operation, receiving_organisation=other_partner.pk)
    approved = services.approved_version(operation=operation)
    out = tmp_path / "brief.pdf"
    call_command("render_brief", "OSPREY", "--variant", "ngo", "--out", str(out))
    text = poppler("pdftotext", out.read_bytes())
    assert partner.name in text and other_partner.name not in text
    assert f"Version {approved.number}" in text or f"version {approved.number}" in text
    assert services.current_version(operation=operation).number == approved.number


def test_render_brief_refuses_a_version_waiting_for_approval(
    planner_client, task_force, planner, supervisor, partner, tmp_path
):
    operation = _prepared(planner_client, task_force, planner, partner)
    approve(operation, supervisor)
    resubmitted(operation, planner, service_provider_access_hours=72)
    operation.assessment.refresh_from_db()
    assert operation.assessment.status == Assessment.Status.SUBMITTED
    out = tmp_path / "brief.pdf"
    with pytest.raises(CommandError, match="approv") as refused:
        call_command("render_brief", "OSPREY", "--out", str(out))
    assert refused.value.returncode == 2
    assert not out.exists()


def test_no_full_brief_prints_the_informant(approved_past):
    full = Brief.objects.get(variant="full")
    text = poppler("pdftotext", services.brief_pdf(full))
    assert "NIGHTJAR" not in text and "Sgt Dara" not in text
    assert "known to the handler" in text


def test_the_verify_page_calls_current_only_the_brief_of_the_approved_version(
    planner_client, task_force, planner, supervisor, partner
):
    operation = _prepared(planner_client, task_force, planner, partner)
    approve(operation, supervisor)
    first = render_briefs(operation)["full"]
    first_pdf = services.brief_pdf(first)
    assert services.brief_verify(data=first_pdf).current

    # Revising withdraws the approval: the brief is withdrawn, and says so.
    resubmitted(operation, planner, service_provider_access_hours=1)
    first.refresh_from_db()
    assert first.status == Brief.Status.WITHDRAWN
    verification = services.brief_verify(data=first_pdf)
    assert verification.brief == first and not verification.current
    planner_client.force_login(supervisor)
    page = planner_client.post(
        reverse("assessments:brief_verify"), {"file": _upload(first_pdf)}
    ).content.decode()
    assert "no longer in force" in page and "brief in force of the approved" not in page

    approve(operation, supervisor)
    second = render_briefs(operation)["full"]
    assert services.brief_verify(data=services.brief_pdf(second)).current
    assert not services.brief_verify(data=first_pdf).current


def _upload(data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("brief.pdf", data, content_type="application/pdf")
