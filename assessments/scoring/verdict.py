"""Answers -> verdict: the scorer that puts the rows and the rules together.

A pure function of a parsed assessment (see checklist.parse_assessment): no Django, no
I/O, no clock. Every scored item earns a share of its row's weight; named rules (gates,
major and minor findings) are checked against the answers; any item that lost points
and is not already named by a rule gets a minor finding with its row's advice, so every
point deducted is explained.
"""

from ..checklist import is_answered
from .rules import GATE, MAJOR, MINOR, URGENCY_UNVERIFIED, URGENT_RATIONALE, URGENT_REVIEW

SMART_THRESHOLD = 75
SEVERITY_RANK = {GATE: 0, MAJOR: 1, MINOR: 2}
CLASSIFICATIONS = ("blind", "deficient", "smart")  # worst first
DECISIONS = ("no_go", "conditional_go", "go")  # worst first; urgent_go stands apart
URGENT_GO = "urgent_go"

SEX_SECTOR_SITES = ("brothel", "massage_parlour", "entertainment_venue")
PRESENCE_CREDIBLE = ("reported", "corroborated", "confirmed")
THREAT_HAZARDS = (
    "site_fortified",
    "suspects_violent_history",
    "lookouts_or_countersurveillance",
    "vulnerable_bystanders",
)


def _finding(rule):
    return {
        "rule": rule.id,
        "severity": rule.severity,
        "items": list(rule.items),
        "message": rule.message,
        "source": rule.source,
    }


def _threat_tier(a):
    if a["weapons_expected"] == "confirmed_firearms":
        return "highest"
    hazards = (a["weapons_expected"] != "none") + sum(a[key] is not False for key in THREAT_HAZARDS)
    if hazards >= 3:
        return "high"
    return "moderate" if hazards else "lower"


class Scorer:
    """One scoring version: the checklist it reads, its rows and its rules."""

    def __init__(self, *, version, checklist, rows, rules):
        self.version = version
        self.rows = rows
        self.rules = rules
        self.shares = {key: row.earns(checklist.items[key]) for key, row in rows.items()}
        self.weighted = tuple(
            (key, checklist.section_of[key], row.weight) for key, row in rows.items()
        )
        self.sources = {key: checklist.items[key].source for key in rows}
        self.section_keys = tuple(
            section.key for section in checklist.sections if section.key != "T"
        )
        self.reported = tuple(key for key, item in checklist.items.items() if not item.optional)
        self.alternative_keys = checklist.items["alternatives_considered"].values

    def share(self, key, value):
        """How much of an item's weight an answer earns, from 0.0 (or unanswered) to 1.0."""
        return self.shares[key](value)

    def _alternatives(self, a, op, urgent):
        if urgent:
            return []
        presence = a["victim_presence"]
        age = a["intelligence_age_days"]
        suggested = {
            "labour_inspection": op["exploitation_type"] in ("labour", "both"),
            "continued_investigation": presence not in ("corroborated", "confirmed")
            or age is None
            or age > 30,
            "financial_investigation": a["broker_links_investigated"] is not True,
            "community_outreach": (
                op["site_type"] in SEX_SECTOR_SITES or op["exploitation_type"] == "sex"
            )
            and a["community_partners_consulted"] is not True,
            "targeted_arrest": a["objective_arrest"] is True
            and (
                a["objective_rescue"] is not True or presence not in ("corroborated", "confirmed")
            ),
        }
        return [key for key in self.alternative_keys if suggested[key]]

    def score(self, assessment):
        """The verdict for a parsed assessment, as the JSON of the domain contract."""
        a = assessment["answers"]
        op = assessment["operation"]

        shares = {key: share(a[key]) for key, share in self.shares.items()}
        section_points = dict.fromkeys(self.section_keys, 0.0)
        for key, section, weight in self.weighted:
            section_points[section] += weight * shares[key]
        total = sum(section_points.values())

        fired = [rule for rule in self.rules if rule.fires(a, op)]
        claimed = a["risk_to_life"] == "credible_imminent" or a["minors_in_commercial_sex"] == (
            "confirmed"
        )
        urgent = claimed and a["victim_presence"] in PRESENCE_CREDIBLE
        if claimed and not urgent:
            fired.append(URGENCY_UNVERIFIED)

        explained = {key for rule in fired for key in rule.items}
        findings = sorted(
            (_finding(rule) for rule in fired), key=lambda f: SEVERITY_RANK[f["severity"]]
        )
        conditions_of = {rule.id: rule.condition for rule in fired}
        for key, row in self.rows.items():
            if shares[key] < 1.0 and key not in explained:
                findings.append(
                    {
                        "rule": f"item-{key}",
                        "severity": MINOR,
                        "items": [key],
                        "message": row.advice,
                        "source": self.sources[key],
                    }
                )
                conditions_of[f"item-{key}"] = row.advice

        gates = [rule for rule in fired if rule.severity == GATE]
        blind_gate = any(rule.kind == "blind" for rule in gates)
        presence = a["victim_presence"]
        age = a["intelligence_age_days"]
        smart = (
            (
                presence == "confirmed"
                or (presence == "corroborated" and (a["independent_corroborations"] or 0) >= 2)
            )
            and age is not None
            and age <= 30
            and not blind_gate
            and total >= SMART_THRESHOLD
        )
        if blind_gate and not urgent:
            classification = "blind"
        else:
            classification = "smart" if smart else "deficient"

        if urgent:
            decision = URGENT_GO
            safeguards = [rule.condition for rule in gates]
            if any(rule.id == "child-specialist-missing" for rule in fired):
                safeguards.append(conditions_of["child-specialist-missing"])
            conditions = [*safeguards, URGENT_RATIONALE, URGENT_REVIEW]
        elif gates:
            decision = "no_go"
            conditions = [rule.condition for rule in gates]
        elif smart and not any(f["severity"] == MAJOR for f in findings):
            decision = "go"
            conditions = []
        else:
            decision = "conditional_go"
            conditions = [conditions_of[f["rule"]] for f in findings]

        threat_tier = _threat_tier(a)
        return {
            "scoring_version": self.version,
            "classification": classification,
            "decision": decision,
            "score": round(total),
            "threat_tier": threat_tier,
            "approvals_required": 2 if urgent or threat_tier in ("high", "highest") else 1,
            "section_scores": {key: round(points) for key, points in section_points.items()},
            "findings": findings,
            "conditions": list(dict.fromkeys(conditions)),
            "alternatives": self._alternatives(a, op, urgent),
            "missing": [key for key in self.reported if not is_answered(a[key])],
        }
