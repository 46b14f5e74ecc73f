"""The approval workflow: submit, then approve, return or reject.

States (Assessment.Status): draft -> submitted -> approved, returned or rejected.
Returned is a draft that carries the approvers' comments: the planner edits it and
submits it again. Rejected is final. A submitted or approved plan is changed only by
revising it (`revisions`); after the planned date, `reviews` takes over.

A decision names the version its decider saw (number and content hash): if the
assessment moved on, it is refused. Every refusal is a `Refused` carrying its reason.

No decision on old rules: a verdict computed under an older scoring version is not
approved; the plan is scored again first (`rescoring`, at submission or on the decision
page). An approval given before that stays on record, but counts only for the version it
approved: the rescored version gathers its own, and an approver who approved the earlier
one replaces their approval by approving the new one. The one exception is the follow-up
of an urgent approval, which confirms a decision already taken and acted upon: it binds
to the approved version, whatever rules it was scored on.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import checklist, display, scoring
from ..access import EDITOR_ROLES, role_of
from ..models import Approval, AuditEvent, StatusChange
from . import notifications
from .audit import audit_record
from .briefs import brief_request
from .rescoring import rescore_if_rules_changed, rules_changed
from .reviews import close_if_complete
from .states import Refused
from .transitions import (
    Role,
    Status,
    approvals_supersede,
    require_decider,
    required_text,
    status_move,
    status_refusal,
)
from .versions import latest_version, locked_assessment, roles_needed, standing_approvals


def _require_seen(current, version, content_hash):
    if version != current.number or content_hash != current.content_hash:
        raise Refused(
            gettext(
                "The assessment changed since you opened it (it is now at version %(number)d): "
                "read the new version before you decide."
            )
            % {"number": current.number}
        )


# What an approver needs of the profile before they can weigh a plan at all.
SUBMIT_REQUIRED = ("planned_date", "site_type", "exploitation_type")


def submission_refusal(assessment):
    """Why `assessment` cannot be submitted now (a Refused), or None: the page says it
    before the planner confirms, the service refuses it after."""
    if assessment.status not in (Status.DRAFT, Status.RETURNED):
        return status_refusal(
            assessment,
            _("Only a draft or a returned assessment can be submitted; this one is: %(status)s."),
        )
    current = latest_version(assessment)
    profile = current.profile()
    missing = [key for key in SUBMIT_REQUIRED if not checklist.is_answered(profile.get(key))]
    if missing:
        return Refused(
            _("Fill these in on the profile before you submit: %(fields)s.")
            % {"fields": ", ".join(display.question(key) for key in missing)}
        )
    if assessment.status == Status.RETURNED:
        returned = (
            StatusChange.objects.filter(assessment=assessment, to_status=Status.RETURNED)
            .select_related("version")
            .latest("created_at", "pk")
        )
        if current.number <= returned.version.number:
            return Refused(
                _(
                    "Nothing changed since it was returned: change the plan as the comments "
                    "ask before you submit it again."
                )
            )
    return None


def assessment_submit(*, operation, user, request=None):
    """A planner hands a draft (or a returned assessment, once changed) over for
    approval."""
    with transaction.atomic():
        assessment = locked_assessment(operation)
        if role_of(user, operation.task_force_id) not in EDITOR_ROLES:
            raise Refused(_("Only a planner of the task force submits an assessment."))
        refusal = submission_refusal(assessment)
        if refusal is not None:
            raise refusal
        current = rescore_if_rules_changed(
            assessment, user=user, request=request, where="submission"
        )
        change = status_move(assessment, current, Status.SUBMITTED, by=user, request=request)
        notifications.notify_submitted(operation=operation, actor=user)
        return change


def _require_approvable(*, assessment, current, standing, user, role):
    """Refuse an approval of `current` the rules forbid (`standing`: the approvals that
    count for it); True when it is an urgent_go's follow-up."""
    verdict = current.verdict
    needed = roles_needed(verdict, standing)
    follow_up = verdict["decision"] == scoring.URGENT_GO and assessment.status in (
        Status.APPROVED,
        Status.AFTER_ACTION_REVIEW,
    )
    if assessment.status != Status.SUBMITTED and not (follow_up and needed):
        raise status_refusal(
            assessment,
            _("Only a submitted assessment can be approved; this one is: %(status)s."),
        )
    if rules_changed(current) and not follow_up:
        raise Refused(
            _(
                "This verdict was computed under the version %(old)s rules, which have "
                "changed: open the decision page again, which scores it under the current "
                "rules first, and decide on that verdict."
            )
            % {"old": current.scoring_version}
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
        role = require_decider(user, operation)
        _require_seen(current, version, content_hash)
        verdict = current.verdict
        standing = list(standing_approvals(assessment))
        # Approvals of an earlier version stand only after a rescoring: they count for
        # the version they approved, not for this one.
        earlier = [approval for approval in standing if approval.version_id != current.pk]
        standing = [approval for approval in standing if approval.version_id == current.pk]
        follow_up = _require_approvable(
            assessment=assessment, current=current, standing=standing, user=user, role=role
        )
        rationale = required_text(
            rationale, "rationale", _("Write the rationale of your approval.")
        )
        listed = [*verdict["conditions"], *(c.strip() for c in conditions if c.strip())]
        if verdict["decision"] == "conditional_go" and not listed:
            raise Refused(
                _("A conditional go is approved with its conditions: list them."),
                field="conditions",
            )
        mine = [approval.pk for approval in earlier if approval.approver_id == user.pk]
        Approval.objects.filter(pk__in=mine).update(superseded_at=timezone.now())
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
            status_move(assessment, current, Status.APPROVED, by=user, request=request)
            # Queued once this transaction commits.
            brief_request(operation=operation, user=user, request=request)
            notifications.notify_decided(
                operation=operation,
                actor=user,
                kind=notifications.Kind.APPROVED,
                approvers=[approval.approver for approval in standing],
            )
        elif assessment.status == Status.AFTER_ACTION_REVIEW:
            close_if_complete(assessment, user=user, request=request)
        needed = roles_needed(verdict, [*standing, approval])
        if needed and kind != Approval.Kind.FOLLOW_UP:
            # One of two given (or an urgent approval, whose follow-up is due): the
            # other role is told that its approval is next.
            notifications.notify_first_of_two(operation=operation, actor=user, roles=needed)
        return approval


def _decide_against(*, operation, user, version, content_hash, text, to_status, request):
    assessment = locked_assessment(operation)
    current = latest_version(assessment)
    require_decider(user, operation)
    _require_seen(current, version, content_hash)
    if assessment.status != Status.SUBMITTED:
        raise status_refusal(
            assessment,
            _("Only a submitted assessment can be returned or rejected; this one is: %(status)s."),
        )
    approvals_supersede(assessment)
    change = status_move(assessment, current, to_status, by=user, comment=text, request=request)
    kind = (
        notifications.Kind.RETURNED if to_status == Status.RETURNED else notifications.Kind.REJECTED
    )
    notifications.notify_decided(operation=operation, actor=user, kind=kind)
    return change


@transaction.atomic
def assessment_return(*, operation, user, version, content_hash, comments, request=None):
    """Send a submitted assessment back to its planners with `comments` (required)."""
    comments = required_text(
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
    reason = required_text(reason, "rationale", _("Write why the operation is rejected."))
    return _decide_against(
        operation=operation,
        user=user,
        version=version,
        content_hash=content_hash,
        text=reason,
        to_status=Status.REJECTED,
        request=request,
    )
