"""When the rules change: a stored plan scored again under the current scoring version.

Every verdict keeps the scoring version it was computed with. A plan still being
prepared or decided on is scored again under the current rules, and never silently: the
rescoring is a version of its own (`AssessmentVersion.Kind.RESCORED`), made by RaidAssess
rather than a person, with the content of the version before it unchanged (so the same
content hash, unless a migration converted that content for a new checklist: its hash
is then of what it holds now) and the current verdict. It changes no answer and
supersedes nothing: a planner's edit withdraws approvals, a rule change does not.

When it happens, as the state table allows it (`Write.RESCORE`): a draft or returned
plan at its next save or its submission; a submitted plan before any decision (the
decision page rescores it, and `workflow.assessment_approve` refuses a verdict of older
rules). An approved plan keeps the verdict it was approved on, and so do the frozen
records; their pages show beside it what the current rules say (`current_rules_verdict`).
"""

from django.db import transaction

from .. import scoring
from ..models import Assessment, AssessmentVersion, AuditEvent
from .audit import audit_record
from .states import Write, write_refusal
from .versions import current_verdict, latest_version, locked_assessment, version_add


def rules_changed(version):
    """True when the verdict of `version` was computed under older rules."""
    return version.scoring_version != scoring.SCORING_VERSION


def current_rules_verdict(version):
    """What the current rules say of `version`, when its own verdict is of older rules
    (None when it is of the current ones). Nothing is stored."""
    return current_verdict(version.content) if rules_changed(version) else None


def rescore_if_rules_changed(assessment, *, user, current=None, request=None, where=""):
    """The latest version of `assessment` (locked): scored again first, as a version of
    its own, if its verdict is of older rules and the state allows it. `user` is who
    caused it (for the audit trail; the version is RaidAssess's). `current`: the latest
    version, when the caller read it already under the lock (not read again)."""
    current = current or latest_version(assessment)
    if not rules_changed(current) or write_refusal(assessment=assessment, write=Write.RESCORE):
        return current
    version = version_add(
        assessment=assessment,
        content=current.content,
        created_by=None,
        organisation=current.receiving_organisation,
        kind=AssessmentVersion.Kind.RESCORED,
    )
    audit_record(
        kind=AuditEvent.Kind.RESCORE,
        request=request,
        user=user,
        operation=assessment.operation,
        summary=f"version {version.number}: version {current.number} scored again under "
        f"scoring version {scoring.SCORING_VERSION} (was {current.scoring_version})"
        + (f" ({where})" if where else ""),
    )
    return version


def assessment_rescore(*, operation, user, request=None, where=""):
    """Before a decision: score a submitted plan again under the current rules if its
    verdict is of older rules. Returns the new version, or None. A plan being prepared
    waits for its next save: an approver opening its pages rescores nothing."""
    with transaction.atomic():
        assessment = locked_assessment(operation)
        if assessment.status != Assessment.Status.SUBMITTED:
            return None
        before = assessment.version_number
        version = rescore_if_rules_changed(assessment, user=user, request=request, where=where)
        return version if version.number != before else None
