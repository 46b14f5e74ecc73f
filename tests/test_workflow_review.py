"""After the planned date: after_action_reviews_open, the review written as a draft,
submitted, signed off or returned, and assessment_close."""

import datetime
import io

import pytest
from django.core.management import call_command

from assessments import services, tasks
from assessments.models import AfterActionReview, AuditEvent
from tests.workflow_builders import (
    PAST,
    REVIEW,
    URGENT,
    approve,
    edit,
    review_signed_off,
    status_of,
    submitted_operation,
)


@pytest.fixture
def approved_past(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, planned_date=PAST)
    approve(operation, supervisor)
    return operation


def test_it_opens_the_reviews_whose_planned_date_has_passed(task_force, planner, supervisor):
    past = submitted_operation(task_force, planner, planned_date=PAST)
    approve(past, supervisor)
    future = submitted_operation(task_force, planner, codename="WREN")
    approve(future, supervisor)
    assert services.after_action_reviews_open(today=datetime.date(2026, 6, 1)) == 1
    assert (status_of(past), status_of(future)) == ("after_action_review", "approved")
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.STATE_CHANGE).latest("pk")
    assert event.user is None and "approved -> after_action_review" in event.summary
    assert services.after_action_reviews_open(today=datetime.date(2026, 6, 1)) == 0


def test_a_review_is_a_draft_until_submitted_then_closes_when_signed_off(
    approved_past, planner, supervisor
):
    draft = services.after_action_review_save(
        operation=approved_past, user=planner, values={"persons_found": 14}
    )
    assert (draft.status, status_of(approved_past)) == ("draft", "after_action_review")
    assert draft.missing() == [
        name for name in AfterActionReview.REQUIRED if name != "persons_found"
    ]
    with pytest.raises(services.Refused, match="Answer these before you submit"):
        services.after_action_review_submit(operation=approved_past, user=planner)

    review = services.after_action_review_save(operation=approved_past, user=planner, values=REVIEW)
    assert review.approved_version == services.current_version(operation=approved_past)
    assert review.services_accepted == {"medical": 9, "housing": 6}
    assert review.saved_by == planner
    services.after_action_review_submit(operation=approved_past, user=planner)
    assert status_of(approved_past) == "after_action_review"  # not before the sign-off
    with pytest.raises(services.Refused, match="can no longer be changed"):
        services.after_action_review_save(operation=approved_past, user=planner, values=REVIEW)

    signed = services.after_action_review_sign_off(operation=approved_past, user=supervisor)
    assert (signed.status, signed.signed_off_by) == ("signed_off", supervisor)
    assert status_of(approved_past) == "closed"
    assert AuditEvent.objects.filter(summary="after-action review signed off").exists()


def test_a_supervisor_returns_a_review_with_comments(approved_past, planner, supervisor):
    services.after_action_review_save(operation=approved_past, user=planner, values=REVIEW)
    services.after_action_review_submit(operation=approved_past, user=planner)
    with pytest.raises(services.Refused, match="Write what the planners must add"):
        services.after_action_review_return(operation=approved_past, user=supervisor, comments=" ")
    review = services.after_action_review_return(
        operation=approved_past, user=supervisor, comments="Count the minors again."
    )
    assert (review.status, review.return_comments) == ("returned", "Count the minors again.")
    # The planners correct it and submit it again.
    services.after_action_review_save(
        operation=approved_past, user=planner, values={**REVIEW, "minors_identified": 2}
    )
    services.after_action_review_submit(operation=approved_past, user=planner)
    services.after_action_review_sign_off(operation=approved_past, user=supervisor)
    assert status_of(approved_past) == "closed"


def test_only_planners_write_and_only_supervisors_sign_off(
    approved_past, planner, supervisor, commander
):
    with pytest.raises(services.Refused, match="Only a planner"):
        services.after_action_review_save(operation=approved_past, user=supervisor, values=REVIEW)
    services.after_action_review_save(operation=approved_past, user=planner, values=REVIEW)
    with pytest.raises(services.Refused, match="Only a planner"):
        services.after_action_review_submit(operation=approved_past, user=supervisor)
    with pytest.raises(services.Refused, match="Only a submitted review"):
        services.after_action_review_sign_off(operation=approved_past, user=supervisor)
    services.after_action_review_submit(operation=approved_past, user=planner)
    for user in (planner, commander):
        with pytest.raises(services.Refused, match="Only a supervisor"):
            services.after_action_review_sign_off(operation=approved_past, user=user)


