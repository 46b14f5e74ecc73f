"""/waiting/ and the count in the navigation: what waits for me."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import access, services
from assessments import waiting as waiting_lists
from assessments.context_processors import waiting
from tests.workflow_builders import (
    PAST,
    TWO_APPROVALS,
    approve,
    edit,
    planned_operation,
    seen,
    submitted_operation,
)

URL = reverse("assessments:waiting")


def _codenames(queryset):
    return [operation.codename for operation in queryset]


def test_approvers_see_what_waits_for_their_approval(
    task_force, planner, supervisor, commander, other_operation
):
    submitted_operation(task_force, planner, codename="OSPREY")
    planned_operation(task_force, planner, codename="DRAFTY")
    two = submitted_operation(task_force, planner, codename="WREN", **TWO_APPROVALS)
    approve(two, supervisor)
    assert _codenames(waiting_lists.operations_to_approve(supervisor)) == ["OSPREY"]
    assert _codenames(waiting_lists.operations_to_approve(commander)) == ["OSPREY", "WREN"]
    assert _codenames(waiting_lists.operations_to_approve(planner)) == []


def test_approvers_do_not_see_what_they_edited(task_force, planner, supervisor):
    operation = planned_operation(task_force, planner)
    edit(operation, supervisor, leak_mitigations="Written by the supervisor.")
    services.assessment_submit(operation=operation, user=planner)
    assert _codenames(waiting_lists.operations_to_approve(supervisor)) == []


def test_planners_see_what_was_returned_to_them(task_force, planner, second_planner, supervisor):
    operation = submitted_operation(task_force, planner)
    services.assessment_return(
        operation=operation, user=supervisor, comments="More.", **seen(operation)
    )
    assert _codenames(waiting_lists.operations_returned_to(planner)) == ["OSPREY"]
    assert _codenames(waiting_lists.operations_returned_to(second_planner)) == []


def test_the_page_lists_the_three_kinds(client, task_force, planner, supervisor):
    due = submitted_operation(task_force, planner, codename="PASTDUE", planned_date=PAST)
    approve(due, supervisor)
    returned = submitted_operation(task_force, planner, codename="BACK")
    services.assessment_return(
        operation=returned, user=supervisor, comments="More.", **seen(returned)
    )
    client.force_login(planner)
    html = client.get(URL).content.decode()
    assert "Returned to me" in html and "BACK" in html
    assert "Due for an after-action review" in html and "PASTDUE" in html
    assert reverse("assessments:after_action_review", args=[due.pk]) in html
    assert "Nothing waits for your approval." in html
    assert "data-waiting-count>2<" in html


def count_queries(user):
    """The badge's count on a new page of `user`, and the queries it took."""
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(pk=user.pk)  # as each request loads it
    # Read by every request before the page renders (the time zone, the links).
    access.navigation_facts(request.user)
    context = waiting(request)
    with CaptureQueriesContext(connection) as queries:
        count = context["waiting_count"]()
    return count, len(queries)


def test_the_count_in_the_navigation_takes_one_query_however_many_wait(
    task_force, planner, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_operation(task_force, planner, codename="ONE")
    few = count_queries(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(6):
            submitted_operation(task_force, planner, codename=f"MORE{number}")
    many = count_queries(supervisor)
    assert (few[0], many[0]) == (1, 7)
    assert few[1] == many[1] == 1


def test_signed_out_and_ngo_users_have_nothing_waiting(client, task_force, planner, ngo_reviewer):
    submitted_operation(task_force, planner)
    request = RequestFactory().get("/")
    request.user = ngo_reviewer
    assert waiting(request)["waiting_count"]() == 0
    client.force_login(ngo_reviewer)
    html = client.get(URL).content.decode()
    assert "OSPREY" not in html and "data-waiting-count" not in html
