"""At a laptop's 1366x768 and a phone's 390x844: the verdict in sight while answering,
the operations list without sideways scrolling, and no console error or refused
resource (Content-Security-Policy) on the main pages, after htmx swaps too."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import sign_in
from tests.workflow_builders import planned_operation, submitted_operation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
# Collected on each page: console errors, and what the Content-Security-Policy refused.
WATCH = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__refused.push(event.violatedDirective + " " + event.blockedURI));
"""


def test_on_a_phone_the_verdict_stays_in_sight_while_answering(new_context, task_force, planner):
    operation = planned_operation(task_force, planner, codename="OSPREY")
    page = sign_in(new_context(viewport=PHONE).new_page(), planner)
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "A"]))
    summary = page.locator("#verdict-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Go")
    assert not page.locator("details[data-fold-on-small-screens]").evaluate("d => d.open")
    # Answering far down the section: the summary is still in sight, and follows.
    choice = page.locator('#checklist-form input[name="operation_purpose"][value="area_sweep"]')
    choice.scroll_into_view_if_needed()
    choice.check()
    expect(summary).to_contain_text("No go")
    expect(summary).to_be_in_viewport()
    summary.get_by_role("link").click()
    expect(page.locator("#verdict-heading")).to_be_in_viewport()


def test_on_a_laptop_the_panel_is_beside_the_questions(new_context, task_force, planner):
    operation = planned_operation(task_force, planner, codename="OSPREY")
    page = sign_in(new_context(viewport=LAPTOP).new_page(), planner)
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "A"]))
    expect(page.locator("#verdict-summary")).to_be_hidden()
    expect(page.locator("#verdict-heading")).to_be_in_viewport()
    expect(page.locator("#section-nav")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_operations_list_needs_no_sideways_scrolling(
    new_context, task_force, planner, viewport
):
    planned_operation(task_force, planner, codename="OSPREY")
    submitted_operation(task_force, planner, codename="KINGFISHER-NORTH")
    page = sign_in(new_context(viewport=viewport).new_page(), planner)
    table = page.locator("main table")
    for heading in ("Codename", "Status", "Decision", "Planned for"):
        expect(table.get_by_role("columnheader", name=heading)).to_be_visible()
    expect(table).to_contain_text("OSPREY")
    wide = page.evaluate(
        "() => [...document.querySelectorAll('main .table-responsive')]"
        ".some(box => box.scrollWidth > box.clientWidth + 1)"
    )
    assert not wide
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_no_console_error_or_refused_resource_on_the_main_pages(
    new_context, task_force, planner, supervisor
):
    draft = planned_operation(task_force, planner, codename="OSPREY")
    submitted = submitted_operation(task_force, planner, codename="WREN")
    pages = {
        planner: [
            reverse("assessments:operation_list"),
            reverse("assessments:operation_detail", args=[draft.pk]),
            reverse("assessments:checklist_section", args=[draft.pk, "A"]),
            reverse("assessments:operation_edit", args=[draft.pk]),
            reverse("assessments:assessment_history", args=[draft.pk]),
            reverse("assessments:assessment_submit", args=[draft.pk]),
            reverse("assessments:notification_list"),
            reverse("assessments:brief_verify"),
            reverse("two_factor_setup"),
        ],
        supervisor: [
            reverse("assessments:waiting"),
            reverse("assessments:assessment_decision", args=[submitted.pk]),
            reverse("assessments:audit_list"),
        ],
    }
    console, refused = [], []
    for user, paths in pages.items():
        context = new_context(viewport=LAPTOP)
        context.add_init_script(WATCH)
        page = sign_in(context.new_page(), user)
        page.on(
            "console",
            lambda message, page=page: (
                message.type == "error" and console.append((page.url, message.text))
            ),
        )
        for path in paths:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            if "/checklist/" in path:  # an autosave, and its out-of-band swaps
                page.locator(
                    '#checklist-form input[name="victim_presence"][value="reported"]'
                ).check()
                expect(page.locator('#save-status [data-state="saved"]')).to_be_attached()
            refused.extend((path, blocked) for blocked in page.evaluate("window.__refused"))
    assert not console and not refused, (console, refused)
