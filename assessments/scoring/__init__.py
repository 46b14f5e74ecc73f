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
from .verdict import (
    CLASSIFICATIONS,
    DECISIONS,
    ITEM_RULE,
    SEVERITY_RANK,
    SMART_THRESHOLD,
    URGENT_GO,
    Scorer,
)

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

# What to do about a finding, as each scoring version words it in its conditions.
_V1_CONDITIONS = {rule.id: rule.condition for rule in (*v1.RULES, v1.URGENCY_UNVERIFIED)}


def _v1_condition_of(finding, op):
    rule = finding["rule"]
    if rule.startswith(ITEM_RULE):
        return v1.ADVICE[rule.removeprefix(ITEM_RULE)]
    return _V1_CONDITIONS[rule]


CONDITION_OF = {"1": _v1_condition_of, SCORING_VERSION: CURRENT_SCORER.condition_of}


def score_assessment(assessment, scoring_version=SCORING_VERSION):
    """The verdict of a parsed assessment under `scoring_version` (the current one if not said)."""
    return SCORERS[scoring_version](assessment)


def condition_severities(verdict, operation):
    """{condition: severity} for the conditions of `verdict` that answer a finding: the
    severity of the most serious finding each answers. `operation` is the profile the
    verdict was scored on. The urgent go's own conditions (the rationale written down,
    the review) answer no finding, so they are not in it."""
    condition_of = CONDITION_OF[verdict.get("scoring_version", "1")]
    severities = {}
    for finding in verdict["findings"]:
        condition = condition_of(finding, operation)
        known = severities.get(condition)
        if known is None or SEVERITY_RANK[finding["severity"]] < SEVERITY_RANK[known]:
            severities[condition] = finding["severity"]
    return severities


__all__ = [
    "CLASSIFICATIONS",
    "DECISIONS",
    "SMART_THRESHOLD",
    "URGENT_GO",
    "Scorer",
    "condition_severities",
    "presence_ceiling",
    "reads_as_empty",
    "supported_presence",
]
