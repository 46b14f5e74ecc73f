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
from .audit import audit_record

__all__ = [
    "Conflict",
    "assessment_export",
    "assessment_import",
    "assessment_save",
    "audit_record",
    "content_hash",
    "current_version",
    "in_contract_order",
    "operation_create",
]
