"""One lockout for every guess at who someone is: the password at sign-in, the code of
its second step, and the password and code of a re-authentication.

django-axes counts the failures (settings.AXES_*): five with one username lock it for
15 minutes, whether or not the account exists. `LockoutHandler` adds a second, higher
limit per client address (settings.SIGN_IN_FAILURES_PER_ADDRESS), so that guessing
across many usernames from one address is stopped too. The second step and the
re-authentications count their failures here, so django-otp's own slowing down after
a wrong code is off (settings.OTP_*_THROTTLE_FACTOR): a right code typed just after a
wrong one is accepted, and the fifth wrong one locks the username and ends the session.

Failures are forgotten only when a sign-in is complete (`sign_in_complete`): after the
second step for a user who has one, never at the password alone. A re-authentication
of a session already signed in is not refused because others failed with its username
(that would let anyone lock an approver out of a decision they are making); its own
failures count toward the username's lockout, and its fifth ends the session.

django-axes keeps the form it was sent with a failure; a re-authentication's form holds
a decision's rationale or comments, which are restricted, so axes is handed none of it.
"""

from contextlib import contextmanager

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import QueryDict
from django.utils import timezone


class LockedOut(PermissionDenied):
    """The username or address is locked and the session has ended. Raised out of the
    view: django-axes' middleware turns the answer into the lockout page (429)."""


class LockoutHandler(AxesDatabaseHandler):
    """django-axes' database handler, which also refuses an address past its limit."""

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or (
            address_failures(request.axes_ip_address) >= settings.SIGN_IN_FAILURES_PER_ADDRESS
        )


def address_failures(address):
    """Failed attempts from `address` within the cool-off period, all usernames together.

    A complete sign-in forgets its username's failures (`sign_in_complete`), so the typos
    of people who then got in do not count against their colleagues.
    """
    if not address:
        return 0
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def _credentials(user):
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def _end_session(request):
    logout(request)
    raise LockedOut


@contextmanager
def _form_withheld(request):
    """The request as axes sees it: without its form (masked password or not, a decision's
    rationale or a review's comments must not be stored in clear beside the attempt)."""
    posted = request.POST
    request.POST = QueryDict()
    try:
        yield request
    finally:
        request.POST = posted


def _count_failure(request, user):
    with _form_withheld(request):
        AxesProxyHandler.user_login_failed(
            sender=LockoutHandler, credentials=_credentials(user), request=request
        )


def lockout_check(*, request, user):
    """Raise LockedOut, ending the session, when `user`'s username or the request's
    address is locked: nothing is checked for a locked user (the second step of a
    sign-in)."""
    if AxesProxyHandler.is_allowed(request, _credentials(user)):
        return
    request.axes_locked_out = True
    # Sends user_locked_out (recorded in the audit trail) and counts nothing more.
    _count_failure(request, user)
    _end_session(request)


def lockout_failure(*, request, user):
    """Count a failed second step of `user`; when it is the one that locks, end the
    session and raise LockedOut."""
    _count_failure(request, user)
    if getattr(request, "axes_locked_out", False):
        _end_session(request)


REAUTHENTICATION_FAILURES = "reauthentication_failures"


def reauthentication_failure(*, request, user):
    """Count a failed re-authentication toward `user`'s lockout; the session's fifth (or
    the one that locks the username) ends the session."""
    _count_failure(request, user)
    failures = request.session.get(REAUTHENTICATION_FAILURES, 0) + 1
    request.session[REAUTHENTICATION_FAILURES] = failures
    if failures >= settings.AXES_FAILURE_LIMIT or getattr(request, "axes_locked_out", False):
        _end_session(request)


def reauthentication_success(*, request, user):
    request.session.pop(REAUTHENTICATION_FAILURES, None)
    lockout_success(user=user)


def lockout_success(*, user):
    """Forget `user`'s failures, as a complete sign-in does."""
    AxesProxyHandler.reset_attempts(username=user.get_username())
