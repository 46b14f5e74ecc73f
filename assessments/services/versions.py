"""Reading an assessment's versions and approvals, locking its row, adding a version.

The one module the other workflows read versions through: saves (`assessments`), the
rescoring (`rescoring`), the approval workflow (`workflow`) and briefs (`briefs`) all
import it, and it imports none of them. It answers the question every brief depends on:
which version, if any, holds all the approvals it needs (`approved_version`); and it is
the one place a version is stored (`version_add`), scored as it is stored.
"""

import hashlib
import json

from .. import checklist, scoring
from ..access import APPROVER_ROLES
from ..models import Approval, Assessment, AssessmentVersion, Membership

Role = Membership.Role
Kind = AssessmentVersion.Kind
# The verdict as the lists show it, on the assessment row.
VERDICT_COLUMNS = ("classification", "decision", "score", "threat_tier")


def content_hash(content):
    """SHA-256 of the canonical JSON of an assessment: what an approval binds to."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def locked_assessment(operation):
    """The assessment of `operation`, its row locked until the transaction ends: every
    write and transition takes this first, so that two of them run one after the other."""
    return Assessment.objects.select_for_update().get(operation=operation)


def current_version(*, operation):
    # Read from the versions, not from `operation.assessment`: a cached assessment on the
    # instance goes stale as soon as assessment_save stores a newer version.
    return (
        AssessmentVersion.objects.select_related("created_by", "receiving_organisation")
        .filter(assessment__operation=operation)
        .latest("number")
    )


def current_verdict(content):
    """The verdict the current rules give a stored assessment (of any checklist version
    the current one reads: the items added since count as unanswered)."""
    return scoring.score_assessment(checklist.parse_assessment(content))


def version_add(*, assessment, content, created_by, organisation, kind=Kind.SAVED):
    """Store `content` as the next version of `assessment` (locked), with the verdict of
    the current rules, and put that verdict on the assessment for the lists."""
    verdict = current_verdict(content)
    number = assessment.version_number + 1
    version = AssessmentVersion.objects.create(
        assessment=assessment,
        number=number,
        kind=kind,
        content=content,
        verdict=verdict,
        content_hash=content_hash(content),
        receiving_organisation=organisation,
        created_by=created_by,
    )
    assessment.version_number = number
    for column in VERDICT_COLUMNS:
        setattr(assessment, column, verdict[column])
    # Its state untouched: what waits for whom reads the state (`waiting.restamp`).
    assessment.save(update_fields=[*VERDICT_COLUMNS, "version_number", "updated_at"])
    return version


def latest_version(assessment):
    """The latest version of a (locked) assessment."""
    return assessment.versions.select_related("receiving_organisation").get(
        number=assessment.version_number
    )


def standing_approvals(assessment):
    """The approvals no edit, return or rejection has superseded (a queryset)."""
    return assessment.approvals.filter(superseded_at__isnull=True)


def roles_needed(verdict, standing):
    """The roles that may give the next approval: 2 required means a supervisor and a
    commander; 1 means either, once."""
    if verdict["approvals_required"] >= 2:
        return {Role.SUPERVISOR, Role.COMMANDER} - {approval.role for approval in standing}
    return set() if standing else set(APPROVER_ROLES)


def approvals_complete(version, standing):
    """True when `standing` (approvals of `version`) is all that `version` needs: every
    required role, or an urgent approval, which stands alone until its follow-up."""
    on_version = [
        approval
        for approval in standing
        if approval.version_id == version.pk and approval.content_hash == version.content_hash
    ]
    if not on_version:
        return False
    urgent = any(approval.kind == Approval.Kind.URGENT for approval in on_version)
    return urgent or not roles_needed(version.verdict, on_version)


def approved_version(*, operation):
    """The version that holds all its required, unsuperseded approvals, or None."""
    standing = list(
        Approval.objects.filter(assessment__operation=operation, superseded_at__isnull=True)
        .select_related("version__receiving_organisation")
        .order_by("created_at", "pk")
    )
    if not standing:
        return None
    version = standing[-1].version
    return version if approvals_complete(version, standing) else None


def approvals_needed(*, operation):
    """(given, required, roles that may give the next one) for the latest version: what
    the workflow panel says of the approvals still to come."""
    assessment = operation.assessment
    version = latest_version(assessment)
    standing = [
        approval for approval in standing_approvals(assessment) if approval.version_id == version.pk
    ]
    return (
        len(standing),
        version.verdict["approvals_required"],
        roles_needed(version.verdict, standing),
    )
