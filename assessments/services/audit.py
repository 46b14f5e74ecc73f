"""Writing the audit trail. Every workflow records what it did through `audit_record`."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import AuditEvent


def client_address(request):
    """The address the request came from: as the web server saw it, or, behind a proxy
    (settings.TRUST_X_FORWARDED_FOR), as the proxy saw it: the last entry of
    X-Forwarded-For, the one the proxy appended. Earlier entries come from the client.
    """
    if request is None:
        return None
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    kind,
    request=None,
    user=None,
    username="",
    operation=None,
    task_force=None,
    outcome=AuditEvent.Outcome.SUCCESS,
    summary="",
    subject=None,
):
    """Add one event. `user` defaults to the request's signed-in user."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    if operation is not None and task_force is None:
        task_force = operation.task_force_id
    return AuditEvent.objects.create(
        kind=kind,
        outcome=outcome,
        user=user,
        username=username or (user.get_username() if user is not None else ""),
        operation=operation,
        task_force_id=getattr(task_force, "pk", task_force),
        address=client_address(request),
        summary=summary[:500],
        subject=subject,
    )


def audit_operation_view(*, request, operation, page):
    """A page that shows an operation's content was opened; `page` says which.

    One event per page view: an htmx request (a poll, a part refreshed) belongs to a page
    already recorded, so it records nothing and returns None.
    """
    if getattr(request, "htmx", False):
        return None
    return audit_record(
        kind=AuditEvent.Kind.OPERATION_VIEW, request=request, operation=operation, summary=page
    )


@transaction.atomic
def audit_prune(*, retention_days, dry_run=False):
    """Delete the events older than `retention_days` (only those) and record that it was
    done; with `dry_run`, only count them. Returns (count, cutoff)."""
    cutoff = timezone.now() - datetime.timedelta(days=retention_days)
    expired = AuditEvent.objects.filter(created_at__lt=cutoff)
    if dry_run:
        return expired.count(), cutoff
    count, _by_model = expired.delete()
    audit_record(
        kind=AuditEvent.Kind.AUDIT_PRUNE,
        summary=f"{count} event(s) older than {retention_days} days "
        f"(before {cutoff:%Y-%m-%d %H:%M} UTC) deleted",
    )
    return count, cutoff
