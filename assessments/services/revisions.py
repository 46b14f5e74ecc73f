"""Changing a plan after it left the planner's hands: revise it, or say it was not
carried out.

Revising is deliberate, never a side effect of an autosave: the planner sees first what
it will withdraw (`revision_consequences`: whose approvals, which briefs, which partner
is told), confirms, and the submitted or approved plan goes back to draft, its approvals
superseded (kept on record) and its briefs withdrawn. Once the planned date of an
approved plan has passed, the plan is frozen; if the operation did not take place, a
supervisor or commander records it, and either cancels it (its briefs withdrawn) or
sends it back to draft for a new date, which is a revision approved again like any.
"""

from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from ..access import EDITOR_ROLES, role_of
from ..models import Brief
from . import notifications
from .briefs import briefs_withdraw
from .states import Refused, planned_date_passed
from .transitions import (
    Status,
    approvals_supersede,
    require_decider,
    required_text,
    status_move,
    status_refusal,
)
from .versions import approved_version, latest_version, locked_assessment, standing_approvals

# Comments of the moves nobody typed: stored untranslated, shown translated.
REVISED = gettext_noop(
    "The planner revised the plan: its approvals and briefs were withdrawn, and it needs "
    "approving again."
)
REVISABLE = (Status.SUBMITTED, Status.APPROVED)


class NotCarriedOut(models.TextChoices):
    CANCEL = "cancel", _("Cancel the operation: it will not take place")
    NEW_DATE = "new_date", _("Send it back to draft for a new date, to be approved again")


@dataclass
class Consequences:
    """What a revision withdraws, for the confirmation page and for those told."""

    approvals: list
    briefs: list
    organisation: object  # the PartnerOrganisation whose brief is withdrawn, or None


def revision_consequences(*, operation):
    """What revising `operation` now would withdraw."""
    version = approved_version(operation=operation)
    briefs = list(version.briefs.exclude(status=Brief.Status.WITHDRAWN)) if version else []
    ngo = [brief for brief in briefs if brief.variant == Brief.Variant.NGO]
    return Consequences(
        approvals=list(
            standing_approvals(operation.assessment).select_related("approver", "version")
        ),
        briefs=briefs,
        organisation=ngo[0].shared_with if ngo else None,
    )


def _approvers(assessment):
    return [
        approval.approver for approval in standing_approvals(assessment).select_related("approver")
    ]


def _withdraw_all(assessment, reason):
    """Supersede the standing approvals and withdraw the approved version's briefs."""
    version = approved_version(operation=assessment.operation)
    approvals_supersede(assessment)
    return briefs_withdraw(version=version, reason=reason) if version else []


def assessment_revise(*, operation, user, request=None):
    """Take a submitted or approved plan back to draft, on purpose (the planner confirmed
    what it withdraws). Returns the briefs withdrawn."""
    with transaction.atomic():
        assessment = locked_assessment(operation)
        if role_of(user, operation.task_force_id) not in EDITOR_ROLES:
            raise Refused(_("Only a planner of the task force revises a plan."))
        if assessment.status not in REVISABLE:
            raise status_refusal(
                assessment,
                _("Only a submitted or approved plan is revised; this one is: %(status)s."),
            )
        if assessment.status == Status.APPROVED and planned_date_passed(assessment):
            raise Refused(
                _(
                    "The planned date has passed: the approved plan is frozen. If the "
                    "operation did not take place, a supervisor records that on its page."
                )
            )
        approvers = _approvers(assessment)
        withdrawn = _withdraw_all(assessment, Brief.Withdrawal.SUPERSEDED)
        status_move(
            assessment,
            latest_version(assessment),
            Status.DRAFT,
            by=user,
            comment=REVISED,
            request=request,
        )
        notifications.notify_withdrawn(
            operation=operation,
            actor=user,
            kind=notifications.Kind.REVISED,
            approvers=approvers,
            briefs=withdrawn,
        )
        return withdrawn


def not_carried_out_allowed(assessment):
    """True while a supervisor may record that the approved operation did not happen:
    approved and past its date, or under review with no review saved."""
    if assessment.status == Status.APPROVED:
        return planned_date_passed(assessment)
    return assessment.status == Status.AFTER_ACTION_REVIEW and not hasattr(
        assessment.operation, "after_action_review"
    )


def assessment_not_carried_out(*, operation, user, outcome, reason, request=None):
    """Record that an approved operation did not take place, for `reason`: cancel it
    (`NotCarriedOut.CANCEL`) or send it back to draft for a new date. Returns the briefs
    withdrawn."""
    with transaction.atomic():
        assessment = locked_assessment(operation)
        require_decider(user, operation)
        reason = required_text(reason, "reason", _("Write why the operation did not take place."))
        if outcome not in NotCarriedOut.values:
            raise Refused(_("Choose whether to cancel it or to plan a new date."), field="outcome")
        if not not_carried_out_allowed(assessment):
            raise status_refusal(
                assessment,
                _(
                    "Only an approved operation whose planned date has passed, and whose "
                    "after-action review is not written, is recorded as not carried out; "
                    "this one is: %(status)s."
                ),
            )
        approvers = _approvers(assessment)
        if outcome == NotCarriedOut.CANCEL:
            # The approvals stand, as the record of what was approved and called off.
            version = approved_version(operation=operation)
            withdrawn = (
                briefs_withdraw(version=version, reason=Brief.Withdrawal.CANCELLED)
                if version
                else []
            )
            to_status, kind = Status.CANCELLED, notifications.Kind.CANCELLED
        else:
            withdrawn = _withdraw_all(assessment, Brief.Withdrawal.SUPERSEDED)
            to_status, kind = Status.DRAFT, notifications.Kind.REVISED
        status_move(
            assessment,
            latest_version(assessment),
            to_status,
            by=user,
            comment=reason,
            request=request,
        )
        notifications.notify_withdrawn(
            operation=operation, actor=user, kind=kind, approvers=approvers, briefs=withdrawn
        )
        return withdrawn
