"""Answers -> verdict: the scorer that puts the reading, the rows and the rules together.

A pure function of a parsed assessment (see checklist.parse_assessment): no Django, no
I/O, no clock. The answers are read once (`reading`: empty texts unanswered,
victim_presence as the supported presence); every scored item earns a share of its
row's weight; the gates and findings are checked; any item that lost points and is not
already named by a rule gets a minor finding with its row's advice, so every point
deducted is explained. The score is a whole number, rounded down, and a plan on which a
gate fires scores at most SMART_THRESHOLD - 1, so a blind or no-go plan never shows a
smart-looking score.
"""

import math

from ..checklist import OWN_ADVICE, gettext_noop
from .findings import INTERPRETERS_MISSING, URGENT_SAFEGUARDS
from .reading import Reading, presence_ceiling
from .rules import (
    BLIND,
    GATE,
    MAJOR,
    MINOR,
    PRESENCE_OVERSTATED,
    URGENCY_UNVERIFIED,
    URGENT_RATIONALE,
    URGENT_REVIEW,
    Rule,
    below,
)

SMART_THRESHOLD = 75
SEVERITY_RANK = {GATE: 0, MAJOR: 1, MINOR: 2}
CLASSIFICATIONS = ("blind", "deficient", "smart")  # worst first
DECISIONS = ("no_go", "conditional_go", "go")  # worst first; urgent_go stands apart
URGENT_GO = "urgent_go"

SEX_SECTOR_SITES = ("brothel", "massage_parlour", "entertainment_venue")
LABOUR_SITES = ("factory", "farm", "construction_site", "fishing_vessel", "private_home")
THREAT_HAZARDS = (
    "site_fortified",
    "suspects_violent_history",
    "lookouts_or_countersurveillance",
    "vulnerable_bystanders",
)
# The items named by score-below-threshold: those that lost the most points.
MOST_LOST = 3
# Float sums of shares land a hair below a whole number (74.99999...): not a point lost.
EPSILON = 1e-9
# The rule of the minor finding the scorer adds for an item that lost points unexplained.
ITEM_RULE = "item-"

UNANSWERED_ITEM = gettext_noop(
    "Not answered, so counted as the worst answer, which earns no points; answer it."
)
SCORE_BELOW = Rule(
    "score-below-threshold",
    MAJOR,
    (),
    gettext_noop(
        "Nothing else keeps this plan from smart but its score, below the smart threshold "
        "of 75: the items named lost the most points."
    ),
    gettext_noop("Raise the score to 75 or more: improve the answers to the items named."),
    OWN_ADVICE,
    None,
)


def _finding(rule, a, items=None):
    return {
        "rule": rule.id,
        "severity": rule.severity,
        "items": list(items or rule.items),
        "message": rule.message_for(a),
        "source": rule.source,
    }


def _threat_tier(a):
    weapons = a["weapons_expected"]
    if weapons in (None, "confirmed_firearms"):  # unanswered counts as firearms
        return "highest"
    hazards = (weapons != "none") + sum(a[key] is not False for key in THREAT_HAZARDS)
    if hazards >= 3:
        return "high"
    return "moderate" if hazards else "lower"


def _claims_urgency(a):
    return (
        a["risk_to_life"] == "credible_imminent"
        or a["minors_in_commercial_sex"] == "confirmed"
        or a["ongoing_serious_abuse"] is True
    )


def _interpreters(condition, op):
    """The interpreter advice names the languages when they are known."""
    languages = op["expected_languages"]
    return f"{condition[:-1]}: {', '.join(languages)}." if languages else condition


