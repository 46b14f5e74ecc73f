"""What several pages show the same way: the checklist's progress, the workflow panel
of an operation, the banner of a plan that is read-only while it is decided on, and
what the verdict panel says of a verdict computed under older rules."""

import datetime

from django.utils.translation import gettext_lazy as _

from assessments import access, checklist, scoring, services
from assessments.models import AfterActionReview, Assessment, StatusChange
from assessments.models.workflow import review_due

Status = Assessment.Status
REVISABLE = (Status.SUBMITTED, Status.APPROVED)
# What a verdict of older rules means for the plan now, by its state.
KEPT = _(
    "The plan was approved on it and stays approved; its signed briefs stand on it. To move "
    "it onto the current rules, revise the plan: it then needs approving again."
)
DECIDED = _("The plan was decided on it; the record stays as it was.")
CONSEQUENCES = {
    Status.DRAFT: _("It is scored again under the current rules at the next save."),
    Status.RETURNED: _("It is scored again under the current rules at the next save."),
    Status.SUBMITTED: _(
        "No decision is taken on old rules: the decision page scores it again first."
    ),
    Status.APPROVED: KEPT,
    Status.AFTER_ACTION_REVIEW: KEPT,
    Status.CLOSED: DECIDED,
    Status.REJECTED: DECIDED,
    Status.CANCELLED: DECIDED,
}


def progress(answers):
    """Answered/total per section and overall; optional items (informant) don't count."""
    sections = []
    for section in checklist.SECTIONS:
        counted = [item for item in section.items if not item.optional]
        answered = sum(checklist.is_answered(answers.get(item.key)) for item in counted)
        sections.append({"section": section, "answered": answered, "total": len(counted)})
    return {
        "sections": sections,
        "answered": sum(row["answered"] for row in sections),
        "total": sum(row["total"] for row in sections),
    }


def panel_context(user, operation):
    """What the operation page shows of the workflow: state, approvals, history, and
    which of its buttons `user` gets."""
    assessment = operation.assessment
    review = AfterActionReview.objects.filter(operation=operation).first()
    review_open = Assessment.objects.filter(
        review_due(datetime.date.today()), pk=assessment.pk
    ).exists()
    return {
        "approvals": assessment.approvals.select_related("approver", "version"),
        "status_changes": StatusChange.objects.filter(assessment=assessment).select_related(
            "by", "version"
        ),
        "can_submit": access.can_edit(user, operation)
        and assessment.status in (Status.DRAFT, Status.RETURNED),
        "can_decide": access.operations_to_approve(user).filter(pk=operation.pk).exists(),
        "review": review,
        "review_link": review_open or review is not None,
    }


def plan_banner(user, operation):
    """What the read-only banner of a submitted or approved plan shows, and whether
    `user` gets the buttons to revise it or to record that it did not take place."""
    assessment = operation.assessment
    if assessment.status not in REVISABLE:
        return {}
    past = services.planned_date_passed(assessment)
    return {
        "banner": True,
        "banner_approvals": list(
            assessment.approvals.filter(superseded_at__isnull=True).select_related(
                "approver", "version"
            )
        ),
        "can_revise": access.can_edit(user, operation) and not past,
        "can_record_not_carried_out": access.can_approve(user, operation)
        and services.not_carried_out_allowed(assessment),
    }


def rules_change(operation, version):
    """For the verdict panel, when `version` was scored under older rules: those rules,
    what that means for the plan now, and what the current rules say; otherwise None."""
    verdict = services.current_rules_verdict(version)
    if verdict is None:
        return None
    return {
        "scored_under": version.scoring_version,
        "current": scoring.SCORING_VERSION,
        "consequence": CONSEQUENCES[Status(operation.assessment.status)],
        "verdict": verdict,
    }
