"""What waits for whom: the operations a user is to approve, was returned, has an
after-action review due, or is to sign a review off; the "Waiting for me" page lists
them, and the badge in the navigation counts them on every page.

The rules of each are one condition on operations (`_to_approve` ...), which both the
lists and the count use. Who may act is `access`'s (the roles). The count is kept
between pages until something it reads changes (`waiting_count`, `restamp`).

COUNT_SECONDS: how long a count is kept at most, should a stamp not be made anew (the
process stopped between a commit and its restamp).
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
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
    TaskForce,
)
from .models.workflow import review_due

COUNT_SECONDS = 600


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
    """How many operations wait for `user` (each counted once): one query over the
    operations of their own task forces only, built once per process (`prepared`), and
    its answer kept (`COUNT_SECONDS`) under the user, the day, their roles and the
    waiting stamps of their task forces, all read with the navigation facts every page
    reads. A stamp is made anew after every commit that can change what waits
    (`restamp`), so that a kept count is one the database still gives."""
    if not user.is_authenticated:
        return 0
    # Only what the user's roles can wait for (the navigation facts, read anyway, say
    # which): the query of all four is half of the badge's cost to build, every page.
    facts = navigation_facts(user)
    asks = (facts["approves"], facts["plans"], facts["supervises"])
    if not any(asks):
        return 0
    key = _count_key(user.pk, today, facts)
    count = cache.get(key)
    if count is None:
        ((count,),) = prepared.run(
            ("waiting", asks, today),
            lambda user_id, *task_forces: _waiting_in(user_id, asks, today, task_forces),
            [user.pk, *facts["task_forces"]],
            count=True,
        )
        cache.set(key, count, COUNT_SECONDS)
    return count


def _count_key(user_id, today, facts):
    stamps = sorted(
        f"{task_force}:{facts['roles'][task_force]}:{stamp}"
        for task_force, stamp in facts["waiting_stamps"].items()
    )
    held = "|".join([str(user_id), today.isoformat(), *stamps])
    return "waiting-count:" + hashlib.sha256(held.encode()).hexdigest()


def restamp(sender, instance, **kwargs):
    """A save or delete of what the rules above read: once it is committed, the task
    force of its operation gets a new waiting stamp (one UPDATE, in a transaction of its
    own, so that no task force row stays locked through another's write). Connected in
    `AssessmentsConfig.ready` for every model of `STAMPED`, so that no write path (a
    service, the admin, a command) can change what waits without it. Except a draft
    saved as a draft (a new version, the state untouched: every autosave), since no rule
    above reads a draft."""
    saved = kwargs.get("update_fields")
    if (
        sender is Assessment
        and saved
        and "status" not in saved
        and instance.status == Assessment.Status.DRAFT
    ):
        return
    task_force = STAMPED[sender](instance)
    transaction.on_commit(
        lambda: TaskForce.objects.filter(task_force).update(waiting_stamp=uuid.uuid4()),
        robust=True,
    )


# What waits is read from these (an assessment's state, its approvals, its operation's
# date and review; who saved its versions, each stored with a save of the assessment by
# `versions.version_add`), each with the task force it belongs to.
STAMPED = {
    Operation: lambda operation: Q(pk=operation.task_force_id),
    Assessment: lambda assessment: Q(operations=assessment.operation_id),
    Approval: lambda approval: Q(operations__assessment=approval.assessment_id),
    AfterActionReview: lambda review: Q(operations=review.operation_id),
}


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
