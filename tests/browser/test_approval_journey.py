"""A planner submits, a supervisor finds it waiting, approves it after entering their
password again, and once the planned date has passed the planner records the
after-action review beside the predicted verdict."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import AfterActionReview, Approval, AuditEvent
from tests.browser.helpers import assert_accessible, sign_in
from tests.conftest import PASSWORD
from tests.two_factor import totp_token
from tests.workflow_builders import PAST, planned_operation, status_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CODE = "Code from your authenticator app"


def test_submit_approve_with_reauthentication_then_review(
    new_context, task_force, planner, supervisor
):
    operation = planned_operation(task_force, planner, codename="OSPREY", planned_date=PAST)
    detail = reverse("assessments:operation_detail", args=[operation.pk])

    # The planner submits from the operation page.
    planner_page = sign_in(new_context().new_page(), planner)
    planner_page.goto(detail)
    planner_page.get_by_role("button", name="Submit for approval").click()
    expect(planner_page.locator(".workflow-status")).to_have_text("Submitted for approval")

    # The supervisor finds it waiting, with the count in the navigation.
    page = sign_in(new_context().new_page(), supervisor)
    expect(page.locator("[data-waiting-count]")).to_contain_text("1")
    page.get_by_role("link", name=re.compile("Waiting for me")).click()
    to_approve = page.locator("#to-approve")
    expect(to_approve).to_contain_text("OSPREY")
    assert_accessible(page, "waiting for me")
    to_approve.get_by_role("link", name="OSPREY").click()

    # The decision page shows the exact version; a wrong password decides nothing.
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision on OSPREY")
    expect(page.locator("[data-content-hash]")).to_have_text(
        operation.assessment.versions.get(number=1).content_hash
    )
    assert_accessible(page, "decision")
    page.get_by_label("Rationale, comments or reason").fill("Smart plan; care is ready.")
    page.get_by_label("Your password").fill("not my password")
    page.get_by_label(CODE).fill(totp_token(supervisor))
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#decision-form")).to_contain_text("Your password or code is not right")
    expect(page.get_by_label("Rationale, comments or reason")).to_have_value(
        "Smart plan; care is ready."
    )
    assert_accessible(page, "decision with errors")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label(CODE).fill(totp_token(supervisor))
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".workflow-status")).to_have_text("Approved")
    assert Approval.objects.get().approver == supervisor
    outcomes = set(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.REAUTHENTICATION).values_list(
            "outcome", flat=True
        )
    )
    assert outcomes == {"success", "failure"}

    # The planner sees it approved; the planned date has passed, so the review is due.
    planner_page.goto(detail)
    expect(planner_page.locator(".workflow-approvals")).to_contain_text(
        "Smart plan; care is ready."
    )
    planner_page.get_by_role("link", name="Record the after-action review").click()
    expect(planner_page.locator("#verdict")).to_be_visible()
    planner_page.get_by_role("spinbutton", name="Persons found*", exact=True).fill("12")
    planner_page.get_by_label("Persons identified as victims").fill("20")
    planner_page.get_by_label("Minors among the persons found").fill("0")
    planner_page.get_by_label("Persons arrested (suspects)").fill("2")
    planner_page.get_by_label("Potential victims detained").fill("0")
    planner_page.get_by_label("Potential victims charged").fill("0")
    planner_page.get_by_label("Potential victims deported").fill("0")
    planner_page.get_by_label("Yes").check()
    planner_page.get_by_label("Lessons").fill("The NGO met everyone within the hour.")
    planner_page.get_by_role("button", name="Save the review").click()
    expect(planner_page.locator("#review-form")).to_contain_text(
        "cannot be more than the persons found (12)"
    )
    expect(planner_page.get_by_label("Lessons")).to_have_value(
        "The NGO met everyone within the hour."
    )
    assert_accessible(planner_page, "after-action review with errors")
    planner_page.get_by_label("Persons identified as victims").fill("9")
    planner_page.get_by_role("button", name="Save the review").click()
    expect(planner_page.locator(".workflow-status")).to_have_text("Closed")
    assert AfterActionReview.objects.get().persons_identified_as_victims == 9
    assert status_of(operation) == "closed"
