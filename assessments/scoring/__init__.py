"""Answers -> verdict, as shared/domain/checklist.md defines it.

Plain Python, no Django, no I/O: `score_assessment` is a pure function of a parsed
assessment (see checklist.parse_assessment). The result records its scoring version so
that an old brief can be scored again the same way; change SCORING_VERSION whenever a
weight, threshold or rule changes, and keep the old version frozen beside the new one
(version 1 lives in `v1`, untouched).

The current version is how it reads the answers (`reading`), its rows (`rows`: one per
scored item), its gates (`rules`) and findings (`findings`), and the scorer that puts
them together (`verdict`).
"""

from ..checklist import CURRENT
from . import v1
from .findings import FINDINGS
from .reading import presence_ceiling, reads_as_empty, supported_presence
from .rows import ROWS, when_false
from .rules import GATES
from .verdict import CLASSIFICATIONS, DECISIONS, SMART_THRESHOLD, URGENT_GO, Scorer

SCORING_VERSION = "2"
RULES = (*GATES, *FINDINGS)

CURRENT_SCORER = Scorer(version=SCORING_VERSION, checklist=CURRENT, rows=ROWS, rules=RULES)
SCORERS = {"1": v1.score_assessment, SCORING_VERSION: CURRENT_SCORER.score}
# The checklist version each scoring version was written for (and a plan scored under
# it was answered on): what a brief of its verdict lists, as it did when it was signed.
CHECKLIST_OF = {"1": "1", SCORING_VERSION: CURRENT.version}
WEIGHTS = {key: row.weight for key, row in ROWS.items()}
TRUE_IS_WORSE = frozenset(key for key, row in ROWS.items() if row.earns is when_false)
item_share = CURRENT_SCORER.share


def score_assessment(assessment, scoring_version=SCORING_VERSION):
    """The verdict of a parsed assessment under `scoring_version` (the current one if not said)."""
    return SCORERS[scoring_version](assessment)


__all__ = [
    "CLASSIFICATIONS",
    "DECISIONS",
    "SMART_THRESHOLD",
    "URGENT_GO",
    "Scorer",
    "presence_ceiling",
    "reads_as_empty",
    "supported_presence",
]