class Scorer:
    """One scoring version: the checklist it reads, its rows and its rules."""

    def __init__(self, *, version, checklist, rows, rules):
        self.version = version
        self.rows = rows
        self.rules = rules
        self.reading = Reading(checklist)
        self.shares = {key: row.earns(checklist.items[key]) for key, row in rows.items()}
        # Section by section, the items' (key, weight, earns, applies): the hot loop.
        self.by_section = tuple(
            (
                section.key,
                tuple(
                    (item.key, rows[item.key].weight, self.shares[item.key], rows[item.key].applies)
                    for item in section.items
                    if item.key in rows
                ),
            )
            for section in checklist.sections
            if section.key != "T"
        )
        self.sources = {key: checklist.items[key].source for key in rows}
        self.reported = tuple(key for key, item in checklist.items.items() if not item.optional)
        self.alternative_keys = checklist.items["alternatives_considered"].values
        extra = (SCORE_BELOW, URGENCY_UNVERIFIED, *PRESENCE_OVERSTATED.values())
        self.conditions = {rule.id: rule.condition for rule in (*rules, *extra)}

    def condition_of(self, finding, op):
        """What to do about `finding` (of a verdict of this version): its rule's
        condition (the interpreters' names the languages of `op`), or the advice of the
        row of the item it names."""
        rule = finding["rule"]
        if rule.startswith(ITEM_RULE):
            return self.rows[rule.removeprefix(ITEM_RULE)].advice
        condition = self.conditions[rule]
        return _interpreters(condition, op) if rule == INTERPRETERS_MISSING else condition

    def share(self, key, value):
        """How much of an item's weight an answer earns, from 0.0 (or unanswered) to 1.0."""
        return self.shares[key](value)

    def _points(self, a, op):
        """The points each section earns, and the points each item lost (read answers)."""
        section_points = {}
        lost = {}
        for section, items in self.by_section:
            points = 0.0
            for key, weight, earns, applies in items:
                if applies is not None and not applies(a, op):
                    points += weight  # its advice does not apply: no point lost
                    continue
                share = earns(a[key])
                points += weight * share
                if share < 1.0:
                    lost[key] = weight * (1.0 - share)
            section_points[section] = points
        return section_points, lost

    def points_lost(self, assessment):
        """{item: points it lost} for a parsed assessment: what the findings must explain."""
        a, _supported = self.reading.read(assessment["answers"])
        return self._points(a, assessment["operation"])[1]

    def _alternatives(self, a, op, claimed):
        presence = a["victim_presence"]
        age = a["intelligence_age_days"]
        exploitation = op["exploitation_type"]
        suggested = {
            "labour_inspection": exploitation in ("labour", "both")
            or (exploitation in (None, "unknown") and op["site_type"] in LABOUR_SITES),
            # Never "wait" when people may be moved or may be in danger: the
            # verification findings stand instead.
            "continued_investigation": (below(presence, "corroborated") or age is None or age > 30)
            and a["relocation_imminent"] is not True
            and not claimed,
            "financial_investigation": a["broker_links_investigated"] is not True,
            "community_outreach": (op["site_type"] in SEX_SECTOR_SITES or exploitation == "sex")
            and a["community_partners_consulted"] is not True,
            "targeted_arrest": a["objective_arrest"] is True
            and (a["objective_rescue"] is not True or below(presence, "corroborated")),
        }
        return [key for key in self.alternative_keys if suggested[key]]

    def score(self, assessment):
        """The verdict for a parsed assessment, as the JSON of the domain contract."""
        op = assessment["operation"]
        a, supported = self.reading.read(assessment["answers"])
        section_points, lost = self._points(a, op)

        fired = [rule for rule in self.rules if rule.fires(a, op)]
        claim = assessment["answers"]["victim_presence"]
        if claim is not None and supported != claim:
            ceiling = presence_ceiling(a["evidence_sources"], a["independent_corroborations"])
            fired.append(PRESENCE_OVERSTATED[ceiling])
        claimed = _claims_urgency(a)
        urgent = claimed and not below(supported, "reported")
        if claimed and not urgent:
            fired.append(URGENCY_UNVERIFIED)
        gates = [rule for rule in fired if rule.severity == GATE]

        score = math.floor(sum(section_points.values()) + EPSILON)
        if gates:
            score = min(score, SMART_THRESHOLD - 1)
        blind = any(rule.kind == BLIND for rule in gates)
        smart_but_score = (
            not gates
            and not below(supported, "corroborated")
            and a["intelligence_age_days"] is not None
            and a["intelligence_age_days"] <= 30
        )
        smart = smart_but_score and score >= SMART_THRESHOLD

        findings = sorted(
            (_finding(rule, a) for rule in fired), key=lambda f: SEVERITY_RANK[f["severity"]]
        )
        if smart_but_score and not smart:
            named = sorted(lost, key=lambda key: -lost[key])[:MOST_LOST]
            findings.insert(
                sum(f["severity"] == GATE for f in findings), _finding(SCORE_BELOW, a, named)
            )
        explained = {key for rule in fired for key in rule.items}
        for key in lost:
            if key not in explained:
                findings.append(
                    {
                        "rule": f"{ITEM_RULE}{key}",
                        "severity": MINOR,
                        "items": [key],
                        "message": UNANSWERED_ITEM if a[key] is None else self.rows[key].advice,
                        "source": self.sources[key],
                    }
                )
        conditions_of = {f["rule"]: self.condition_of(f, op) for f in findings}

        if blind and not urgent:
            classification = "blind"
        else:
            classification = "smart" if smart else "deficient"

        if urgent:
            decision = URGENT_GO
            # Every gate that would have fired is a minimum safeguard to take along.
            safeguards = [conditions_of[rule.id] for rule in gates]
            safeguards += [conditions_of[id_] for id_ in URGENT_SAFEGUARDS if id_ in conditions_of]
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
            "score": score,
            "threat_tier": threat_tier,
            "approvals_required": 2 if urgent or threat_tier in ("high", "highest") else 1,
            "supported_presence": supported or "none",
            "section_scores": {
                key: math.floor(points + EPSILON) for key, points in section_points.items()
            },
            "findings": findings,
            "conditions": list(dict.fromkeys(conditions)),
            "alternatives": [] if urgent else self._alternatives(a, op, claimed),
            "missing": [key for key in self.reported if a[key] is None],
        }
