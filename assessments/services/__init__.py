"""The workflows, one module per part of the domain; see each module's docstring.

Views, forms, commands and tasks call these functions and nothing writes the models any
other way. `states` holds the one table of what may change in which state; `versions`
is where every other module reads versions and approvals from.
"""

from .assessments import (
    CodenameTaken,
    Conflict,
    assessment_export,
    assessment_import,
    assessment_import_refused,
    assessment_save,
    codename_suggestion,
    in_contract_order,
    operation_create,
)
from .audit import audit_operation_view, audit_prune, audit_record
from .briefs import (
    BriefRenderFailed,
    brief_acknowledge,
    brief_files_rotate,
    brief_no_longer_shared,
    brief_pdf,
    brief_render,
    brief_request,
    brief_sweep,
    briefs_missing,
)
from .documents import brief_document, brief_preview
from .history import history_entries
from .notifications import (
    email_kinds_of,
    email_preferences_set,
    notification_email_send,
    notification_message,
    notification_open,
    notifications_read,
)
from .rescoring import assessment_rescore, current_rules_verdict, rules_changed
from .reviews import (
    after_action_review_return,
    after_action_review_save,
    after_action_review_sign_off,
    after_action_review_submit,
    after_action_reviews_open,
    assessment_close,
)
from .revisions import (
    NotCarriedOut,
    assessment_not_carried_out,
    assessment_revise,
    not_carried_out_allowed,
    revision_consequences,
)
from .states import Refused, Write, planned_date_passed, write_check, write_refusal
from .verification import brief_verify
from .versions import approvals_needed, approved_version, content_hash, current_version
from .workflow import (
    assessment_approve,
    assessment_reject,
    assessment_return,
    assessment_submit,
    submission_refusal,
)

__all__ = [
    "after_action_review_return",
    "after_action_review_save",
    "after_action_review_sign_off",
    "after_action_review_submit",
    "after_action_reviews_open",
    "approvals_needed",
    "approved_version",
    "assessment_approve",
    "assessment_close",
    "assessment_export",
    "assessment_import",
    "assessment_import_refused",
    "assessment_not_carried_out",
    "assessment_reject",
    "assessment_rescore",
    "assessment_return",
    "assessment_revise",
    "assessment_save",
    "assessment_submit",
    "audit_operation_view",
    "audit_prune",
    "audit_record",
    "brief_acknowledge",
    "brief_no_longer_shared",
    "brief_document",
    "brief_files_rotate",
    "brief_pdf",
    "brief_preview",
    "brief_render",
    "brief_request",
    "brief_sweep",
    "brief_verify",
    "briefs_missing",
    "BriefRenderFailed",
    "CodenameTaken",
    "codename_suggestion",
    "Conflict",
    "content_hash",
    "current_rules_verdict",
    "current_version",
    "email_kinds_of",
    "email_preferences_set",
    "history_entries",
    "in_contract_order",
    "notification_email_send",
    "notification_message",
    "notification_open",
    "notifications_read",
    "not_carried_out_allowed",
    "NotCarriedOut",
    "operation_create",
    "planned_date_passed",
    "Refused",
    "submission_refusal",
    "revision_consequences",
    "rules_changed",
    "write_check",
    "write_refusal",
    "Write",
]
