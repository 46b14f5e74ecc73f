"""What several pages show the same way: the checklist's progress, the workflow panel
of an operation, the banner of a plan that is read-only while it is decided on, and
what the verdict panel says of a verdict computed under older rules."""

import datetime

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments import access, checklist, display, scoring, services
from assessments.models import AfterActionReview, Assessment, Membership, StatusChange
from assessments.models.workflow import review_due
from assessments.waiting import operations_to_approve

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
        "approval_step": approval_step(operation),
        "approvals": assessment.approvals.select_related("approver", "version"),
        "status_changes": StatusChange.objects.filter(assessment=assessment).select_related(
            "by", "version"
        ),
        "can_submit": access.can_edit(user, operation)
        and assessment.status in (Status.DRAFT, Status.RETURNED),
        "can_decide": operations_to_approve(user).filter(pk=operation.pk).exists(),
        "review": review,
        "review_link": review_open or review is not None,
    }


def _roles(roles):
    return " / ".join(str(Membership.Role(role).label).lower() for role in sorted(roles))


def approval_step(operation):
    """Who acts next while approvals are still to come, in words; None otherwise."""
    status = operation.assessment.status
    if status not in (Assessment.Status.SUBMITTED, Assessment.Status.APPROVED):
        return None
    given, required, needed = services.approvals_needed(operation=operation)
    if not needed:
        return None
    if status == Assessment.Status.SUBMITTED and not given:
        if required >= 2:
            return gettext("Waits for two approvals: a supervisor's and a commander's.")
        return gettext("Waits for one approval: a supervisor's or a commander's.")
    if status == Assessment.Status.SUBMITTED:
        return gettext("%(given)d of %(required)d approvals: a %(roles)s must approve next.") % {
            "given": given,
            "required": required,
            "roles": _roles(needed),
        }
    return gettext("Approved urgently: the follow-up approval of a %(roles)s is due.") % {
        "roles": _roles(needed)
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


def _briefing_answer(key, value):
    """An answer as the briefing room may read it: what no brief shows (the informant)
    is only said to exist."""
    if checklist.field(key).restricted and checklist.is_answered(value):
        return gettext("Recorded: known to the handler only.")
    return display.answer(key, value)


def plan_sections(version):
    """The profile and answers of `version`, section by section, read-only, for the
    decision page."""
    profile, answers = version.profile(), version.content["answers"]

    def rows(keys, values):
        return [
            {
                "question": display.question(key),
                "answer": _briefing_answer(key, values.get(key)),
                "answered": checklist.is_answered(values.get(key)),
            }
            for key in keys
        ]

    return [
        {
            "key": "profile",
            "title": gettext("Operation profile"),
            "rows": rows(checklist.PROFILE_FIELDS, profile),
        },
        *(
            {
                "key": section.key,
                "title": f"{section.key}. {gettext(section.title)}",
                "rows": rows([item.key for item in section.items], answers),
            }
            for section in checklist.SECTIONS
        ),
    ]


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
