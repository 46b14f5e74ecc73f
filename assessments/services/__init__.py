"""The workflows, one module per part of the domain; see each module's docstring.

Views, forms, commands and tasks call these functions and nothing writes the models any
other way.
"""

from .assessments import (
    Conflict,
    assessment_export,
    assessment_import,
    assessment_save,
    content_hash,
    current_version,
    in_contract_order,
    operation_create,
)
from .audit import audit_operation_view, audit_prune, audit_record, audit_version_save
from .briefs import (
    BRIEF_STATUSES,
    BriefNotAvailable,
    BriefRenderFailed,
    brief_document,
    brief_files_rotate,
    brief_pdf,
    brief_render,
    brief_request,
    brief_sweep,
    brief_verify,
    receiving_organisation_set,
)
from .workflow import (
    Refused,
    after_action_review_save,
    after_action_reviews_open,
    approved_version,
    assessment_approve,
    assessment_close,
    assessment_reject,
    assessment_return,
    assessment_submit,
)

__all__ = [
    "assessment_submit",
    "assessment_return",
    "assessment_reject",
    "assessment_close",
    "assessment_approve",
    "after_action_reviews_open",
    "approved_version",
    "after_action_review_save",
    "Refused",
    "Conflict",
    "assessment_export",
    "assessment_import",
    "assessment_save",
    "audit_operation_view",
    "audit_prune",
    "audit_record",
    "audit_version_save",
    "BRIEF_STATUSES",
    "BriefNotAvailable",
    "brief_files_rotate",
    "brief_pdf",
    "BriefRenderFailed",
    "brief_document",
    "brief_render",
    "brief_request",
    "brief_sweep",
    "brief_verify",
    "receiving_organisation_set",
    "content_hash",
    "current_version",
    "in_contract_order",
    "operation_create",
]
