"""Re-authentication right before a decision (approve, return, reject).

The one place that checks who stands at the keyboard: a session left open on a
supervisor's desk must not approve a raid. Every attempt, right or wrong, goes to the
audit trail. A user with an authenticator app must give a code from it as well (or a
recovery code, which is then used up).
"""

from .models import AuditEvent
from .services.audit import audit_record
from .services.two_factor import token_check, totp_device_of


def reauthentication_check(
    *, request, password, token="", operation=None, summary="re-authentication before a decision"
):
    """True when `password` is the signed-in user's and, for a user with an authenticator,
    `token` is a valid code of theirs; records the attempt either way."""
    user = request.user
    confirmed = bool(password) and user.is_authenticated and user.check_password(password)
    if confirmed and totp_device_of(user) is not None:
        confirmed = token_check(user=user, token=token or "") is not None
    audit_record(
        kind=AuditEvent.Kind.REAUTHENTICATION,
        request=request,
        operation=operation,
        outcome=AuditEvent.Outcome.SUCCESS if confirmed else AuditEvent.Outcome.FAILURE,
        summary=summary,
    )
    return confirmed
