"""A plan written on version 1, in a real browser: the planner finds the questions
version 2 added marked, answers one, and the verdict moves onto the current rules with
the rule change in the history; an approved version 1 plan shows what version 2 says
beside its verdict. Every one of those pages is accessible."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import AssessmentVersion
from tests.browser.helpers import assert_accessible, signed_in_page, wait_until
from tests.version_1 import as_version_1
from tests.workflow_builders import approve, planned_operation, submitted_operation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_planner_moves_a_version_1_draft_onto_the_current_rules(new_context, task_force, planner):
    operation = planned_operation(task_force, planner)
    old = as_version_1(operation)
    page = signed_in_page(new_context, planner)
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "D"]))
    lead = page.locator("#item-lead_agency")
    expect(lead.get_by_text("New in checklist version 2")).to_be_visible()
    verdict = page.locator("#verdict")
    expect(verdict.get_by_text("The rules have changed since")).to_be_visible()
    assert_accessible(page, "a section of a version 1 plan")

    lead.get_by_label("Law enforcement with jurisdiction").check()
    expect(page.locator('#save-status [data-state="saved"]')).to_be_attached()
    expect(verdict.get_by_text("The rules have changed since")).to_have_count(0)
    wait_until(
        lambda: AssessmentVersion.objects.filter(
            assessment__operation=operation, kind=AssessmentVersion.Kind.RESCORED
        ).exists(),
        "the rescoring reached the database",
    )

    page.goto(reverse("assessments:assessment_history", args=[operation.pk]))
    rule_change = page.locator("tr.history-rule-change")
    expect(rule_change).to_have_count(1)
    expect(rule_change).to_contain_text("Rule change")
    expect(rule_change).to_contain_text(f"{old.number + 1}")
    assert_accessible(page, "the history with a rule change")


def test_an_approved_version_1_plan_shows_what_version_2_says(
    new_context, task_force, planner, supervisor
):
    operation = submitted_operation(task_force, planner, codename="SAMPAN")
    approve(operation, supervisor)
    as_version_1(operation)
    page = signed_in_page(new_context, planner)
    page.goto(reverse("assessments:operation_detail", args=[operation.pk]))
    verdict = page.locator("#verdict")
    expect(verdict.locator(".verdict-decision").first).to_have_text(re.compile("Go"))
    summary = verdict.get_by_text(re.compile("What the version 2 rules say: No go"))
    summary.click()
    expect(verdict.locator("details .verdict-decision")).to_have_text(re.compile("No go"))
    assert_accessible(page, "an approved version 1 plan, both verdicts shown")
