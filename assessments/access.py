"""Who may see and do what. Every queryset a view uses comes from here.

Need to know: a user sees the operations of the task forces they are a member of, and
nothing else; anything outside that answers 404, as if it did not exist. NGO reviewers
and admins hold no membership, so they see no assessment.

The audit trail is read by admins (`is_staff`), who see every event, and by supervisors,
who see the events recorded against the task forces they supervise (`AuditEvent.
task_force`: what was done to and with those task forces' operations, refused attempts
on them included, changes to their memberships, and every verification of one of their
briefs, whoever made it, a copy changed since it was signed included), and, by a
deliberate widening of what they read, the failed sign-ins and lockouts of the accounts
of their task forces' members (`SIGN_IN_FAILURES`, matched by the username tried): a
supervisor who learns that someone is guessing a member's password can act on it. That
is all: not their members' sign-ins, nor what those members did in other task forces,
nor anything of another task force, which is not theirs to know. Planners, commanders
and NGO reviewers get 404, as for any page that is not theirs.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from . import prepared
from .models import (
    AuditEvent,
    Brief,
    Membership,
    Notification,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
)

EDITOR_ROLES = (Membership.Role.PLANNER,)
# Who approves, returns and rejects (services.workflow holds the rest of the rules).
APPROVER_ROLES = (Membership.Role.SUPERVISOR, Membership.Role.COMMANDER)
AUDIT_ROLES = (Membership.Role.SUPERVISOR,)
# Events about an account rather than a task force, which its supervisors read too.
SIGN_IN_FAILURES = (AuditEvent.Kind.SIGN_IN_FAILED, AuditEvent.Kind.LOCKOUT)
# Who must sign in with a second factor, and may do nothing before enrolling one: admins,
# and those who approve raids (services.two_factor holds the rest of the rules).
SECOND_FACTOR_ROLES = (Membership.Role.SUPERVISOR, Membership.Role.COMMANDER)


class OperationHidden(Http404):
    """404 for an operation the user may not see, the same answer as for an id that does
    not exist. `middleware.RefusedAccessMiddleware` records the attempt."""

    def __init__(self, pk):
        super().__init__()
        self.pk = pk


class BriefHidden(Http404):
    """404 for a brief the user may not download, the same answer as for an id that does
    not exist; recorded by `middleware.RefusedAccessMiddleware` like OperationHidden."""

    def __init__(self, pk):
        super().__init__()
        self.pk = pk


class EditRefused(PermissionDenied):
    """403 for an operation the user may see but not change; recorded the same way."""

    def __init__(self, operation):
        super().__init__()
        self.operation = operation


def operations_for(user):
    """The operations `user` may see, with what the lists show joined in: those of the
    task forces they are a member of, as this request read them (`navigation_facts`), a
    list the database plans with rather than a join."""
    if not user.is_authenticated:
        return Operation.objects.none()
    return Operation.objects.filter(
        task_force__in=navigation_facts(user)["task_forces"]
    ).select_related("task_force", "assessment")


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


def _role_on(user, operation):
    """The role of `user` in the task force of `operation`, as this request read their
    memberships (`navigation_facts`): a page asks several times, and no query."""
    return navigation_facts(user)["roles"].get(operation.task_force_id)


def can_edit(user, operation):
    return _role_on(user, operation) in EDITOR_ROLES


def operation_for(user, pk, *, edit=False):
    """The operation `pk` if `user` may see it (404 otherwise); for `edit`, 403 unless a
    planner of its task force."""
    try:
        operation = operations_for(user).get(pk=pk)
    except (Operation.DoesNotExist, ValueError):
        raise OperationHidden(pk) from None
    if edit and not can_edit(user, operation):
        raise EditRefused(operation)
    return operation


def may_plan(user):
    """Whether `user` plans in some task force: may create and import operations."""
    return user.is_authenticated and navigation_facts(user)["plans"]


def may_read_audit(user):
    return user.is_authenticated and (user.is_staff or navigation_facts(user)["audits"])


def audit_events_for(user):
    """The audit events `user` may read (see the module docstring); 404 for anyone else."""
    if not may_read_audit(user):
        raise Http404
    if user.is_staff:
        return AuditEvent.objects.all()
    supervised = task_forces_for(user, AUDIT_ROLES)
    members = Membership.objects.filter(task_force__in=supervised).values("user__username")
    return AuditEvent.objects.filter(
        Q(task_force__in=supervised) | Q(kind__in=SIGN_IN_FAILURES, username__in=members)
    )


def can_approve(user, operation):
    return _role_on(user, operation) in APPROVER_ROLES


def operation_to_decide(user, pk):
    """The operation `pk` for its decision page: 404 unless visible, 403 unless `user`
    is a supervisor or commander of its task force."""
    operation = operation_for(user, pk)
    if not can_approve(user, operation):
        raise EditRefused(operation)
    return operation


def is_partner_reviewer(user):
    return user.is_authenticated and navigation_facts(user)["reviewer"]


def is_partner_only(user):
    """A reviewer of a partner organisation who belongs to no task force: their home is
    the list of briefs shared with them, and the navigation offers nothing else."""
    return is_partner_reviewer(user) and not navigation_facts(user)["member"]


def must_use_second_factor(user, roles):
    """Whether `user`, holding `roles` in their task forces, must use a second factor:
    admins, and SECOND_FACTOR_ROLES."""
    return user.is_staff or user.is_superuser or not set(SECOND_FACTOR_ROLES).isdisjoint(roles)


def second_factor_held():
    """The condition on users of who holds a second factor: a confirmed authenticator
    app or passkey."""
    devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    passkeys = WebAuthnCredential.objects.filter(user=OuterRef("pk"), confirmed=True)
    return Exists(devices) | Exists(passkeys)


def second_step(*, held, required):
    """What a user signed in with a password only must do next: "verify" (holds a
    second factor), "setup" (must get one) or None (may go on)."""
    if held:
        return "verify"
    return "setup" if required else None


def _user_facts(user_id):
    """Whether the user reviews for a partner, their unread notifications, whether they
    hold a second factor; and a role, time zone, task force and waiting stamp per task
    force they belong to: a row per membership (one, without them, if they have none),
    their task forces by name."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .order_by("memberships__task_force__name")
        .values_list(
            Exists(PartnerReviewer.objects.filter(user=OuterRef("pk"))),
            Coalesce(Subquery(unread), 0),
            second_factor_held(),
            "memberships__role",
            "memberships__task_force__time_zone",
            "memberships__task_force",
            "memberships__task_force__waiting_stamp",
        )
    )


