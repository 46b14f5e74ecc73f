"""Two planners change the same answer: the second meets a conflict, and keeps their text."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import checklist
from assessments.models import Assessment
from tests.browser.helpers import assert_accessible, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = checklist.ITEMS["offence_basis"].question
THEIRS = "Forced labour under section 6 of the Anti-Trafficking Act."
MINE = "Debt bondage: wage records seized from a recruiter in March."


def test_the_second_planner_meets_a_conflict_and_keeps_what_they_typed(
    new_context, operation, planner, second_planner
):
    url = reverse("assessments:checklist_section", args=[operation.pk, "A"])
    first = signed_in_page(new_context, planner)
    second = signed_in_page(new_context, second_planner)
    first.goto(url)
    second.goto(url)

    first.get_by_label(QUESTION).fill(THEIRS)
    expect(first.locator('#save-status [data-state="saved"]')).to_be_attached()
    assessment = Assessment.objects.get(operation=operation)
    assert assessment.version_number == 2
    assert assessment.versions.get(number=2).content["answers"]["offence_basis"] == THEIRS

    # The second page still shows version 1, where the answer was blank.
    second.get_by_label(QUESTION).fill(MINE)
    conflict = second.locator("#conflict")
    expect(conflict).to_contain_text(planner.get_username())
    expect(conflict).to_contain_text(THEIRS)
    expect(second.locator('#save-status [data-state="conflict"]')).to_be_attached()
    expect(second.get_by_label(QUESTION)).to_have_value(MINE)
    # Nothing was overwritten.
    assessment.refresh_from_db()
    assert assessment.version_number == 2
    assert assessment.versions.get(number=2).content["answers"]["offence_basis"] == THEIRS
    assert_accessible(second, "the checklist showing a conflict")
