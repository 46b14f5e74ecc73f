"""What every transition of the workflow does the same way: move the assessment to a
new state (with its history entry and audit event), refuse in words, check who decides.

The transitions themselves: `workflow` (submit and the decisions), `revisions` (revise,
cancel or re-date) and `reviews` (after the planned date). Every one locks the
assessment row first (versions.locked_assessment), so that two at once are served one
after the other and the second finds the state the first left.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access import APPROVER_ROLES, role_of
from ..models import Assessment, AuditEvent, Membership, StatusChange
from .audit import audit_record
from .states import Refused
from .versions import standing_approvals

Status = Assessment.Status
Role = Membership.Role


def status_move(assessment, version, to_status, *, by, comment="", request=None):
    """Move `assessment` (locked) to `to_status`, on record in its history and the audit
    trail; `comment` is a return's comments, a reason, or why it moved by itself."""
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


def status_refusal(assessment, message):
    return Refused(message % {"status": assessment.get_status_display()})


def require_decider(user, operation):
    """The role of `user` in the operation's task force: a supervisor or commander."""
    role = role_of(user, operation.task_force_id)
    if role not in APPROVER_ROLES:
        raise Refused(_("Only a supervisor or a commander of the task force decides."))
    return role


def required_text(text, field, message):
    """`text` stripped; Refused (about form field `field`) when nothing is left."""
    text = (text or "").strip()
    if not text:
        raise Refused(message, field=field)
    return text


def approvals_supersede(assessment):
    """Mark the standing approvals superseded (they stay on record); how many."""
    return standing_approvals(assessment).update(superseded_at=timezone.now())
