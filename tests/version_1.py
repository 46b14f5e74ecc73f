"""Plans as main stored them before checklist and scoring version 2.

Until version 2, every save stored the version 1 checklist's keys under checklist_version
"1", with the version 1 verdict, and an approval copied that version's content hash and
scoring version. `as_version_1` rewrites an operation's stored versions (and the
approvals bound to them) that way, straight in the tables: nothing in the app writes
them like that any more.
"""

from assessments import checklist, scoring
from assessments.models import Approval, Assessment, AssessmentVersion
from assessments.services import content_hash

VERSION_1_ITEMS = tuple(key for key, item in checklist.ITEMS.items() if item.since == "1")
VERSION_2_ITEMS = tuple(key for key, item in checklist.ITEMS.items() if item.since == "2")


def version_1_content(content):
    """`content` as version 1 stored it: its own keys only."""
    return {
        "checklist_version": "1",
        "operation": dict(content["operation"]),
        "answers": {key: content["answers"].get(key) for key in VERSION_1_ITEMS},
    }


def as_version_1(operation, *, keep_answers=False):
    """Store every version of `operation` as version 1 did; returns the latest.

    With `keep_answers`, only the verdicts are version 1's and the answers to the items
    version 2 added stay: a plan whose rules changed under it, without the new questions
    left unanswered (which version 2 counts as the worst answers, making it a no go).
    """
    versions = AssessmentVersion.objects.filter(assessment__operation=operation)
    for version in versions:
        content = version.content if keep_answers else version_1_content(version.content)
        verdict = scoring.score_assessment(content, scoring_version="1")
        digest = content_hash(content)
        AssessmentVersion.objects.filter(pk=version.pk).update(
            content=content, verdict=verdict, content_hash=digest
        )
        Approval.objects.filter(version=version).update(
            content_hash=digest, scoring_version="1", decision=verdict["decision"]
        )
    latest = versions.latest("number")
    Assessment.objects.filter(pk=latest.assessment_id).update(
        classification=latest.verdict["classification"],
        decision=latest.verdict["decision"],
        score=latest.verdict["score"],
        threat_tier=latest.verdict["threat_tier"],
    )
    operation.assessment.refresh_from_db()
    return latest
