"""Red team: a plan cannot be given a planned date that has already passed.

The create form and an import refuse a day that has passed, but an edit of the profile
took one: a plan a supervisor sent back to draft "for a new date" could be given a day
already behind it, submitted and approved, and so go straight to its after-action review
with signed briefs for a raid that was never approved in time.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import checklist, services
from tests.workflow_builders import PAST, planned_operation

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def _version(operation):
    operation.assessment.refresh_from_db()
    return operation.assessment.version_number


def test_the_service_refuses_a_planned_date_changed_to_a_day_that_has_passed(task_force, planner):
    operation = planned_operation(task_force, planner)
    with pytest.raises(checklist.InvalidAssessment) as invalid:
        services.assessment_save(
            operation=operation,
            user=planner,
            base_version=1,
            profile={"planned_date": YESTERDAY.isoformat()},
        )
    [problem] = invalid.value.problems
    assert problem.key == "operation.planned_date"
    assert "This day has passed" in problem.render()
    assert _version(operation) == 1


def test_a_stored_date_that_has_passed_stays_while_other_fields_change(task_force, planner):
    operation = planned_operation(task_force, planner, planned_date=PAST)
    version = services.assessment_save(
        operation=operation, user=planner, base_version=1, profile={"site_type": "farm"}
    )
    assert version.number == 2
    assert version.content["operation"]["planned_date"] == PAST.isoformat()


def test_the_profile_page_names_the_field_and_keeps_what_was_typed(client, planner, operation):
    client.force_login(planner)
    profile = operation.profile()
    data = {key: value for key, value in profile.items() if value is not None}
    data["expected_languages"] = ", ".join(profile["expected_languages"] or [])
    data.update(
        base_version=1,
        planned_date=YESTERDAY.isoformat(),
        target_address="New address typed by Alice",
    )
    response = client.post(reverse("assessments:operation_edit", args=[operation.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["planned_date"] == [
        "This day has passed: plan the operation for a day to come."
    ]
    assert "New address typed by Alice" in response.content.decode()
    assert _version(operation) == 1
