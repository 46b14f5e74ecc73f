"""After approval, a planner's edit supersedes the approval and sends the plan back; the
supervisor finds every step in the audit trail."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Approval
from tests.browser.helpers import assert_accessible, sign_in
from tests.workflow_builders import approve, status_of, submitted_operation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _approved(task_force, planner, supervisor):
    try:
        operation = submitted_operation(task_force, planner, codename="OSPREY")
        approve(operation, supervisor)
        return operation
    finally:
        connection.close()


def test_an_edit_after_approval_supersedes_it_and_the_trail_shows_each_step(
    new_context, task_force, planner, supervisor
):
    # Off this thread: without a broker the approval renders its briefs at once, and
    # pyHanko's asyncio.run cannot run beside Playwright's loop in this thread.
    with ThreadPoolExecutor(1) as thread:
        operation = thread.submit(_approved, task_force, planner, supervisor).result()
    detail = reverse("assessments:operation_detail", args=[operation.pk])

    # The planner sees it approved, then changes an answer of section A.
    page = sign_in(new_context().new_page(), planner)
    page.goto(detail)
    expect(page.locator(".workflow-status")).to_have_text("Approved")
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "A"]))
    page.locator('#checklist-form input[name="victim_presence"][value="reported"]').check()
    expect(
        page.locator('#save-status [data-state="saved"][data-saved-keys*="victim_presence"]')
    ).to_be_attached()

    # The approval stays on record, marked superseded, and the plan waits again.
    page.goto(detail)
    expect(page.locator(".workflow-status")).to_have_text("Submitted for approval")
    expect(page.locator(".approval-superseded")).to_contain_text("Superseded")
    assert status_of(operation) == "submitted"
    assert Approval.objects.get().superseded_at is not None

    # The supervisor reads the operation's steps in the audit trail.
    audit = sign_in(new_context().new_page(), supervisor)
    audit.get_by_role("link", name="Audit trail").click()
    audit.get_by_label("Operation codename contains").fill("OSPREY")
    audit.get_by_role("button", name="Filter").click()
    rows = audit.locator("tbody tr")
    for kind, what in [
        ("State change", "draft -> submitted"),
        ("Approval", "approval of version 1"),
        ("State change", "submitted -> approved"),
        ("View of an operation", ""),
        ("Edit", "version 2 saved"),
        ("State change", "approved -> submitted"),
    ]:
        expect(rows.filter(has_text=kind).filter(has_text=what).first).to_be_visible()
    assert_accessible(audit, "audit trail")
