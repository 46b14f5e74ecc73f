"""Nobody polls: the planner submits, the supervisor's bell counts it and leads to the
decision; once the plan is revised, the NGO's reviewer finds the withdrawn brief under
the bell."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import services
from assessments.models import Notification
from tests.briefs_support import render_briefs
from tests.browser.helpers import assert_accessible, off_thread, sign_in
from tests.workflow_builders import approve, planned_operation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _approve_and_sign(operation, supervisor):
    approve(operation, supervisor)
    render_briefs(operation)


def test_the_bell_tells_the_supervisor_and_the_ngo(
    new_context, task_force, planner, supervisor, partner, ngo_reviewer
):
    operation = planned_operation(task_force, planner, receiving_organisation=partner.name)
    supervisor.email = "sita@example.org"
    supervisor.save(update_fields=["email"])

    page = sign_in(new_context().new_page(), planner)
    page.goto(reverse("assessments:operation_detail", args=[operation.pk]))
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".workflow-status")).to_have_text("Submitted for approval")
    assert Notification.objects.get(recipient=supervisor).email == "pending"

    boss = sign_in(new_context().new_page(), supervisor)
    bell = boss.locator(".notification-bell")
    expect(bell.locator("[data-notification-count]")).to_contain_text("1")
    bell.click()
    entry = boss.locator("#notifications li").first
    expect(entry).to_contain_text("OSPREY was submitted for approval by alice")
    assert_accessible(boss, "notifications")
    entry.get_by_role("link").click()
    expect(boss).to_have_url(re.compile(f"/operations/{operation.pk}/decision/$"))
    expect(boss.locator(".notification-bell [data-notification-count]")).to_have_count(0)

    off_thread(_approve_and_sign, operation, supervisor)
    services.assessment_revise(operation=operation, user=planner)
    ngo = sign_in(new_context().new_page(), ngo_reviewer)
    expect(ngo.locator(".notification-bell [data-notification-count]")).to_contain_text("2")
    ngo.locator(".notification-bell").click()
    withdrawn = ngo.locator("#notifications li", has_text="withdrawn")
    expect(withdrawn).to_contain_text("do not prepare from it")
    withdrawn.get_by_role("link").click()
    expect(ngo.locator("#brief-state")).to_contain_text("Withdrawn")
