"""A keyboard user moves through a radio group with the arrow keys: each key checks the
next option, and none of the options passed is saved, only the one they stop on."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Assessment
from tests.browser.helpers import sign_in, signed_in_page, wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEY = "victim_presence"  # none, assumed, reported, corroborated, confirmed, not answered
# static/js/app.js: a stepped-to choice is saved once the planner rests on it this long.
SETTLE_S = 3


def _section(operation):
    return reverse("assessments:checklist_section", args=[operation.pk, "A"])


def _saves(page, operation):
    """The autosave requests the page sends, as a list that fills as they go."""
    posts = []
    url = _section(operation)
    page.on(
        "request",
        lambda request: request.method == "POST" and request.url.endswith(url) and posts.append(1),
    )
    return posts


def _versions(operation):
    return Assessment.objects.get(operation=operation).version_number


def _answer(operation):
    assessment = Assessment.objects.get(operation=operation)
    return assessment.versions.get(number=assessment.version_number).content["answers"][KEY]


def _step_to_confirmed(page):
    page.locator(f'input[name="{KEY}"][value="none"]').focus()
    for _step in range(4):  # assumed, reported, corroborated, confirmed
        page.keyboard.press("ArrowDown")
    expect(page.locator(f'input[name="{KEY}"][value="confirmed"]')).to_be_checked()


def test_leaving_the_group_saves_only_the_option_stopped_on(new_context, operation, planner):
    page = signed_in_page(new_context, planner)
    page.goto(_section(operation))
    saves = _saves(page, operation)
    _step_to_confirmed(page)
    assert _versions(operation) == 1, "an option passed on the way was saved"
    page.keyboard.press("Tab")
    expect(page.locator(f'#save-status [data-saved-keys*="{KEY}"]')).to_be_attached()
    assert (_versions(operation), _answer(operation)) == (2, "confirmed")
    page.wait_for_timeout((SETTLE_S + 1) * 1000)  # nothing left waiting to go later
    assert (_versions(operation), len(saves)) == (2, 1)


def test_resting_on_an_option_saves_it_without_leaving(new_context, operation, planner):
    page = signed_in_page(new_context, planner)
    page.goto(_section(operation))
    saves = _saves(page, operation)
    _step_to_confirmed(page)
    wait_until(lambda: _versions(operation) == 2, "the option rested on was never saved")
    assert _answer(operation) == "confirmed"
    expect(page.locator(f'input[name="{KEY}"][value="confirmed"]')).to_be_focused()
    # Playwright hands the page's requests over only while the test calls it.
    assert len(saves) == 1


def test_a_click_saves_at_once(new_context, operation, planner):
    page = signed_in_page(new_context, planner)
    page.goto(_section(operation))
    page.locator(f'input[name="{KEY}"][value="reported"]').check()
    expect(page.locator(f'#save-status [data-saved-keys*="{KEY}"]')).to_be_attached(
        timeout=(SETTLE_S - 1) * 1000
    )
    assert _answer(operation) == "reported"


def test_a_choice_still_waiting_is_not_lost_when_the_page_closes(new_context, operation, planner):
    context = new_context()
    page = context.new_page()
    sign_in(page, planner)
    page.goto(_section(operation))
    _step_to_confirmed(page)
    page.close()
    wait_until(lambda: _versions(operation) >= 2, "the choice was lost with the page")
    assert _answer(operation) == "confirmed"
