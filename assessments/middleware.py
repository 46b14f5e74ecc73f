"""Refused attempts on an operation or a brief go to the audit trail; every page speaks
the viewer's time zone.

`access.operation_for` raises `OperationHidden` (404) or `EditRefused` (403), and
`access.brief_for` raises `BriefHidden` (404); here, with the request at hand, the
attempt of a signed-in user is recorded, against the operation it aimed at, so that its
task force's supervisors see who walks their ids. The response is left to Django, so it
stays exactly what it would have been. A hidden operation or brief is looked up whether
it exists or not (one query either way), so that both cases cost the same and the
timing tells nothing either.
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone

from . import access
from .models import AuditEvent, Brief, Notification, Operation
from .services.audit import audit_record


class TimeZoneMiddleware:
    """Every time a page shows is in the viewer's task-force time zone (the deployment's
    TIME_ZONE for anyone in none); the pages name the zone beside each time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        if request.user.is_authenticated:
            name = access.navigation_facts(request.user)["time_zone"]
        try:
            timezone.activate(zoneinfo.ZoneInfo(name or settings.TIME_ZONE))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class RefusedAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.user.is_authenticated:
            return None
        if isinstance(exception, access.OperationHidden):
            kind = AuditEvent.Kind.OPERATION_VIEW
            operation = (
                Operation.objects.filter(pk=_number(exception.pk)).only("task_force").first()
            )
            summary = f"operation id {exception.pk!s:.20} asked for: not visible (404)"
        elif isinstance(exception, access.BriefHidden):
            kind = AuditEvent.Kind.BRIEF_DOWNLOAD
            operation = (
                Operation.objects.filter(
                    pk__in=Brief.objects.filter(pk=_number(exception.pk)).values(
                        "version__assessment__operation"
                    )
                )
                .only("task_force")
                .first()
            )
            summary = f"brief id {exception.pk!s:.20} asked for: not visible (404)"
        elif isinstance(exception, access.NotificationHidden):
            kind = AuditEvent.Kind.OPERATION_VIEW
            operation = (
                Operation.objects.filter(
                    pk__in=Notification.objects.filter(pk=_number(exception.pk)).values("operation")
                )
                .only("task_force")
                .first()
            )
            summary = f"notification id {exception.pk!s:.20} asked for: not theirs (404)"
        elif isinstance(exception, access.EditRefused):
            kind = AuditEvent.Kind.EDIT
            operation = exception.operation
            summary = f"{request.method} on an operation the user may only read (403)"
        else:
            return None
        audit_record(
            kind=kind,
            request=request,
            operation=operation,
            outcome=AuditEvent.Outcome.DENIED,
            summary=summary,
        )
        return None


def _number(pk):
    try:
        return int(pk)
    except (TypeError, ValueError):
        return None
