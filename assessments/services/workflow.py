"""The approval workflow: submit, approve, return, reject, review after action, close.

States (Assessment.Status): draft -> submitted -> approved, returned or rejected.
Returned is a draft that carries the approvers' comments: the planner edits it and
submits it again. Rejected is final. After the planned date an approved operation moves
to after_action_review, and it is closed once its review is saved (and, for an urgent
operation, its follow-up approval recorded).

Edits (`assessment_edited`, called by assessment_save once the state table allowed the
edit): while submitted or approved, an edit supersedes the standing approvals (they stay
on record against the version they approved), withdraws the briefs of the approved
version, and the assessment waits for approval again. In draft and returned nothing
changes. Rejected, after-action review and closed allow no edit at all (`states`).

Every transition locks the assessment row first (select_for_update), so two approvers
at once are served one after the other and the second finds the state the first left.
A decision names the version its decider saw (number and content hash): if the
assessment moved on, it is refused. Every refusal is a `Refused` carrying its reason.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from .. import scoring
from ..access import APPROVER_ROLES, EDITOR_ROLES, role_of
from ..models import (
    AfterActionReview,
    Approval,
    Assessment,
    AuditEvent,
    Brief,
    Membership,
    StatusChange,
)
from ..models.workflow import review_due
from .audit import audit_record
from .briefs import brief_request, briefs_withdraw
from .states import Refused
from .versions import (
    approved_version,
    latest_version,
    locked_assessment,
    roles_needed,
    standing_approvals,
)

Status = Assessment.Status
Role = Membership.Role

# Comments of the moves nobody typed: stored untranslated, shown translated.
EDIT_SUPERSEDED = gettext_noop(
    "An edit superseded the approval: the new version waits for approval."
)
DATE_PASSED = gettext_noop("The planned date has passed: the after-action review is due.")


def _move(assessment, version, to_status, *, by, comment="", request=None):
    change = StatusChange.objects.create(
        assessment=assessment,
        version=version,
        from_status=assessment.status,
        to_status=to_status,
        by=by,
        comment=comment,
    )
    assessment.status = to_status
    assessment.save(update_fields=["status", "updated_at"])
    audit_record(
        kind=AuditEvent.Kind.STATE_CHANGE,
        request=request,
        user=by,
        operation=assessment.operation,
        summary=f"{change.from_status} -> {to_status} (version {version.number})",
    )
    return change


def _status_refusal(assessment, message):
    return Refused(message % {"status": assessment.get_status_display()})


def _require_decider(user, operation):
    role = role_of(user, operation.task_force_id)
    if role not in APPROVER_ROLES:
        raise Refused(_("Only a supervisor or a commander of the task force decides."))
    return role


def _require_seen(current, version, content_hash):
    if version != current.number or content_hash != current.content_hash:
        raise Refused(
            gettext(
                "The assessment changed since you opened it (it is now at version %(number)d): "
                "read the new version before you decide."
            )
            % {"number": current.number}
        )


def _required_text(text, field, message):
    text = (text or "").strip()
    if not text:
        raise Refused(message, field=field)
    return text


def _supersede(assessment):
    return standing_approvals(assessment).update(superseded_at=timezone.now())


def assessment_submit(*, operation, user, request=None):
    """A planner hands a draft (or a returned assessment) over for approval."""
    with transaction.atomic():
        assessment = locked_assessment(operation)
        if role_of(user, operation.task_force_id) not in EDITOR_ROLES:
            raise Refused(_("Only a planner of the task force submits an assessment."))
        if assessment.status not in (Status.DRAFT, Status.RETURNED):
            raise _status_refusal(
                assessment,
                _(
                    "Only a draft or a returned assessment can be submitted; "
                    "this one is: %(status)s."
                ),
            )
        return _move(
            assessment, latest_version(assessment), Status.SUBMITTED, by=user, request=request
        )


def _require_approvable(*, assessment, verdict, standing, user, role):
    """Refuse an approval the rules forbid; True when it is an urgent_go's follow-up."""
    needed = roles_needed(verdict, standing)
    follow_up = verdict["decision"] == scoring.URGENT_GO and assessment.status in (
        Status.APPROVED,
        Status.AFTER_ACTION_REVIEW,
    )
    if assessment.status != Status.SUBMITTED and not (follow_up and needed):
        raise _status_refusal(
            assessment,
            _("Only a submitted assessment can be approved; this one is: %(status)s."),
        )
    if verdict["decision"] == "no_go":
        raise Refused(
            _("A no-go verdict cannot be approved: return it with comments or reject it.")
        )
    if assessment.versions.filter(created_by=user).exists():
        raise Refused(_("You edited this assessment: someone who did not edit it must approve it."))
    if any(approval.approver_id == user.pk for approval in standing):
        raise Refused(_("You have approved this version already: a second person must."))
    if role not in needed:
        raise Refused(
            _(
                "A %(role)s has approved this version already: the second approval "
                "must come from a %(needed)s."
            )
            % {
                "role": Role(role).label.lower(),
                "needed": " / ".join(str(Role(other).label).lower() for other in sorted(needed)),
            }
        )
    return follow_up


