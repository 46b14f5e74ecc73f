"""The queries every request asks, built once per process (assessments/prepared.py),
answer for the user they run for: never for the one they were first built for."""

import datetime

from django.contrib.auth import get_user_model

from assessments import access
from assessments.models import Membership, Notification, TaskForce
from assessments.waiting import waiting_count
from tests.two_factor import enrol
from tests.workflow_builders import submitted_operation


def _fresh(user):
    """The user as a new request loads it: nothing of an earlier request cached on it."""
    return get_user_model().objects.get(pk=user.pk)


def _notify(user, operation, count):
    for _ in range(count):
        Notification.objects.create(
            recipient=user,
            kind=Notification.Kind.SUBMITTED,
            operation=operation,
            codename=operation.codename,
            link="/",
        )


def test_the_navigation_facts_are_each_users_own(planner, supervisor, ngo_reviewer, operation):
    _notify(planner, operation, 2)
    _notify(supervisor, operation, 5)
    facts = {user.username: access.navigation_facts(_fresh(user)) for user in (planner, supervisor)}
    reviewer = access.navigation_facts(_fresh(ngo_reviewer))
    assert (facts["alice"]["unread"], facts["sita"]["unread"], reviewer["unread"]) == (2, 5, 0)
    assert (facts["alice"]["reviewer"], reviewer["reviewer"]) == (False, True)
    # sita holds an authenticator; alice holds none and needs none.
    assert (facts["sita"]["second_step"], facts["alice"]["second_step"]) == ("verify", None)
    assert reviewer["time_zone"] is None and not reviewer["member"]


def test_the_waiting_count_is_each_users_own(
    django_user_model, task_force, planner, supervisor, other_task_force, other_planner
):
    today = datetime.date.today()
    for number in range(3):
        submitted_operation(task_force, planner, codename=f"WAIT{number}")
    other_supervisor = django_user_model.objects.create_user("olga")
    Membership.objects.create(
        user=other_supervisor, task_force=other_task_force, role=Membership.Role.SUPERVISOR
    )
    enrol(other_supervisor)
    submitted_operation(other_task_force, other_planner, codename="HERON")
    assert waiting_count(_fresh(supervisor), today) == 3
    assert waiting_count(_fresh(other_supervisor), today) == 1
    # In two task forces, the count covers both, and the other supervisor's stays theirs.
    both = TaskForce.objects.create(name="Both task force")
    Membership.objects.create(user=supervisor, task_force=both, role=Membership.Role.SUPERVISOR)
    second = django_user_model.objects.create_user("bao")
    Membership.objects.create(user=second, task_force=both, role=Membership.Role.PLANNER)
    submitted_operation(both, second, codename="TWO")
    assert waiting_count(_fresh(supervisor), today) == 4
    assert waiting_count(_fresh(other_supervisor), today) == 1
