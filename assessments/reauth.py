"""Re-authentication right before a decision (approve, return, reject) or a change of
the second factor.

The one place that checks who stands at the keyboard: a session left open on a
supervisor's desk must not approve a raid. Every attempt, right or wrong, goes to the
audit trail. A user with an authenticator app must give a code from it as well (or a
recovery code, which is then used up). A failure counts toward the same lockout as a
failed sign-in (security/lockout.py): a stolen session cannot guess the password, and
its fifth failure ends it; others' failed sign-ins with the username do not refuse a
session already signed in. The answer is the same whichever of password and code was
wrong.
"""

from .models import AuditEvent
from .security.lockout import reauthentication_failure, reauthentication_success
from .services.audit import audit_record
from .services.two_factor import has_second_factor, second_factor_check


def reauthentication_check(
    *,
    request,
    password,
    token="",
    passkey="",
    operation=None,
    summary="re-authentication before a decision",
):
    """True when `password` is the signed-in user's and, for a user with a second factor,
    `passkey` (a browser's answer) or else `token` (a code) proves it; records the attempt
    either way."""
    user = request.user
    if not user.is_authenticated:
        return False
    confirmed = bool(password) and user.check_password(password)
    if confirmed and has_second_factor(user):
        device = second_factor_check(request=request, token=token, passkey=passkey)
        confirmed = device is not None
    audit_record(
        kind=AuditEvent.Kind.REAUTHENTICATION,
        request=request,
        operation=operation,
        outcome=AuditEvent.Outcome.SUCCESS if confirmed else AuditEvent.Outcome.FAILURE,
        summary=summary,
    )
    if confirmed:
        reauthentication_success(request=request, user=user)
    else:
        reauthentication_failure(request=request, user=user)
    return confirmed
