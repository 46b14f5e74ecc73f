"""A planner submits through the summary step; a supervisor finds it waiting with its
verdict and tier, approves it after entering their password again, and is told a
commander approves next; the commander approves; once the planned date has passed the
planners write the after-action review as a draft, read it back, submit it, and the
supervisor signs it off beside what the plan predicted."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import AfterActionReview, Approval, AuditEvent
from tests.browser.helpers import assert_accessible, sign_in
from tests.conftest import PASSWORD
from tests.two_factor import totp_token
from tests.workflow_builders import PAST, TWO_APPROVALS, planned_operation, status_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CODE = "Code from your authenticator app"


def _approve(page, user, rationale):
    page.get_by_label("Rationale, comments or reason").fill(rationale)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label(CODE).fill(totp_token(user))
    page.get_by_role("button", name="Approve").click()


def test_submit_two_approvals_then_review_signed_off(
    new_context, task_force, planner, supervisor, commander
):
    operation = planned_operation(
        task_force, planner, codename="OSPREY", planned_date=PAST, **TWO_APPROVALS
    )
    detail = reverse("assessments:operation_detail", args=[operation.pk])

    # The planner submits through the summary of what the approvers will see.
    planner_page = sign_in(new_context().new_page(), planner)
    planner_page.goto(detail)
    planner_page.get_by_role("link", name="Submit for approval").click()
    expect(planner_page.locator("#submit-summary")).to_contain_text("What the approvers will see")
    assert_accessible(planner_page, "submission summary")
    planner_page.get_by_role("button", name="Submit for approval").click()
    expect(planner_page.locator(".workflow-status")).to_have_text("Submitted for approval")
    expect(planner_page.locator("#approval-step")).to_have_text(
        "Waits for two approvals: a supervisor's and a commander's."
    )

    # The supervisor finds it waiting, with its verdict, tier and submitter.
    page = sign_in(new_context().new_page(), supervisor)
    expect(page.locator("[data-waiting-count]")).to_contain_text("1")
    page.get_by_role("link", name=re.compile("Waiting for me")).click()
    to_approve = page.locator("#to-approve")
    for text in ("OSPREY", "Go", "Highest", "alice"):
        expect(to_approve).to_contain_text(text)
    assert_accessible(page, "waiting for me")
    to_approve.get_by_role("link", name="OSPREY").click()

    # The decision page shows the exact version and the plan; a wrong password decides
    # nothing and keeps what was typed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision on OSPREY")
    expect(page.locator("[data-content-hash]")).to_have_text(
        operation.assessment.versions.get(number=1).content_hash
    )
    expect(page.locator("#plan-sections")).to_contain_text("The plan, as submitted")
    assert_accessible(page, "decision")
    page.get_by_label("Rationale, comments or reason").fill("Smart plan; care is ready.")
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label(CODE).fill(totp_token(supervisor))
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#decision-form")).to_contain_text("Your password or code is not right")
    expect(page.get_by_label("Rationale, comments or reason")).to_have_value(
        "Smart plan; care is ready."
    )
    _approve(page, supervisor, "Smart plan; care is ready.")
    expect(page.locator(".messages")).to_contain_text("Your approval is recorded.")
    expect(page.locator("#approval-step")).to_have_text(
        "1 of 2 approvals: a commander must approve next."
    )
    expect(page.locator(".workflow-status")).to_have_text("Submitted for approval")

    # The commander approves second; only then is it approved.
    boss = sign_in(new_context().new_page(), commander)
    boss.goto(reverse("assessments:assessment_decision", args=[operation.pk]))
    _approve(boss, commander, "Firearms team briefed; go.")
    expect(boss.locator(".workflow-status")).to_have_text("Approved")
    assert Approval.objects.count() == 2
    outcomes = set(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.REAUTHENTICATION).values_list(
            "outcome", flat=True
        )
    )
    assert outcomes == {"success", "failure"}

    # The planned date has passed: the planner writes the review as a draft first.
    planner_page.goto(detail)
    planner_page.get_by_role("link", name="Record the after-action review").click()
    planner_page.get_by_role("spinbutton", name="Persons found", exact=True).fill("12")
    planner_page.get_by_label("Persons identified as victims").fill("20")
    planner_page.get_by_label("Lessons").fill("The NGO met everyone within the hour.")
    planner_page.get_by_role("button", name="Save as a draft").click()
    expect(planner_page.locator("#review-form")).to_contain_text(
        "cannot be more than the persons found (12)"
    )
    planner_page.get_by_label("Persons identified as victims").fill("9")
    planner_page.get_by_role("button", name="Save as a draft").click()
    expect(planner_page.locator("[data-review-status]")).to_have_text("Draft")
    # Read back: what was saved is there after a reload.
    planner_page.reload()
    expect(planner_page.get_by_label("Lessons")).to_have_value(
        "The NGO met everyone within the hour."
    )
    expect(planner_page.locator("#review-missing")).to_contain_text(
        "minors among the persons found"
    )
    planner_page.get_by_label("Minors among the persons found").fill("0")
    planner_page.get_by_label("Persons arrested (suspects)").fill("2")
    planner_page.get_by_label("Potential victims detained").fill("1")
    planner_page.get_by_label("Potential victims charged").fill("0")
    planner_page.get_by_label("Potential victims deported").fill("0")
    planner_page.locator("#review-form").get_by_label("Yes", exact=True).check()
    planner_page.get_by_role("button", name="Save and submit for sign-off").click()
    expect(planner_page.locator("[data-review-status]")).to_have_text("Submitted for sign-off")
    expect(planner_page.locator("#review-harms")).to_contain_text("1 potential victim detained")
    assert_accessible(planner_page, "after-action review")

    # The supervisor signs it off, beside what was predicted, re-authenticated.
    page.goto(reverse("assessments:after_action_review", args=[operation.pk]))
    expect(page.locator("#review-comparison")).to_contain_text("Victims expected, identified")
    decision = page.locator("#review-decision")
    decision.get_by_label("Your password").fill(PASSWORD)
    decision.get_by_label(CODE).fill(totp_token(supervisor))
    decision.get_by_role("button", name="Sign off").click()
    expect(page.locator("[data-review-status]")).to_have_text("Signed off")
    assert AfterActionReview.objects.get().signed_off_by == supervisor
    assert status_of(operation) == "closed"
