"""After the planned date: the after-action review, and closing the operation.

Celery beat moves approved operations whose planned date has passed to after-action
review every hour. The planners write the review against the approved version as a
draft, read it back and complete it, then submit it; a supervisor signs it off
(re-authenticated by the page) or returns it with comments. The operation closes once
the review is signed off and nothing else is outstanding (for an urgent operation, its
follow-up approval).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from ..access import EDITOR_ROLES, role_of
from ..models import AfterActionReview, Approval, Assessment, AuditEvent
from ..models.workflow import review_due
from . import notifications
from .audit import audit_record
from .states import Refused
from .transitions import Role, Status, required_text, status_move, status_refusal
from .versions import (
    approved_version,
    latest_version,
    locked_assessment,
    roles_needed,
    standing_approvals,
)

EDITABLE = (AfterActionReview.Status.DRAFT, AfterActionReview.Status.RETURNED)
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


def _require_planner(user, operation):
    if role_of(user, operation.task_force_id) not in EDITOR_ROLES:
        raise Refused(_("Only a planner of the task force writes the after-action review."))


def _require_supervisor(user, operation):
    if role_of(user, operation.task_force_id) != Role.SUPERVISOR:
        raise Refused(_("Only a supervisor of the task force signs off an after-action review."))


def _review(operation, statuses, message):
    """The review of `operation`, locked, if it is in one of `statuses`; else Refused."""
    review = AfterActionReview.objects.select_for_update().filter(operation=operation).first()
    if review is None or review.status not in statuses:
        status = review.get_status_display() if review else _("not written yet")
        raise Refused(message % {"status": status})
    return review


def after_action_review_save(*, operation, user, values, request=None, today=None):
    """Store what the operation found (`values`: AfterActionReview fields, any of them
    empty), against the approved version, as a draft the planners read back and complete
    before they submit it. Nothing closes until a supervisor signs it off."""
    today = today or datetime.date.today()
    with transaction.atomic():
        assessment = locked_assessment(operation)
        _require_planner(user, operation)
        if not Assessment.objects.filter(review_due(today), pk=assessment.pk).exists():
            raise status_refusal(
                assessment,
                _(
                    "The after-action review opens once an approved operation's planned date "
                    "has passed; this one is: %(status)s."
                ),
            )
        review = AfterActionReview.objects.select_for_update().filter(operation=operation).first()
        if review is not None and review.status not in EDITABLE:
            raise Refused(
                _("The review is “%(status)s”: it can no longer be changed.")
                % {"status": review.get_status_display()}
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
            summary=f"after-action review saved ({review.status})",
        )
        return review


def after_action_review_submit(*, operation, user, request=None):
    """The planners hand the review over for a supervisor's sign-off, once every count is
    answered."""
    with transaction.atomic():
        locked_assessment(operation)
        _require_planner(user, operation)
        review = _review(
            operation,
            EDITABLE,
            _("Only a draft or returned review is submitted; this one is: %(status)s."),
        )
        missing = review.missing()
        if missing:
            names = ", ".join(
                str(AfterActionReview._meta.get_field(name).verbose_name) for name in missing
            )
            raise Refused(
                _("Answer these before you submit the review: %(names)s.") % {"names": names}
            )
        review.status = AfterActionReview.Status.SUBMITTED
        review.submitted_by, review.submitted_at = user, timezone.now()
        review.save(update_fields=["status", "submitted_by", "submitted_at"])
        audit_record(
            kind=AuditEvent.Kind.STATE_CHANGE,
            request=request,
            user=user,
            operation=operation,
            summary="after-action review submitted for sign-off",
        )
        notifications.notify_review_submitted(operation=operation, actor=user)
        return review


def after_action_review_sign_off(*, operation, user, request=None):
    """A supervisor (re-authenticated by the page) signs the review off: the operation
    closes when nothing else is outstanding."""
    with transaction.atomic():
        assessment = locked_assessment(operation)
        _require_supervisor(user, operation)
        review = _review(
            operation,
            (AfterActionReview.Status.SUBMITTED,),
            _("Only a submitted review is signed off; this one is: %(status)s."),
        )
        review.status = AfterActionReview.Status.SIGNED_OFF
        review.signed_off_by, review.signed_off_at = user, timezone.now()
        review.save(update_fields=["status", "signed_off_by", "signed_off_at"])
        audit_record(
            kind=AuditEvent.Kind.APPROVAL,
            request=request,
            user=user,
            operation=operation,
            summary="after-action review signed off",
        )
        close_if_complete(assessment, user=user, request=request)
        return review


def after_action_review_return(*, operation, user, comments, request=None):
    """A supervisor sends the review back to the planners with `comments` (required)."""
    comments = required_text(
        comments, "comments", _("Write what the planners must add or correct.")
    )
    with transaction.atomic():
        locked_assessment(operation)
        _require_supervisor(user, operation)
        review = _review(
            operation,
            (AfterActionReview.Status.SUBMITTED,),
            _("Only a submitted review is returned; this one is: %(status)s."),
        )
        review.status, review.return_comments = AfterActionReview.Status.RETURNED, comments
        review.save(update_fields=["status", "return_comments"])
        audit_record(
            kind=AuditEvent.Kind.STATE_CHANGE,
            request=request,
            user=user,
            operation=operation,
            summary="after-action review returned with comments",
        )
        notifications.notify_review_returned(operation=operation, actor=user)
        return review


def _closing_refusal(assessment):
    if assessment.status != Status.AFTER_ACTION_REVIEW:
        return status_refusal(
            assessment,
            _("Only an assessment under after-action review is closed; this one is: %(status)s."),
        )
    if not AfterActionReview.objects.filter(
        operation=assessment.operation_id, status=AfterActionReview.Status.SIGNED_OFF
    ).exists():
        return Refused(_("The after-action review must be signed off first."))
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
    """Close an assessment whose after-action review is signed off."""
    assessment = locked_assessment(operation)
    if role_of(user, operation.task_force_id) is None:
        raise Refused(_("Only a member of the task force closes an assessment."))
    refusal = _closing_refusal(assessment)
    if refusal is not None:
        raise refusal
    return status_move(
        assessment, latest_version(assessment), Status.CLOSED, by=user, request=request
    )
