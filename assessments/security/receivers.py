"""Signal receivers of sign-in hardening; connected in `AssessmentsConfig.ready`."""

import time

from ..models import AuditEvent
from ..services.audit import audit_record
from ..services.two_factor import has_second_factor
from .lockout import lockout_success
from .middleware import ACTIVE_AT, SIGNED_IN_AT
from .sessions import user_sessions_end


def session_start(sender, request, user, **kwargs):
    """Note when the session signed in, for its 12-hour limit."""
    request.session[SIGNED_IN_AT] = request.session[ACTIVE_AT] = time.time()


def sign_in_complete(sender, request, user, **kwargs):
    """A user with no second factor is signed in at the password: their failures are
    forgotten now; the others' only once their second step succeeds."""
    if not has_second_factor(user):
        lockout_success(user=user)


def record_lockout(sender, request, username, ip_address, **kwargs):
    # Sent for the attempt that locks, and for every attempt while locked.
    audit_record(
        kind=AuditEvent.Kind.LOCKOUT,
        request=request,
        username=str(username or "")[:150],
        outcome=AuditEvent.Outcome.DENIED,
        summary="sign-in refused: too many failed attempts, username locked for a while",
    )


def note_password_change(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._sessions_to_end = stored is not None and stored != instance.password


def end_sessions_of_changed_user(sender, instance, created, **kwargs):
    """A disabled account, or one whose password changed, keeps no session.

    The user's own session survives a change of their own password: Django's
    update_session_auth_hash gives it a new key right after this.
    """
    if not created and (not instance.is_active or getattr(instance, "_sessions_to_end", False)):
        instance._sessions_to_end = False
        user_sessions_end(user=instance)


def end_sessions_of_deleted_user(sender, instance, **kwargs):
    user_sessions_end(user=instance)