def assessment_approve(
    *, operation, user, version, content_hash, rationale, conditions=(), request=None
):
    """Approve version `version` (with `content_hash`, as the approver saw it).

    `conditions`: the approver's own, added to the verdict's. An urgent_go is approved
    in one step; its second approval (kind follow_up) is recorded afterwards. Returns
    the Approval.
    """
    with transaction.atomic():
        assessment = locked_assessment(operation)
        current = latest_version(assessment)
        role = _require_decider(user, operation)
        _require_seen(current, version, content_hash)
        verdict = current.verdict
        standing = list(standing_approvals(assessment))
        follow_up = _require_approvable(
            assessment=assessment, verdict=verdict, standing=standing, user=user, role=role
        )
        rationale = _required_text(
            rationale, "rationale", _("Write the rationale of your approval.")
        )
        listed = [*verdict["conditions"], *(c.strip() for c in conditions if c.strip())]
        if verdict["decision"] == "conditional_go" and not listed:
            raise Refused(
                _("A conditional go is approved with its conditions: list them."),
                field="conditions",
            )
        if follow_up:
            kind = Approval.Kind.FOLLOW_UP
        elif verdict["decision"] == scoring.URGENT_GO:
            kind = Approval.Kind.URGENT
        else:
            kind = Approval.Kind.REGULAR
        approval = Approval.objects.create(
            assessment=assessment,
            version=current,
            content_hash=current.content_hash,
            scoring_version=verdict.get("scoring_version", scoring.SCORING_VERSION),
            decision=verdict["decision"],
            approver=user,
            role=role,
            kind=kind,
            rationale=rationale,
            conditions=listed,
        )
        audit_record(
            kind=AuditEvent.Kind.APPROVAL,
            request=request,
            user=user,
            operation=operation,
            summary=f"{kind} approval of version {current.number} ({verdict['decision']})",
        )
        complete = (
            kind == Approval.Kind.URGENT or len(standing) + 1 >= verdict["approvals_required"]
        )
        if assessment.status == Status.SUBMITTED and complete:
            _move(assessment, current, Status.APPROVED, by=user, request=request)
            # Queued once this transaction commits.
            brief_request(operation=operation, user=user, request=request)
        elif assessment.status == Status.AFTER_ACTION_REVIEW:
            _close_if_complete(assessment, user=user, request=request)
        return approval


def _decide_against(*, operation, user, version, content_hash, text, to_status, request):
    assessment = locked_assessment(operation)
    current = latest_version(assessment)
    _require_decider(user, operation)
    _require_seen(current, version, content_hash)
    if assessment.status != Status.SUBMITTED:
        raise _status_refusal(
            assessment,
            _("Only a submitted assessment can be returned or rejected; this one is: %(status)s."),
        )
    _supersede(assessment)
    return _move(assessment, current, to_status, by=user, comment=text, request=request)


@transaction.atomic
def assessment_return(*, operation, user, version, content_hash, comments, request=None):
    """Send a submitted assessment back to its planners with `comments` (required)."""
    comments = _required_text(
        comments, "rationale", _("Write what the planners must change before it comes back.")
    )
    return _decide_against(
        operation=operation,
        user=user,
        version=version,
        content_hash=content_hash,
        text=comments,
        to_status=Status.RETURNED,
        request=request,
    )


@transaction.atomic
def assessment_reject(*, operation, user, version, content_hash, reason, request=None):
    """Reject a submitted assessment for good, for `reason` (required)."""
    reason = _required_text(reason, "rationale", _("Write why the operation is rejected."))
    return _decide_against(
        operation=operation,
        user=user,
        version=version,
        content_hash=content_hash,
        text=reason,
        to_status=Status.REJECTED,
        request=request,
    )


def assessment_edited(*, assessment, version, user):
    """Called by assessment_save, inside its transaction, after it stored `version`."""
    if assessment.status not in (Status.SUBMITTED, Status.APPROVED):
        return
    withdrawn = approved_version(operation=assessment.operation)
    superseded = _supersede(assessment)
    if withdrawn is not None:
        briefs_withdraw(version=withdrawn, reason=Brief.Withdrawal.SUPERSEDED)
    if assessment.status == Status.APPROVED:
        _move(
            assessment,
            version,
            Status.SUBMITTED,
            by=user,
            comment=EDIT_SUPERSEDED,
        )
    elif superseded:
        audit_record(
            kind=AuditEvent.Kind.STATE_CHANGE,
            request=None,
            user=user,
            operation=assessment.operation,
            summary=f"version {version.number} supersedes {superseded} approval(s)",
        )


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


def _open_review(assessment, *, request):
    _move(
        assessment,
        latest_version(assessment),
        Status.AFTER_ACTION_REVIEW,
        by=None,
        comment=DATE_PASSED,
        request=request,
    )


def after_action_review_save(*, operation, user, values, request=None, today=None):
    """Store what the operation found (`values`: AfterActionReview fields), against the
    approved version, then close the assessment when nothing else is outstanding."""
    today = today or datetime.date.today()
    with transaction.atomic():
        assessment = locked_assessment(operation)
        if role_of(user, operation.task_force_id) is None:
            raise Refused(_("Only a member of the task force records the after-action review."))
        if not Assessment.objects.filter(review_due(today), pk=assessment.pk).exists():
            raise _status_refusal(
                assessment,
                _(
                    "The after-action review opens once an approved operation's planned date "
                    "has passed; this one is: %(status)s."
                ),
            )
        if assessment.status == Status.APPROVED:
            _open_review(assessment, request=request)
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
        _close_if_complete(assessment, user=user, request=request)
        return review


def _closing_refusal(assessment):
    if assessment.status != Status.AFTER_ACTION_REVIEW:
        return _status_refusal(
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


def _close_if_complete(assessment, *, user, request):
    if _closing_refusal(assessment) is None:
        _move(assessment, latest_version(assessment), Status.CLOSED, by=user, request=request)


@transaction.atomic
def assessment_close(*, operation, user, request=None):
    """Close an assessment whose after-action review is saved."""
    assessment = locked_assessment(operation)
    if role_of(user, operation.task_force_id) is None:
        raise Refused(_("Only a member of the task force closes an assessment."))
    refusal = _closing_refusal(assessment)
    if refusal is not None:
        raise refusal
    return _move(assessment, latest_version(assessment), Status.CLOSED, by=user, request=request)
