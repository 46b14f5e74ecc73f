"""A planner fills a section in one sitting and finds it one entry of the history;
compares two versions chosen on two pages of a long history; exports a plan and imports
it back as a copy."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import checklist, services
from assessments.models import Assessment, Operation
from tests.browser.helpers import assert_accessible, signed_in_page, wait_until
from tests.workflow_builders import edit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _history(operation):
    return reverse("assessments:assessment_history", args=[operation.pk])


def _version(operation):
    return Assessment.objects.get(operation=operation).version_number


def test_a_section_filled_in_one_sitting_is_one_entry(new_context, operation, planner):
    page = signed_in_page(new_context, planner)
    page.goto(reverse("assessments:checklist_section", args=[operation.pk, "A"]))
    # With the mouse, with the arrow keys, and typing.
    page.locator('input[name="warrant_status"][value="obtained"]').check()
    wait_until(lambda: _version(operation) == 2, "the click was not saved")
    page.locator('input[name="victim_presence"][value="none"]').focus()
    for _step in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    wait_until(lambda: _version(operation) == 3, "the choice stepped to was not saved")
    page.get_by_label(checklist.ITEMS["offence_basis"].question).fill("Forced labour.")
    wait_until(lambda: _version(operation) == 4, "the typing was not saved")

    page.goto(_history(operation))
    entries = page.locator("tr.history-entry")
    expect(entries).to_have_count(1)
    summary = entries.first.locator(".history-entry-summary")
    expect(summary).to_contain_text(re.compile(r"Created and edited by alice, .+ to "))
    expect(summary).to_contain_text("answers given")
    # Opened, it shows each of its versions.
    entries.first.get_by_text("Its 4 versions, one by one").click()
    expect(page.locator("tr.history-version")).to_have_count(4)
    assert_accessible(page, "the history with an entry open")


def test_two_versions_chosen_on_two_pages_are_compared(
    new_context, operation, planner, second_planner
):
    # 55 versions, by two planners in turn: 55 entries, two pages of them.
    for number in range(2, 56):
        edit(
            operation, planner if number % 2 else second_planner, independent_corroborations=number
        )
    page = signed_in_page(new_context, planner)
    page.goto(_history(operation))
    page.get_by_role("button", name="Older").click()
    expect(page.locator("nav .page-item.active")).to_contain_text("Page 2 of 2")
    page.get_by_label("Compare from this entry (version 3)").check()
    page.get_by_role("button", name="Newer").click()
    expect(page.locator("nav .page-item.active")).to_contain_text("Page 1 of 2")
    # The choice made on page 2 holds on page 1.
    expect(page.get_by_label("Compare from version 3 (page 2)")).to_be_checked()
    page.get_by_label("Compare to this entry (version 50)").check()
    page.get_by_role("button", name="Compare the chosen versions").click()
    expect(page.locator("h1")).to_have_text(f"{operation.codename}: version 3 and version 50")
    question = checklist.ITEMS["independent_corroborations"].question
    row = page.locator("tr", has=page.get_by_role("rowheader", name=question))
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("50")


def test_an_export_imports_back_as_a_copy(new_context, operation, planner, partner, tmp_path):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={"victim_presence": "corroborated", "offence_basis": "Debt bondage."},
        profile={"receiving_organisation": partner.name},
    )
    page = signed_in_page(new_context, planner)
    page.goto(reverse("assessments:operation_detail", args=[operation.pk]))
    page.get_by_role("link", name="Export JSON").click()
    expect(page.get_by_role("alert")).to_contain_text("restricted details")
    assert_accessible(page, "the export page")
    with page.expect_download() as download:
        page.get_by_role("button", name="I understand: download the file").click()
    assert download.value.suggested_filename == f"{operation.codename}-v2.json"
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)

    page.goto(reverse("assessments:assessment_import"))
    page.get_by_label(re.compile("Assessment file")).set_input_files(exported)
    page.get_by_role("button", name="Import", exact=True).click()
    # The codename is taken: a copy under another one is offered, the file kept.
    rename = page.locator(".import-rename")
    expect(rename).to_contain_text(f"already has an operation named {operation.codename}")
    expect(page.get_by_label("Import as a new operation named")).to_have_value(
        f"{operation.codename}-2"
    )
    expect(page.locator(".import-kept")).to_contain_text(exported.name)
    assert_accessible(page, "the import page offering a new codename")
    page.get_by_label("Import as a new operation named").fill("KESTREL copy")
    rename.get_by_role("button", name="Import as a new operation").click()

    expect(page.locator("h1")).to_have_text("KESTREL copy")
    expect(page.locator("main")).to_contain_text("Operation KESTREL copy imported.")
    copy = Operation.objects.get(codename="KESTREL copy")
    original = services.current_version(operation=operation)
    imported = services.current_version(operation=copy)
    assert imported.content["answers"] == original.content["answers"]
    assert copy.receiving_organisation == partner
    assert copy.target_address == operation.target_address
    operation.refresh_from_db()
    assert operation.codename == "KESTREL"
