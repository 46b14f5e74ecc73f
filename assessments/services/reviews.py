"""After the planned date: the after-action review, and closing the operation.

Celery beat moves approved operations whose planned date has passed to after-action
review every hour; the review is saved against the approved version, and the operation
closes once nothing else is outstanding (for an urgent operation, its follow-up
approval).
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from ..access import role_of
from ..models import AfterActionReview, Approval, Assessment, AuditEvent
from ..models.workflow import review_due
from . import notifications
from .audit import audit_record
from .states import Refused
from .transitions import Status, status_move, status_refusal
from .versions import (
    approved_version,
    latest_version,
    locked_assessment,
    roles_needed,
    standing_approvals,
)

# Comments of the moves nobody typed: stored untranslated, shown translated.
DATE_PASSED = gettext_noop("The planned date has passed: the after-action review is due.")


def after_action_reviews_open(*, today=None):
    """Move every approved assessment whose planned date has passed to after-action
    review. Celery beat runs it hourly (and manage.py open_after_action_reviews by hand);
    returns how many moved."""
    today = today or datetime.date.today()
    moved = 0
    for pk in Assessment.objects.filter(review_due(today), status=Status.APPROVED).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            assessment = Assessment.objects.select_for_update().get(pk=pk)
            if assessment.status == Status.APPROVED:
                _open_review(assessment, request=None)
                moved += 1
    return moved


def _open_review(assessment, *, request, by=None):
    status_move(
        assessment,
        latest_version(assessment),
        Status.AFTER_ACTION_REVIEW,
        by=None,
        comment=DATE_PASSED,
        request=request,
    )
    notifications.notify_review_due(operation=assessment.operation, actor=by)


def after_action_review_save(*, operation, user, values, request=None, today=None):
    """Store what the operation found (`values`: AfterActionReview fields), against the
    approved version, then close the assessment when nothing else is outstanding."""
    today = today or datetime.date.today()
    with transaction.atomic():
        assessment = locked_assessment(operation)
        if role_of(user, operation.task_force_id) is None:
            raise Refused(_("Only a member of the task force records the after-action review."))
        if not Assessment.objects.filter(review_due(today), pk=assessment.pk).exists():
            raise status_refusal(
                assessment,
                _(
                    "The after-action review opens once an approved operation's planned date "
                    "has passed; this one is: %(status)s."
                ),
            )
        if assessment.status == Status.APPROVED:
            _open_review(assessment, request=request, by=user)
        review, _created = AfterActionReview.objects.update_or_create(
            operation=operation,
            defaults={
                **values,
                "approved_version": approved_version(operation=operation),
                "saved_by": user,
            },
        )
        audit_record(
            kind=AuditEvent.Kind.EDIT,
            request=request,
            user=user,
            operation=operation,
            summary="after-action review saved",
        )
        close_if_complete(assessment, user=user, request=request)
        return review


def _closing_refusal(assessment):
    if assessment.status != Status.AFTER_ACTION_REVIEW:
        return status_refusal(
            assessment,
            _("Only an assessment under after-action review is closed; this one is: %(status)s."),
        )
    if not AfterActionReview.objects.filter(operation=assessment.operation_id).exists():
        return Refused(_("Save the after-action review first."))
    standing = list(standing_approvals(assessment))
    if roles_needed(latest_version(assessment).verdict, standing) and any(
        approval.kind == Approval.Kind.URGENT for approval in standing
    ):
        return Refused(_("The urgent approval still waits for its follow-up approval."))
    return None


def close_if_complete(assessment, *, user, request):
    if _closing_refusal(assessment) is None:
        status_move(assessment, latest_version(assessment), Status.CLOSED, by=user, request=request)


@transaction.atomic
def assessment_close(*, operation, user, request=None):
    """Close an assessment whose after-action review is saved."""
    assessment = locked_assessment(operation)
    if role_of(user, operation.task_force_id) is None:
        raise Refused(_("Only a member of the task force closes an assessment."))
    refusal = _closing_refusal(assessment)
    if refusal is not None:
        raise refusal
    return status_move(
        assessment, latest_version(assessment), Status.CLOSED, by=user, request=request
    )
