"""axe-core on each main page: no serious or critical violations."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments import services
from tests.browser.helpers import assert_accessible, sign_in, signed_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_login_page_is_accessible(new_context):
    page = new_context().new_page()
    page.goto(reverse("login"))
    assert_accessible(page, "the login page")


def _diff_url(operation, planner):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={"victim_presence": "corroborated"},
    )
    return reverse("assessments:assessment_diff", args=[operation.pk]) + "?a=1&b=2"


PAGES = {
    "operations list": lambda operation, planner: reverse("assessments:operation_list"),
    "create form": lambda operation, planner: reverse("assessments:operation_create"),
    "profile form": lambda operation, planner: reverse(
        "assessments:operation_edit", args=[operation.pk]
    ),
    "operation detail": lambda operation, planner: reverse(
        "assessments:operation_detail", args=[operation.pk]
    ),
    "checklist section A": lambda operation, planner: reverse(
        "assessments:checklist_section", args=[operation.pk, "A"]
    ),
    "checklist tactical threat": lambda operation, planner: reverse(
        "assessments:checklist_section", args=[operation.pk, "T"]
    ),
    "import form": lambda operation, planner: reverse("assessments:assessment_import"),
    "history": lambda operation, planner: reverse(
        "assessments:assessment_history", args=[operation.pk]
    ),
    "diff": _diff_url,
    "export page": lambda operation, planner: reverse(
        "assessments:assessment_export", args=[operation.pk]
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_main_pages_are_accessible(new_context, operation, planner, name):
    url = PAGES[name](operation, planner)
    page = signed_in_page(new_context, planner)
    response = page.goto(url)
    assert response.status == 200, f"{name}: {url} answered {response.status}"
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page, name)


def test_the_operations_list_is_accessible_with_a_filter_and_no_results(
    new_context, operation, planner
):
    page = new_context().new_page()
    sign_in(page, planner)
    page.goto(reverse("assessments:operation_list") + "?q=NO-SUCH-CODENAME")
    assert_accessible(page, "the operations list with no results")
