"""The pre-raid checklist as data, one readable record per item, and answer validation.

Plain Python with no Django import: the scorer, the management commands and the web
forms all read the same records. Keys are the contract of shared/domain/checklist.md
and must never be renamed. A new item is one record in its section's module (and one
row in the scorer's, if it is scored): everything else is derived from the records.
The version 1 checklist stays frozen in `v1`, for version 1 scoring only.
"""

from .evidence import DANGER, EVIDENCE
from .follow_through import ALTERNATIVES, FOLLOW_THROUGH, HARM
from .operation_plan import OBJECTIVES, PLAN, THREAT
from .profile import PROFILE
from .protection import AFTERCARE, IDENTIFICATION, SEGREGATION
from .records import (
    BOOL,
    CHOICE,
    DATE,
    EVOLUTION,
    INT,
    MAX_TEXT_LENGTH,
    MULTI,
    OWN_ADVICE,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    SOURCES,
    TEXT,
    THREAT_MATRICES,
    TYPES,
    UNTOLD_SIDE,
    Item,
    Section,
    gettext_noop,
)
from .validation import (
    MAX_INT,
    MAX_LIST_ENTRY_LENGTH,
    NOT_ONE_OF,
    Checklist,
    InvalidAssessment,
    Problem,
    is_answered,
    loads,
    text_problem,
)

CHECKLIST_VERSION = "2"

CURRENT = Checklist(
    version=CHECKLIST_VERSION,
    accepts=("1", "2"),
    profile=PROFILE,
    sections=(
        EVIDENCE,
        DANGER,
        OBJECTIVES,
        PLAN,
        THREAT,
        SEGREGATION,
        IDENTIFICATION,
        AFTERCARE,
        HARM,
        ALTERNATIVES,
        FOLLOW_THROUGH,
    ),
)
SECTIONS = CURRENT.sections
ITEMS = CURRENT.items
SECTION_OF = CURRENT.section_of
PROFILE_FIELDS = CURRENT.profile_fields
RESTRICTED_FIELDS = CURRENT.restricted
RESTRICTED_PROFILE_FIELDS = CURRENT.restricted_profile
validate_assessment = CURRENT.validate
parse_assessment = CURRENT.parse


def field(key):
    """The record of a profile field or checklist item."""
    return PROFILE_FIELDS.get(key) or ITEMS[key]


def field_or_none(key):
    """The record of a profile field or checklist item, or None for any other key."""
    return PROFILE_FIELDS.get(key) or ITEMS.get(key)


def choices_for(key):
    """(value, label) pairs of a profile field or checklist item, in the contract's order."""
    return list(field(key).labels.items())


__all__ = [
    "BOOL",
    "CHOICE",
    "DATE",
    "EVOLUTION",
    "INT",
    "MAX_INT",
    "MAX_LIST_ENTRY_LENGTH",
    "MAX_TEXT_LENGTH",
    "MULTI",
    "NOT_ONE_OF",
    "OWN_ADVICE",
    "RAIDS_EXPLAINED",
    "SIREN",
    "SMART_RAIDS",
    "SOURCES",
    "TEXT",
    "THREAT_MATRICES",
    "TYPES",
    "UNTOLD_SIDE",
    "Checklist",
    "InvalidAssessment",
    "Item",
    "Problem",
    "Section",
    "gettext_noop",
    "is_answered",
    "loads",
    "text_problem",
]
