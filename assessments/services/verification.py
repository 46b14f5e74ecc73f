"""Verifying a brief someone holds: is its signature ours and intact, did we issue this
exact file, and is it the brief in force of the approved version.

Every verification is recorded. One of a brief we issued (the file itself, or a copy
changed since it was signed, which our signature still names) is recorded against that
brief's operation, so that its task force's supervisors read in their audit trail who
checked their brief and what came of it; the page tells the person verifying nothing
about a changed copy beyond that it is not valid.

pyHanko is imported on the first verification, not with the module: a web process that
never verifies a brief never loads it (see `documents`).
"""

import hashlib
from dataclasses import dataclass

from .. import brief_content
from ..models import AuditEvent, Brief
from .audit import audit_record
from .versions import approved_version

VALID = "valid"  # issued here, unchanged, in force
WITHDRAWN = "withdrawn"  # issued here, unchanged, no longer in force
UNRECORDED = "unrecorded"  # signed with our key, unchanged, but not a brief on record
INVALID = "invalid"  # anything else: not to be trusted


@dataclass
class Verification:
    """What the verify page tells about an uploaded file. `current`: the brief is in
    force and of the version that holds its approvals now. `altered_from`: the brief a
    changed copy was signed as (for the audit trail only)."""

    signature: object  # signing.Validation
    brief: Brief | None = None
    approvals: list | None = None
    current: bool = False
    altered_from: Brief | None = None

    @property
    def result(self):
        if not self.signature.ok:
            return INVALID
        if self.brief is None:
            return UNRECORDED
        return VALID if self.current else WITHDRAWN

    @property
    def reason(self):
        """Why the signature is not valid (empty when it is): what the page says first."""
        signature = self.signature
        if signature.problem:  # unreadable, unsigned or several
            return signature.problem
        if not signature.intact or not signature.valid:
            return "changed"
        if not signature.whole_document:
            return "added"
        return "" if signature.trusted else "foreign"


def _briefs():
    return Brief.objects.select_related("version__assessment__operation").exclude(sha256="")


def _found(validation, data):
    brief = _briefs().filter(sha256=hashlib.sha256(data).hexdigest()).first()
    if brief is None:
        return Verification(signature=validation)
    version = brief.version
    approved = approved_version(operation=version.assessment.operation)
    return Verification(
        signature=validation,
        brief=brief,
        approvals=brief_content.approvals_of(version),
        current=brief.status == Brief.Status.READY
        and approved is not None
        and approved.pk == version.pk,
    )


REASONS = {
    "unreadable": "not a readable PDF",
    "unsigned": "no signature",
    "several": "several signatures",
    "changed": "changed after it was signed",
    "added": "something added after it was signed",
    "foreign": "signed with another key",
}
OUTCOMES = {
    VALID: "valid, in force",
    WITHDRAWN: "genuine, no longer in force",
    UNRECORDED: "signed with this deployment's key, but no brief on record",
}


def _summary(verification):
    """The audit event's words: the brief by variant and version, never its content."""
    outcome = OUTCOMES.get(verification.result) or f"not valid: {REASONS[verification.reason]}"
    brief = verification.brief or verification.altered_from
    if brief is None:
        return (
            outcome if verification.result == UNRECORDED else f"{outcome}, not a brief issued here"
        )
    return f"{brief.variant} brief of version {brief.version.number}: {outcome}"


def brief_verify(*, data, request=None):
    """Check the signature of `data` (bytes of a PDF), look it up among our briefs, and
    record the verification (see the module docstring)."""
    from ..signing import pdf_validate  # pyHanko, on the first verification (`documents`)

    validation = pdf_validate(data)
    verification = _found(validation, data)
    if verification.brief is None and validation.signed_digest:
        verification.altered_from = _briefs().filter(signed_digest=validation.signed_digest).first()
    brief = verification.brief or verification.altered_from
    audit_record(
        kind=AuditEvent.Kind.BRIEF_VERIFY,
        request=request,
        outcome=(
            AuditEvent.Outcome.SUCCESS
            if verification.result == VALID
            else AuditEvent.Outcome.FAILURE
        ),
        operation=brief.version.assessment.operation if brief else None,
        summary=_summary(verification),
    )
    return verification
