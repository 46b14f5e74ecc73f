"""A planner of another task force gets 404 for an operation's pages and exports."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.helpers import signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages(operation):
    return [
        reverse("assessments:operation_detail", args=[operation.pk]),
        reverse("assessments:checklist_section", args=[operation.pk, "A"]),
    ]


def _export(operation):
    return reverse("assessments:assessment_export", args=[operation.pk])


def _endpoints(operation):
    """The rest of the operation's pages and the fragments htmx fetches."""
    pk = operation.pk
    return [
        reverse("assessments:operation_edit", args=[pk]),
        reverse("assessments:assessment_history", args=[pk]),
        reverse("assessments:assessment_diff", args=[pk]) + "?a=1&b=1",
        reverse("assessments:verdict_panel", args=[pk]),
    ]


def test_it_answers_404_to_a_planner_of_another_task_force(
    new_context, operation, planner, other_planner
):
    # The operation's own planner can open them all, so the 404s below are about access.
    own = signed_in_page(new_context, planner)
    for url in _pages(operation):
        assert own.goto(url).status == 200, url
    for url in _endpoints(operation):
        assert own.request.get(url).status == 200, url
    # The export is a download, after the page that warns what the file holds.
    own.goto(_export(operation))
    with own.expect_download() as download:
        own.get_by_role("button", name="I understand: download the file").click()
    assert json.loads(Path(download.value.path()).read_text())["operation"]["codename"] == (
        operation.codename
    )

    stranger = signed_in_page(new_context, other_planner)
    for url in _pages(operation):
        response = stranger.goto(url)
        assert response.status == 404, url
        # Neither the codename nor the target leaks through the error page.
        expect(stranger.locator("body")).not_to_contain_text(operation.codename)
        assert operation.target_name not in response.text()
    for url in [_export(operation), *_endpoints(operation)]:
        answer = stranger.request.get(url)
        assert answer.status == 404, url
        assert operation.codename not in answer.text()
        assert operation.target_name not in answer.text()