def navigation_facts(user):
    """What every request needs to know of `user`, asked once per request in one query
    (built once per process: `prepared`): their task forces and roles, the time zone of
    their (first) task force, whether they review for a partner, how many of their
    notifications are unread, the waiting stamps of their task forces (`waiting`), and
    their second step of sign-in (for the two-factor middleware, which would otherwise
    ask on every request of a user with no second factor)."""
    if not hasattr(user, "_navigation_facts"):
        rows = prepared.run("user facts", _user_facts, [user.pk])
        reviewer, unread, held = rows[0][:3]
        memberships = [row[3:] for row in rows if row[3] is not None]
        roles = {role for role, _zone, _task_force, _stamp in memberships}
        user._navigation_facts = {
            "reviewer": bool(reviewer),
            "unread": unread,
            "member": bool(memberships),
            "task_forces": [task_force for _role, _zone, task_force, _stamp in memberships],
            "roles": {task_force: role for role, _zone, task_force, _stamp in memberships},
            "waiting_stamps": {
                task_force: stamp for _role, _zone, task_force, stamp in memberships
            },
            "plans": not roles.isdisjoint(EDITOR_ROLES),
            "approves": not roles.isdisjoint(APPROVER_ROLES),
            "supervises": Membership.Role.SUPERVISOR in roles,
            "audits": not roles.isdisjoint(AUDIT_ROLES),
            "time_zone": memberships[0][1] if memberships else None,
            "second_step": second_step(
                held=bool(held), required=must_use_second_factor(user, roles)
            ),
        }
    return user._navigation_facts


def briefs_shared_with(user):
    """The NGO briefs shared with `user`'s partner organisations, once signed (those
    withdrawn since included, marked as such): the only briefs, and the only thing of an
    operation, that an NGO reviewer sees."""
    if not user.is_authenticated:
        return Brief.objects.none()
    return Brief.objects.filter(
        variant=Brief.Variant.NGO,
        status__in=(Brief.Status.READY, Brief.Status.WITHDRAWN),
        shared_with__in=PartnerOrganisation.objects.filter(reviewers__user=user),
    ).exclude(sha256="")


def briefs_for(user):
    """The briefs `user` may see: those of their task forces' operations, and the NGO
    briefs shared with their organisation."""
    if not user.is_authenticated:
        return Brief.objects.none()
    task_force_briefs = Brief.objects.filter(
        version__assessment__operation__task_force__in=task_forces_for(user)
    )
    return (task_force_briefs | briefs_shared_with(user)).select_related(
        "version__assessment__operation"
    )


def brief_for(user, pk):
    """The brief `pk` if `user` may see it; 404 (BriefHidden) otherwise."""
    try:
        return briefs_for(user).get(pk=pk)
    except (Brief.DoesNotExist, ValueError):
        raise BriefHidden(pk) from None


class NotificationHidden(Http404):
    """404 for someone else's notification; recorded like OperationHidden."""

    def __init__(self, pk):
        super().__init__()
        self.pk = pk


def notifications_for(user):
    """A user's own notifications: nobody reads another's."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_for(user, pk):
    try:
        return notifications_for(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError):
        raise NotificationHidden(pk) from None
