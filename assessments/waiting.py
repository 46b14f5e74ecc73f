"""What waits for whom: the operations a user is to approve, was returned, has an
after-action review due, or is to sign a review off; the "Waiting for me" page lists
them, and the badge in the navigation counts them on every page.

The rules of each are one condition on operations (`_to_approve` ...), which both the
lists and the count use. Who may act is `access`'s (the roles).
"""

from django.db.models import Exists, F, OuterRef, Q, Subquery

from . import prepared
from .access import APPROVER_ROLES, navigation_facts
from .models import (
    AfterActionReview,
    Approval,
    Assessment,
    AssessmentVersion,
    Membership,
    Operation,
    StatusChange,
)
from .models.workflow import review_due


def _task_forces_as(user, role):
    return Membership.objects.filter(user=user, role=role).values("task_force")


def _edited_by(user):
    """True for an operation whose assessment has a version saved by `user`."""
    return Exists(
        AssessmentVersion.objects.filter(assessment=OuterRef("assessment"), created_by=user)
    )


def _waiting(queryset):
    """`queryset` as the waiting lists show it: soonest planned first, with who submitted
    it and when (the latest submission), for the waiting time."""
    submissions = StatusChange.objects.filter(
        assessment=OuterRef("assessment"), to_status=Assessment.Status.SUBMITTED
    ).order_by("-created_at", "-pk")
    return (
        queryset.select_related("task_force", "assessment")
        .annotate(
            submitted_at=Subquery(submissions.values("created_at")[:1]),
            submitted_by=Subquery(submissions.values("by__username")[:1]),
        )
        .order_by(F("planned_date").asc(nulls_last=True), "pk")
    )


def _to_approve(user):
    """Submitted assessments (and urgent ones awaiting their follow-up) that `user` may
    approve: in a task force where they approve, a role no standing approval of the
    latest version fills yet, and no version of it saved by them. (An approval of an
    earlier version stands only once a rule change rescored the plan: it counts no more.)"""
    standing = Approval.objects.filter(
        assessment=OuterRef("assessment"),
        superseded_at__isnull=True,
        version__number=OuterRef("assessment__version_number"),
    )
    follow_up_due = (
        Q(
            assessment__status__in=(
                Assessment.Status.APPROVED,
                Assessment.Status.AFTER_ACTION_REVIEW,
            )
        )
        & Exists(standing.filter(kind=Approval.Kind.URGENT))
        & ~Exists(standing.filter(kind=Approval.Kind.FOLLOW_UP))
    )
    as_approver = Q(pk__in=[])
    for role in APPROVER_ROLES:
        as_approver |= Q(task_force__in=_task_forces_as(user, role)) & ~Exists(
            standing.filter(role=role)
        )
    return (
        (Q(assessment__status=Assessment.Status.SUBMITTED) | follow_up_due)
        & as_approver
        & ~_edited_by(user)
    )


def _returned_to(user):
    """Returned assessments of `user`'s task forces that `user` worked on as a planner."""
    return (
        Q(assessment__status=Assessment.Status.RETURNED)
        & Q(task_force__in=_task_forces_as(user, Membership.Role.PLANNER))
        & _edited_by(user)
    )


def _due_for_review(user, today):
    """Operations of `user`'s task forces (as a planner) whose after-action review is due
    and still theirs to write (none yet, a draft, or returned)."""
    handed_over = AfterActionReview.objects.filter(
        operation=OuterRef("pk"),
        status__in=(AfterActionReview.Status.SUBMITTED, AfterActionReview.Status.SIGNED_OFF),
    )
    return (
        Q(task_force__in=_task_forces_as(user, Membership.Role.PLANNER))
        & review_due(today, of_operations=True)
        & ~Exists(handed_over)
    )


def _awaiting_sign_off(user):
    """Operations of `user`'s task forces (as a supervisor) whose after-action review
    was submitted and waits for their sign-off."""
    return Q(task_force__in=_task_forces_as(user, Membership.Role.SUPERVISOR)) & Q(
        after_action_review__status=AfterActionReview.Status.SUBMITTED
    )


def _waiting_for(user, condition, *args):
    if not user.is_authenticated:
        return Operation.objects.none()
    return _waiting(Operation.objects.filter(condition(user, *args)))


def operations_to_approve(user):
    """What waits for `user`'s approval (`_to_approve`), soonest planned first."""
    return _waiting_for(user, _to_approve)


def operations_returned_to(user):
    return _waiting_for(user, _returned_to)


def operations_due_for_review(user, today):
    return _waiting_for(user, _due_for_review, today)


def operations_awaiting_sign_off(user):
    return _waiting_for(user, _awaiting_sign_off)


def waiting_count(user, today):
    """How many operations wait for `user` (each counted once), in one query over the
    operations of their own task forces only (besides the navigation facts every page
    reads), built once per process (`prepared`): the cost of a badge on every page
    follows what the user may see, not the size of the database."""
    if not user.is_authenticated:
        return 0
    # Only what the user's roles can wait for (the navigation facts, read anyway, say
    # which): the query of all four is half of the badge's cost to build, every page.
    facts = navigation_facts(user)
    asks = (facts["approves"], facts["plans"], facts["supervises"])
    if not any(asks):
        return 0
    ((count,),) = prepared.run(
        ("waiting", asks, today),
        lambda user_id, *task_forces: _waiting_in(user_id, asks, today, task_forces),
        [user.pk, *facts["task_forces"]],
        count=True,
    )
    return count


def _waiting_in(user_id, asks, today, task_forces):
    """The operations of `task_forces` that wait for the user `user_id`, asking only
    what their roles (`asks`: approves, plans, supervises) can wait for. The task
    forces as a list, not a subquery: the database then knows how many operations are
    theirs, and plans the count accordingly."""
    approves, plans, supervises = asks
    conditions = [
        *([_to_approve(user_id)] if approves else []),
        *([_returned_to(user_id), _due_for_review(user_id, today)] if plans else []),
        *([_awaiting_sign_off(user_id)] if supervises else []),
    ]
    waits = conditions[0]
    for condition in conditions[1:]:
        waits |= condition
    return Operation.objects.filter(waits, task_force__in=task_forces).order_by().values("pk")
