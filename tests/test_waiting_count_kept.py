"""The badge's count is kept between pages, and counted again after every commit that
can change what waits: each change below, through the services, the admin's way (a
plain save) or a deletion, shows on the next page; a change rolled back does not."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from assessments import services
from assessments.models import Approval, TaskForce
from assessments.waiting import waiting_count
from tests.test_workflow_waiting import count_queries
from tests.workflow_builders import (
    PAST,
    REVIEW,
    TWO_APPROVALS,
    approve,
    edit,
    planned_operation,
    seen,
    submitted_operation,
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block writes as committed: its on-commit work (the restamp) done."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_count_is_kept_until_something_changes(task_force, planner, supervisor, committed):
    with committed():
        submitted_operation(task_force, planner, codename="ONE")
    assert count_queries(supervisor) == (1, 1)
    assert count_queries(supervisor) == (1, 0)  # the next page: kept, no query
    with committed():
        submitted_operation(task_force, planner, codename="TWO")
    assert count_queries(supervisor) == (2, 1)


def test_every_step_of_the_workflow_shows_on_the_next_page(
    task_force, planner, supervisor, commander, committed
):
    with committed():
        operation = submitted_operation(task_force, planner, **TWO_APPROVALS)
    assert count_queries(supervisor)[0] == count_queries(commander)[0] == 1
    with committed():
        approve(operation, supervisor)  # 1 of 2: now the commander's alone
    assert (count_queries(supervisor)[0], count_queries(commander)[0]) == (0, 1)
    with committed():
        services.assessment_return(
            operation=operation, user=commander, comments="More.", **seen(operation)
        )
    assert (count_queries(commander)[0], count_queries(planner)[0]) == (0, 1)
    with committed():
        edit(operation, planner, leak_mitigations="Phones collected at the briefing.")
        services.assessment_submit(operation=operation, user=planner)
    assert (count_queries(planner)[0], count_queries(supervisor)[0]) == (0, 1)


def test_a_review_due_submitted_and_signed_off(task_force, planner, supervisor, committed):
    with committed():
        operation = submitted_operation(task_force, planner, planned_date=PAST)
        approve(operation, supervisor)
    assert count_queries(planner)[0] == 1  # its after-action review is due
    with committed():
        services.after_action_review_save(operation=operation, user=planner, values=REVIEW)
        services.after_action_review_submit(operation=operation, user=planner)
    assert (count_queries(planner)[0], count_queries(supervisor)[0]) == (0, 1)
    with committed():
        services.after_action_review_sign_off(operation=operation, user=supervisor)
    assert count_queries(supervisor)[0] == 0


def test_writes_outside_the_services_and_deletions_count_too(
    task_force, planner, supervisor, committed
):
    with committed():
        operation = submitted_operation(task_force, planner)
    assert count_queries(supervisor)[0] == 1
    version = services.current_version(operation=operation)
    with committed():  # as the admin site saves: the model, no service
        approval = Approval.objects.create(
            assessment=operation.assessment,
            version=version,
            content_hash=version.content_hash,
            approver=supervisor,
            role="supervisor",
            rationale="Recorded by hand.",
            scoring_version=version.verdict["scoring_version"],
            decision=version.verdict["decision"],
        )
    assert count_queries(supervisor)[0] == 0
    with committed():
        approval.delete()
    assert count_queries(supervisor)[0] == 1


def test_a_change_rolled_back_keeps_the_stamp(task_force, planner, committed):
    with committed():
        operation = planned_operation(task_force, planner)
    stamp = TaskForce.objects.get(pk=task_force.pk).waiting_stamp
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.assessment_submit(operation=operation, user=planner)
            raise RuntimeError("the request failed after the submit")
    assert TaskForce.objects.get(pk=task_force.pk).waiting_stamp == stamp


def test_another_task_force_changes_nothing_here(
    task_force, planner, supervisor, other_task_force, other_planner, committed
):
    with committed():
        submitted_operation(task_force, planner)
    stamp = TaskForce.objects.get(pk=task_force.pk).waiting_stamp
    with committed():
        submitted_operation(other_task_force, other_planner, codename="HERON")
    assert TaskForce.objects.get(pk=task_force.pk).waiting_stamp == stamp
    assert count_queries(supervisor) == (1, 1)  # first count of this user: one query
    assert count_queries(supervisor) == (1, 0)


def test_a_new_day_counts_again(task_force, planner, supervisor, committed):
    today = datetime.date.today()
    with committed():
        operation = submitted_operation(
            task_force, planner, planned_date=today + datetime.timedelta(days=1)
        )
        approve(operation, supervisor)
    user = get_user_model().objects.get(pk=planner.pk)
    assert waiting_count(user, today) == 0
    # Two days on, nothing saved since: the planned day has passed, its review is due.
    assert waiting_count(user, today + datetime.timedelta(days=2)) == 1


def test_a_draft_saved_as_a_draft_keeps_the_stamp_a_returned_plan_does_not(
    task_force, planner, second_planner, supervisor, committed
):
    with committed():
        draft = planned_operation(task_force, planner, codename="DRAFTY")
    stamp = TaskForce.objects.get(pk=task_force.pk).waiting_stamp
    with committed():  # every autosave of a draft: nothing that waits changes
        edit(draft, planner, leak_mitigations="Phones collected at the briefing.")
    assert TaskForce.objects.get(pk=task_force.pk).waiting_stamp == stamp
    with committed():
        returned = submitted_operation(task_force, planner)
        services.assessment_return(
            operation=returned, user=supervisor, comments="More.", **seen(returned)
        )
    assert count_queries(second_planner)[0] == 0
    with committed():  # now it is theirs too: they worked on it
        edit(returned, second_planner, leak_mitigations="Phones collected at the briefing.")
    assert count_queries(second_planner)[0] == 1