def test_the_review_stays_against_the_approved_version(approved_past, planner):
    services.after_action_reviews_open(today=datetime.date(2026, 6, 1))
    # The pre-raid record is frozen once under review: no edit, no superseding.
    with pytest.raises(services.Refused, match="frozen"):
        edit(approved_past, planner, leak_mitigations="Written after the fact.")
    assert status_of(approved_past) == "after_action_review"
    review = services.after_action_review_save(operation=approved_past, user=planner, values=REVIEW)
    assert review.approved_version.number == 1


def test_no_review_before_the_planned_date_or_approval(task_force, planner, supervisor):
    submitted = submitted_operation(task_force, planner, planned_date=PAST)
    with pytest.raises(services.Refused, match="after-action review opens"):
        services.after_action_review_save(operation=submitted, user=planner, values=REVIEW)
    future = submitted_operation(task_force, planner, codename="WREN")
    approve(future, supervisor)
    with pytest.raises(services.Refused, match="after-action review opens"):
        services.after_action_review_save(operation=future, user=planner, values=REVIEW)
    assert not AfterActionReview.objects.exists()


def test_only_members_of_the_task_force_review(approved_past, other_planner):
    with pytest.raises(services.Refused, match="Only a planner of the task force"):
        services.after_action_review_save(
            operation=approved_past, user=other_planner, values=REVIEW
        )


def test_an_urgent_operation_closes_only_after_its_follow_up(
    task_force, planner, supervisor, commander
):
    operation = submitted_operation(task_force, planner, planned_date=PAST, **URGENT)
    approve(operation, commander, rationale="Imminent risk to life.")
    review_signed_off(operation, planner, supervisor)
    assert status_of(operation) == "after_action_review"
    with pytest.raises(services.Refused, match="follow-up"):
        services.assessment_close(operation=operation, user=planner)
    approve(operation, supervisor, rationale="Confirmed afterwards.")
    assert status_of(operation) == "closed"


def test_close_needs_the_review(approved_past, planner):
    services.after_action_reviews_open(today=datetime.date(2026, 6, 1))
    with pytest.raises(services.Refused, match="must be signed off first"):
        services.assessment_close(operation=approved_past, user=planner)
    with pytest.raises(services.Refused, match="Only an assessment under after-action review"):
        services.assessment_close(
            operation=submitted_operation(approved_past.task_force, planner, codename="WREN"),
            user=planner,
        )


def test_the_beat_task_opens_the_reviews(approved_past, settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "assessments.tasks.after_action_reviews_open" in schedule
    assert tasks.after_action_reviews_open.apply().get() == 1
    assert status_of(approved_past) == "after_action_review"


def test_the_command_opens_the_reviews(approved_past):
    out = io.StringIO()
    call_command("open_after_action_reviews", stdout=out)
    assert out.getvalue().strip() == "After-action reviews opened: 1."
    assert status_of(approved_past) == "after_action_review"


def test_closing_is_in_the_audit_trail(approved_past, planner, supervisor):
    review_signed_off(approved_past, planner, supervisor)
    summaries = list(
        AuditEvent.objects.filter(kind=AuditEvent.Kind.STATE_CHANGE, operation=approved_past)
        .order_by("pk")
        .values_list("summary", flat=True)
    )
    # The planned date opened the review (nobody did); the planner's save opened it here,
    # and the supervisor's sign-off closed it.
    assert summaries[-3:] == [
        "approved -> after_action_review (version 1)",
        "after-action review submitted for sign-off",
        "after_action_review -> closed (version 1)",
    ]
    closing = AuditEvent.objects.filter(kind=AuditEvent.Kind.STATE_CHANGE).latest("pk")
    assert closing.user == supervisor
