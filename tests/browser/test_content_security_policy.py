"""Under the Content-Security-Policy the app and the admin load with nothing blocked: no
violation reported, no console error, in a real browser. Also the second sign-in step,
through the pages a supervisor sees."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from assessments.models import Membership
from tests.browser.helpers import assert_accessible, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _watch(page):
    """Collect CSP violations (the DOM event), console errors and failed loads of `page`.

    The browser asks for /favicon.ico on its own; there is none, and that is no error.
    """
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return problems


def _visit(context, user, urls, landmark):
    """Sign `user` in and open each of `urls`; returns the page and what went wrong."""
    page = context.new_page()
    problems = _watch(page)
    sign_in(page, user)
    for url in urls:
        page.goto(url)
        expect(page.locator(landmark)).to_be_visible()
    return page, problems


def test_the_admin_works_under_the_policy(context, admin_user, task_force):
    urls = (
        reverse("admin:index"),
        reverse("admin:assessments_taskforce_changelist"),
        reverse("admin:assessments_taskforce_change", args=[task_force.pk]),
    )
    page, problems = _visit(context, admin_user, urls, "#content")
    # The inline formset's script ran: its "add another" link exists.
    expect(page.get_by_role("link", name=re.compile("add another", re.IGNORECASE))).to_be_visible()
    assert not problems, problems


def test_the_app_works_under_the_policy(context, planner, operation):
    urls = (
        reverse("assessments:operation_list"),
        reverse("assessments:operation_detail", args=[operation.pk]),
        reverse("assessments:checklist_section", args=[operation.pk, "A"]),
        reverse("two_factor_setup"),
    )
    _page, problems = _visit(context, planner, urls, "main")
    assert not problems, problems


def test_a_supervisor_passes_the_second_step(context, supervisor):
    page = context.new_page()
    problems = _watch(page)
    sign_in(page, supervisor)
    expect(page).to_have_url(re.compile(reverse("assessments:operation_list") + "$"))
    assert not problems, problems


def test_the_two_factor_pages_are_accessible(
    new_context, supervisor, django_user_model, task_force
):
    page = new_context().new_page()
    page.goto(reverse("login"))
    page.get_by_label(re.compile("username", re.IGNORECASE)).fill(supervisor.get_username())
    page.get_by_label(re.compile("password", re.IGNORECASE)).fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second step of sign-in")
    assert_accessible(page, "the second step of sign-in")

    # A commander without an authenticator is sent to enrol one.
    newcomer = django_user_model.objects.create_user("newcomer", password=PASSWORD)
    Membership.objects.create(user=newcomer, task_force=task_force, role="commander")
    page = sign_in(new_context().new_page(), newcomer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.locator("svg.qr-code")).to_be_visible()
    assert_accessible(page, "two-factor enrolment")
