"""Verifying a brief someone holds: is its signature ours and intact, did we issue this
exact file, and is it the brief in force of the approved version."""

import hashlib
from dataclasses import dataclass

from .. import brief_content, signing
from ..models import Brief
from .versions import approved_version


@dataclass
class Verification:
    """What the verify page tells about an uploaded file. `current`: the brief is in
    force and of the version that holds its approvals now."""

    signature: signing.Validation
    brief: Brief | None = None
    approvals: list | None = None
    current: bool = False


def brief_verify(*, data):
    """Check the signature of `data` (bytes of a PDF) and look it up among our briefs."""
    validation = signing.pdf_validate(data)
    brief = (
        Brief.objects.select_related("version__assessment__operation")
        .filter(sha256=hashlib.sha256(data).hexdigest())
        .exclude(sha256="")
        .first()
    )
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
