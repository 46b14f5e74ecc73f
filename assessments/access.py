"""Who may see and do what. Every queryset a view uses comes from here.

Need to know: a user sees the operations of the task forces they are a member of, and
nothing else; anything outside that answers 404, as if it did not exist. NGO reviewers
and admins hold no membership, so they see no assessment.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership, Operation, TaskForce

EDITOR_ROLES = (Membership.Role.PLANNER,)


def operations_for(user):
    """The operations `user` may see, with what the lists show joined in."""
    if not user.is_authenticated:
        return Operation.objects.none()
    return Operation.objects.filter(task_force__memberships__user=user).select_related(
        "task_force", "assessment"
    )


def task_forces_for(user, roles=None):
    """The task forces `user` belongs to, optionally only those where they hold `roles`."""
    if not user.is_authenticated:
        return TaskForce.objects.none()
    # One filter() call, so that user and role are checked on the same membership row.
    lookup = {"memberships__user": user}
    if roles is not None:
        lookup["memberships__role__in"] = roles
    return TaskForce.objects.filter(**lookup)


def task_forces_to_plan_in(user):
    """The task forces where `user` may create operations; 403 when there is none."""
    task_forces = list(task_forces_for(user, EDITOR_ROLES))
    if not task_forces:
        raise PermissionDenied
    return task_forces


def role_of(user, task_force):
    membership = Membership.objects.filter(user=user, task_force=task_force).first()
    return membership.role if membership else None


def can_edit(user, operation):
    return role_of(user, operation.task_force_id) in EDITOR_ROLES


def operation_for(user, pk, *, edit=False):
    """The operation `pk` if `user` may see it (404 otherwise); for `edit`, 403 unless a
    planner of its task force."""
    try:
        operation = operations_for(user).get(pk=pk)
    except (Operation.DoesNotExist, ValueError):
        raise Http404 from None
    if edit and not can_edit(user, operation):
        raise PermissionDenied
    return operation
