"""Sign-in, failed sign-in and sign-out go to the audit trail from Django's own signals,
so that every way in (the sign-in page, the admin's, a re-authentication) is covered.

Connected in `AssessmentsConfig.ready`.
"""

from django.contrib.auth import get_user_model

from .models import AuditEvent
from .services.audit import audit_record


def record_sign_in(sender, request, user, **kwargs):
    audit_record(kind=AuditEvent.Kind.SIGN_IN, request=request, user=user)


def record_sign_in_failure(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the name is kept.
    attempted = credentials.get(get_user_model().USERNAME_FIELD) or ""
    audit_record(
        kind=AuditEvent.Kind.SIGN_IN_FAILED,
        request=request,
        username=str(attempted)[:150],
        outcome=AuditEvent.Outcome.FAILURE,
    )


def record_sign_out(sender, request, user, **kwargs):
    # `user` is None when someone who was not signed in posts to the sign-out page.
    if user is not None:
        audit_record(kind=AuditEvent.Kind.SIGN_OUT, request=request, user=user)
