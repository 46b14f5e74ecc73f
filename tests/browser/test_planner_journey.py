"""A planner creates an operation, answers the checklist and watches the verdict change
without a reload, closes the page mid-section and finds the answer kept."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import checklist, scoring
from assessments.models import Assessment, Operation
from tests.browser.helpers import sign_in, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROFILE = {"codename": "OSPREY", "site_type": "fishing_vessel", "exploitation_type": "labour"}
WARRANT = checklist.ITEMS["warrant_status"].values[-1]  # the best answer
# Typed into a text answer just before the page goes, faster than autosave's delay.
LAST_WORDS = "Crew lists from the port authority; guards wear the company's red jackets."


def _finding_messages(answers):
    content = checklist.parse_assessment(
        {"checklist_version": checklist.CHECKLIST_VERSION, "operation": PROFILE, "answers": answers}
    )
    return {finding["message"] for finding in scoring.score_assessment(content)["findings"]}


def _gone(before, after):
    """A finding message the verdict shows for `before` and no longer for `after`."""
    gone = _finding_messages(before) - _finding_messages(after)
    assert gone, "the answers were meant to resolve a finding"
    return sorted(gone)[0]


def _saved_answers(operation):
    assessment = Assessment.objects.get(operation=operation)
    return assessment.versions.get(number=assessment.version_number).content["answers"]


def _mark_page(page):
    """A flag that only survives as long as the page is not reloaded or left."""
    page.evaluate("window.__sameDocument = true")


def _assert_same_page(page):
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"


def _answer(page, key, value):
    page.locator(f'#checklist-form input[name="{key}"][value="{value}"]').check()


def _expect_saved(page, key):
    saved = page.locator(f'#save-status [data-state="saved"][data-saved-keys*="{key}"]')
    expect(saved).to_be_attached()


def test_a_planner_fills_the_checklist_and_loses_nothing_when_the_page_closes(new_context, planner):
    context = new_context()
    page = sign_in(context.new_page(), planner)

    # Create the operation through the form.
    page.goto(reverse("assessments:operation_list"))
    page.locator(f'main a[href="{reverse("assessments:operation_create")}"]').first.click()
    page.get_by_label("Codename").fill(PROFILE["codename"])
    page.get_by_label("Type of site").select_option(PROFILE["site_type"])
    page.get_by_label("Type of exploitation").select_option(PROFILE["exploitation_type"])
    page.get_by_role("button", name="Create the operation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROFILE["codename"])
    operation = Operation.objects.get(
        codename=PROFILE["codename"], task_force__memberships__user=planner
    )
    assert re.search(rf"/operations/{operation.pk}/$", page.url)

    # Section A: the verdict panel follows the answers without a reload.
    section_a = reverse("assessments:checklist_section", args=[operation.pk, "A"])
    page.locator(f'main a[href^="{section_a}"]').first.click()
    expect(page.locator("#checklist-form")).to_be_visible()
    _mark_page(page)
    verdict = page.locator("#verdict")
    # A targeted site resolves the area-sweep gate (a claimed presence alone resolves
    # nothing since version 2: the scorer reads what the sources carry).
    sweep_finding = _gone({}, {"operation_purpose": "targeted_site"})
    expect(verdict).to_contain_text(sweep_finding)
    unanswered = verdict.get_by_role("heading", name=re.compile(r"items? not answered"))
    expect(unanswered).to_contain_text(str(len(checklist.ITEMS) - 1))  # all but informant

    _answer(page, "operation_purpose", "targeted_site")
    expect(verdict).not_to_contain_text(sweep_finding)
    _expect_saved(page, "operation_purpose")
    expect(unanswered).not_to_contain_text(str(len(checklist.ITEMS) - 1))
    _answer(page, "warrant_status", WARRANT)
    _expect_saved(page, "warrant_status")
    _assert_same_page(page)
    saved = _saved_answers(operation)
    assert (saved["operation_purpose"], saved["warrant_status"]) == ("targeted_site", WARRANT)

    # Section E: segregating suspects resolves its finding, again in place.
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "E"]))
    _mark_page(page)
    answered = {"operation_purpose": "targeted_site", "warrant_status": WARRANT}
    segregation_finding = _gone(answered, {**answered, "segregation_plan": True})
    expect(verdict).to_contain_text(segregation_finding)
    _answer(page, "segregation_plan", "true")
    expect(verdict).not_to_contain_text(segregation_finding)
    _expect_saved(page, "segregation_plan")
    _assert_same_page(page)

    # Type, and close the page at once: before the autosave delay has passed.
    page.get_by_label(checklist.ITEMS["suspect_identification_method"].question).fill(LAST_WORDS)
    page.close()

    page = context.new_page()
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "E"]))
    field = page.get_by_label(checklist.ITEMS["suspect_identification_method"].question)
    expect(field).to_have_value(LAST_WORDS)
    expect(page.locator('input[name="segregation_plan"][value="true"]')).to_be_checked()
    # Through the beacon or the restored draft, the server has it too.
    wait_until(
        lambda: _saved_answers(operation)["suspect_identification_method"] == LAST_WORDS,
        "the answer typed before the page closed was never saved",
    )
    expect(page.locator("#save-status")).not_to_contain_text("Not saved")


def test_answers_typed_offline_are_kept_on_the_device_and_saved_once_back_online(
    new_context, operation, planner
):
    context = new_context()
    page = sign_in(context.new_page(), planner)
    url = reverse("assessments:checklist_section", args=[operation.pk, "D"])
    page.goto(url)
    question = checklist.ITEMS["leak_mitigations"].question

    context.set_offline(True)
    page.get_by_label(question).fill(LAST_WORDS)
    # The autosave fails, and the planner is told so.
    expect(page.locator("#save-status")).to_contain_text("offline")
    # As in a crash, no beacon leaves as the page goes (Chromium would send one even
    # "offline", past Playwright's network emulation): only the draft on the device is left.
    page.evaluate("Object.defineProperty(navigator, 'sendBeacon', {value: undefined})")
    page.close()
    assert _saved_answers(operation)["leak_mitigations"] is None

    context.set_offline(False)
    page = context.new_page()
    page.goto(url)
    expect(page.get_by_label(question)).to_have_value(LAST_WORDS)
    expect(page.get_by_role("status").filter(has_text="Restored")).to_be_visible()
    wait_until(
        lambda: _saved_answers(operation)["leak_mitigations"] == LAST_WORDS,
        "the answer kept on the device was never saved",
    )
    _expect_saved(page, "leak_mitigations")


def test_restricted_answers_never_rest_on_the_device_and_sign_out_clears_drafts(
    new_context, operation, planner
):
    context = new_context()
    page = sign_in(context.new_page(), planner)
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "A"]))
    context.set_offline(True)
    page.get_by_label(checklist.ITEMS["offence_basis"].question).fill("Forced labour at sea")
    page.get_by_label(checklist.ITEMS["informant_details"].question).fill("Deckhand NANG, cabin 4")
    expect(page.locator("#save-status")).to_contain_text("offline")

    drafts = page.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('raidassess:draft:'))"
        ".map(k => localStorage.getItem(k)).join('')"
    )
    assert "Forced labour at sea" in drafts  # the draft works...
    assert "NANG" not in drafts  # ...and holds no informant

    context.set_offline(False)
    page.get_by_role("button", name=re.compile("sign out", re.IGNORECASE)).click()
    expect(page.get_by_role("link", name=re.compile("sign in", re.IGNORECASE))).to_be_visible()
    assert page.evaluate("Object.keys(localStorage).length") == 0
