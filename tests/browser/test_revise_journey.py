"""After approval, the plan opens read-only; the planner revises it on purpose through a
confirmation that says what it withdraws, the supervisor approves it again, and the
NGO's reviewer sees the old brief marked withdrawn, then downloads and acknowledges the
new one, which the task force sees. The trail shows each step."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import services
from assessments.models import Approval, Brief
from tests.briefs_support import render_briefs
from tests.browser.helpers import assert_accessible, off_thread, sign_in
from tests.workflow_builders import approve, edit, status_of, submitted_operation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _approved(task_force, planner, supervisor, partner):
    operation = submitted_operation(
        task_force, planner, codename="OSPREY", receiving_organisation=partner.name
    )
    approve(operation, supervisor)
    render_briefs(operation)
    return operation


def _approve_again(operation, planner, supervisor):
    edit(operation, planner, leak_mitigations="Late briefing; phones collected.")
    services.assessment_submit(operation=operation, user=planner)
    approve(operation, supervisor)
    render_briefs(operation)


def test_a_plan_is_revised_on_purpose_and_the_ngo_follows_each_brief(
    new_context, task_force, planner, supervisor, partner, ngo_reviewer
):
    operation = off_thread(_approved, task_force, planner, supervisor, partner)
    detail = reverse("assessments:operation_detail", args=[operation.pk])
    old_ngo = Brief.objects.get(variant="ngo")

    # The planner finds the plan read-only, with who approved it and when.
    page = sign_in(new_context().new_page(), planner)
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "A"]))
    banner = page.locator("#plan-banner")
    expect(banner).to_contain_text("Approved: this plan is read-only")
    expect(banner).to_contain_text("Approved by sita (Supervisor)")
    expect(page.locator('#checklist-form input[name="victim_presence"]').first).to_be_disabled()
    expect(page.locator("#checklist-form[hx-post]")).to_have_count(0)

    # Revising asks first, naming what it withdraws; keeping it changes nothing.
    page.goto(detail)
    page.get_by_role("link", name="Revise this plan").click()
    consequences = page.locator("#revise-consequences")
    expect(consequences).to_contain_text("The approval of sita (Supervisor) is withdrawn.")
    expect(consequences).to_contain_text("The 2 signed briefs are withdrawn.")
    expect(consequences).to_contain_text("Safe Harbour is told")
    assert_accessible(page, "revise confirmation")
    page.get_by_role("link", name="Keep it as it is").click()
    assert status_of(operation) == "approved"
    page.get_by_role("link", name="Revise this plan").click()
    page.get_by_role("button", name="Revise the plan and withdraw its approval").click()
    expect(page.locator(".workflow-status")).to_have_text("Draft")
    assert Approval.objects.get().superseded_at is not None

    # The NGO's reviewer lands on the shared briefs: the old one is marked withdrawn.
    ngo = sign_in(new_context(accept_downloads=True).new_page(), ngo_reviewer)
    expect(ngo).to_have_url(re.compile("/briefs/shared/$"))
    row = ngo.locator(f'tr[data-brief="{old_ngo.pk}"]')
    expect(row).to_contain_text("Withdrawn")
    expect(row).to_contain_text("The plan was revised")
    expect(row).to_contain_text("Week 1 of 2099")
    row.get_by_role("link", name="OSPREY").click()
    expect(ngo.locator("#brief-state")).to_contain_text("Withdrawn")
    expect(ngo.get_by_role("link", name="Download the signed PDF")).to_have_count(0)
    expect(ngo.get_by_role("button", name="Acknowledge receipt")).to_have_count(0)

    # Approved again, the new brief replaces it; the reviewer downloads and acknowledges.
    off_thread(_approve_again, operation, planner, supervisor)
    new_ngo = Brief.objects.get(variant="ngo", status="ready")
    ngo.goto(reverse("assessments:shared_briefs"))
    expect(ngo.locator(f'tr[data-brief="{old_ngo.pk}"]')).to_contain_text("Replaced by version")
    current = ngo.locator(f'tr[data-brief="{new_ngo.pk}"]')
    expect(current).to_contain_text("Current")
    current.get_by_role("link", name="OSPREY").click()
    with ngo.expect_download() as download:
        ngo.get_by_role("link", name="Download the signed PDF").click()
    assert download.value.suggested_filename == f"OSPREY-v{new_ngo.version.number}-ngo.pdf"
    ngo.get_by_role("button", name="Acknowledge receipt").click()
    expect(ngo.locator(".messages")).to_contain_text("Receipt acknowledged")
    expect(ngo.locator("#acknowledgements")).to_contain_text("nadia (Safe Harbour)")
    assert_accessible(ngo, "NGO brief page")

    # The task force sees who acknowledged which version; the trail has every step.
    audit = sign_in(new_context().new_page(), supervisor)
    audit.goto(reverse("assessments:operation_briefs", args=[operation.pk]))
    expect(audit.locator("#acknowledgements")).to_contain_text(
        f"nadia (Safe Harbour) acknowledged version {new_ngo.version.number}"
    )
    expect(audit.locator("#withdrawn-briefs")).to_contain_text("Withdrawn")
    audit.get_by_role("link", name="Audit trail").click()
    audit.get_by_label("Operation codename contains").fill("OSPREY")
    audit.get_by_role("button", name="Filter").click()
    rows = audit.locator("tbody tr")
    for kind, what in [
        ("Approval", "approval of version"),
        ("State change", "submitted -> approved"),
        ("State change", "approved -> draft"),
        ("Receipt of a brief acknowledged", "acknowledged for Safe Harbour"),
    ]:
        expect(rows.filter(has_text=kind).filter(has_text=what).first).to_be_visible()
