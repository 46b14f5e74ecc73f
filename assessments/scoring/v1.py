"""Version 1 scoring, frozen: answers -> verdict exactly as version 1 gave it.

Kept so that a version 1 verdict, and a brief signed on it, can be reproduced byte for
byte (tests/fixtures/scoring_v1): `score_assessment --scoring-version 1`. It reads the
frozen version 1 checklist (checklist/v1.py) and its own weights, rules, messages and
sources, and nothing of the current scorer. Never edit it, not even to tidy it: it is
exempt from the duplicates check and from the module-size guide of the house style.

A pure function of a parsed assessment: no Django, no I/O, no clock. It reads only the
version 1 keys, so an assessment of a later checklist (which keeps every version 1 key)
is scored as version 1 would have scored its version 1 answers.

How it works: every scored item earns a share of its weight (WEIGHTS sums to 100)
according to how good its answer is, an unanswered item earning nothing. Named rules
(gates, major and minor findings) are checked against the answers. Any item that lost
points and is not already named by a rule gets a minor finding of its own, so every
point deducted is explained.
"""

from dataclasses import dataclass

from ..checklist.v1 import (
    BOOL,
    CHOICE,
    EVOLUTION,
    INT,
    ITEMS,
    MULTI,
    RAIDS_EXPLAINED,
    SECTION_OF,
    SECTIONS,
    SIREN,
    SMART_RAIDS,
    TEXT,
    UNTOLD_SIDE,
    gettext_noop,
    is_answered,
)

SCORING_VERSION = "1"
SMART_THRESHOLD = 75

GATE, MAJOR, MINOR = "gate", "major", "minor"
SEVERITY_RANK = {GATE: 0, MAJOR: 1, MINOR: 2}

CLASSIFICATIONS = ("blind", "deficient", "smart")  # worst first
DECISIONS = ("no_go", "conditional_go", "go")  # worst first; urgent_go stands apart
URGENT_GO = "urgent_go"

WEIGHTS = {
    # A. Evidence and intelligence basis: 25
    "evidence_sources": 5,
    "independent_corroborations": 4,
    "victim_presence": 6,
    "intelligence_age_days": 3,
    "offence_basis": 3,
    "warrant_status": 2,
    "operation_purpose": 1,
    "broker_links_investigated": 1,
    # C. Objectives: 6
    "objective_arrest": 1,
    "objective_seize": 1,
    "objective_rescue": 2,
    "immigration_enforcement_objective": 2,
    # D. Operation plan and roles: 13
    "roles_assigned": 2,
    "prosecutor_involved": 1,
    "evidence_specialists": 1,
    "media_presence": 2,
    "observers_excluded": 1,
    "leak_risk": 1,
    "leak_mitigations": 1,
    "officer_safety_assessed": 1,
    "restraint_policy_for_victims": 2,
    "deconfliction_checked": 1,
    # E. Segregation and screening: 10
    "segregation_plan": 4,
    "suspect_identification_method": 2,
    "separate_transport": 1,
    "screening_site": 3,
    # F. Victim identification and care: 16
    "trauma_informed_interviewers": 3,
    "interpreters_for_all_languages": 2,
    "child_specialist": 2,
    "same_gender_staff": 1,
    "reflection_period_days": 1,
    "age_assessment_method": 2,
    "non_punishment_commitment": 3,
    "immigration_relief_available": 1,
    "accounts_cross_referenced": 1,
    # G. Service providers and aftercare: 14
    "service_provider_engaged": 4,
    "service_provider_access_hours": 3,
    "shelter_capacity_confirmed": 2,
    "shelter_type": 2,
    "aftercare_services": 1,
    "services_voluntary": 2,
    # H. Harm to others: 7
    "risk_to_non_victims": 2,
    "displacement_risk": 1,
    "community_partners_consulted": 1,
    "retaliation_risk_to_families": 2,
    "retaliation_mitigations": 1,
    # I. Alternatives: 4
    "alternatives_considered": 2,
    "raid_necessity_justification": 2,
    # J. Follow-through: 5
    "prosecution_plan": 2,
    "asset_seizure_plan": 1,
    "witness_protection_measures": 1,
    "after_action_review_planned": 1,
}

# A bool item where true is the worse answer.
TRUE_IS_WORSE = frozenset({"immigration_enforcement_objective"})

# Multi items earn their weight in full at this many (weighted) values.
MULTI_FULL_AT = {
    "evidence_sources": 2,
    "objective_seize": 2,
    "roles_assigned": 6,
    "aftercare_services": 4,
    "alternatives_considered": 2,
}
# An anonymous tip alone is no evidence: it counts for a quarter of a source.
VALUE_WEIGHT = {("evidence_sources", "anonymous_tip"): 0.25}


def _steps(value, steps):
    """The share for the first (limit, share) step the value is within; less is better."""
    for limit, share in steps:
        if value <= limit:
            return share
    return 0.0


INT_SHARE = {
    "independent_corroborations": lambda n: min(n, 3) / 3,
    "intelligence_age_days": lambda n: _steps(n, ((7, 1.0), (30, 0.6), (90, 0.2))),
    "service_provider_access_hours": lambda n: _steps(n, ((2, 1.0), (12, 0.5), (24, 0.25))),
    # More is better up to two weeks, neutral after.
    "reflection_period_days": lambda n: min(n, 14) / 14,
}


def _share_function(key):
    """A function from an answer to the share of the item's weight it earns (0.0 to 1.0).

    Built once per item at import: scoring runs in batches of thousands.
    """
    item = ITEMS[key]
    if item.type == CHOICE:
        steps = len(item.values) - 1
        shares = {value: index / steps for index, value in enumerate(item.values)}
        return lambda value: shares.get(value, 0.0)
    if item.type == BOOL:
        best = key not in TRUE_IS_WORSE
        return lambda value: 1.0 if value is best else 0.0
    if item.type == MULTI:
        full_at = MULTI_FULL_AT[key]
        weight = {value: VALUE_WEIGHT.get((key, value), 1.0) for value in item.values}
        return lambda value: min(sum(map(weight.get, value)) / full_at, 1.0) if value else 0.0
    if item.type == INT:
        share = INT_SHARE[key]
        return lambda value: 0.0 if value is None else share(value)
    assert item.type == TEXT, key
    return lambda value: 1.0 if is_answered(value) else 0.0


SHARE = {key: _share_function(key) for key in WEIGHTS}


def item_share(key, value):
    """How much of an item's weight an answer earns, from 0.0 (or unanswered) to 1.0."""
    return SHARE[key](value)


# What good looks like, item by item: the finding and condition when an item loses
# points and no named rule explains it.
ADVICE = {
    "evidence_sources": gettext_noop(
        "Base the operation on at least two strong sources, such as a victim's account, "
        "undercover observation or surveillance."
    ),
    "independent_corroborations": gettext_noop(
        "Have victims' presence confirmed by three independent sources."
    ),
    "victim_presence": gettext_noop("Confirm that victims are present."),
    "intelligence_age_days": gettext_noop(
        "Refresh the intelligence: victims' presence should be confirmed within the last week."
    ),
    "offence_basis": gettext_noop("Name the trafficking or forced-labour offence pursued."),
    "warrant_status": gettext_noop("Obtain the warrant, or record why none is required."),
    "operation_purpose": gettext_noop("Target one site, not an area."),
    "broker_links_investigated": gettext_noop(
        "Investigate the links to brokers and other sites before the raid."
    ),
    "objective_arrest": gettext_noop("Identify the suspects to arrest."),
    "objective_seize": gettext_noop(
        "List the evidence to seize: records, phones, documents, signs of confinement."
    ),
    "objective_rescue": gettext_noop("Make removing potential victims from harm an objective."),
    "immigration_enforcement_objective": gettext_noop(
        "Record that arresting irregular migrants is not an objective."
    ),
    "roles_assigned": gettext_noop(
        "Assign every role: scene security, evidence, arrest, victim team, transport, command."
    ),
    "prosecutor_involved": gettext_noop("Involve a prosecutor in the planning."),
    "evidence_specialists": gettext_noop("Let only trained staff collect evidence."),
    "media_presence": gettext_noop("Decide now to keep the media out."),
    "observers_excluded": gettext_noop("Keep away everyone without a law-enforcement mandate."),
    "leak_risk": gettext_noop("Lower the risk of a leak: vetted team, late briefing."),
    "leak_mitigations": gettext_noop("Write down how a leak is prevented."),
    "officer_safety_assessed": gettext_noop(
        "Assess officer safety: weapons, guards, counter-surveillance."
    ),
    "restraint_policy_for_victims": gettext_noop("Use no restraints on potential victims."),
    "deconfliction_checked": gettext_noop("Check deconfliction with other agencies."),
    "segregation_plan": gettext_noop("Separate suspects from potential victims at once."),
    "suspect_identification_method": gettext_noop(
        "Write down how bosses, guards and pimps will be told apart from victims."
    ),
    "separate_transport": gettext_noop("Transport suspects and potential victims separately."),
    "screening_site": gettext_noop("Screen the people found at a safe place off-site."),
    "trauma_informed_interviewers": gettext_noop(
        "Use interviewers trained in trauma-informed interviewing."
    ),
    "interpreters_for_all_languages": gettext_noop(
        "Bring interpreters for every expected language."
    ),
    "child_specialist": gettext_noop("Bring a child specialist for minors."),
    "same_gender_staff": gettext_noop("Have staff of the same gender for interviews."),
    "reflection_period_days": gettext_noop(
        "Allow up to two weeks of counselling before formal statements."
    ),
    "age_assessment_method": gettext_noop(
        "Assess age by self-report or a consensual medical examination."
    ),
    "non_punishment_commitment": gettext_noop(
        "Commit to not charging victims for offences they were forced into."
    ),
    "immigration_relief_available": gettext_noop(
        "Arrange immigration relief: leave to remain or a work permit."
    ),
    "accounts_cross_referenced": gettext_noop("Cross-reference the victims' accounts."),
    "service_provider_engaged": gettext_noop("Engage a named NGO or social service partner."),
    "service_provider_access_hours": gettext_noop(
        "Let service providers meet the persons within two hours."
    ),
    "shelter_capacity_confirmed": gettext_noop("Confirm shelter places for every expected victim."),
    "shelter_type": gettext_noop("Offer voluntary shelter, never a closed one."),
    "aftercare_services": gettext_noop(
        "Arrange aftercare: medical, counselling, legal, housing and more."
    ),
    "services_voluntary": gettext_noop("Let the persons accept or decline each service."),
    "risk_to_non_victims": gettext_noop(
        "Reduce the harm to people on site who are not trafficked."
    ),
    "displacement_risk": gettext_noop("Reduce the risk that the trade moves underground."),
    "community_partners_consulted": gettext_noop(
        "Consult community partners such as sex-worker or migrant-worker organisations."
    ),
    "retaliation_risk_to_families": gettext_noop(
        "Reduce the risk of retaliation against victims' families."
    ),
    "retaliation_mitigations": gettext_noop("Write down how families will be protected."),
    "alternatives_considered": gettext_noop(
        "Consider the alternatives to a raid: inspection, investigation, outreach."
    ),
    "raid_necessity_justification": gettext_noop(
        "Explain why a raid is necessary rather than the alternatives."
    ),
    "prosecution_plan": gettext_noop("Assign a prosecutor and plan the case."),
    "asset_seizure_plan": gettext_noop("Plan to seize proceeds of crime for compensation."),
    "witness_protection_measures": gettext_noop("Put witness protection measures in place."),
    "after_action_review_planned": gettext_noop("Plan an after-action review."),
}


def _unless(value, *good):
    """True when the answer is not one of the good ones; unanswered is never good."""
    return value not in good


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    items: tuple
    message: str
    condition: str
    source: str
    fires: object  # (answers, operation) -> bool
    kind: str = ""  # for gates: "blind" or "no_go"


def _minors_possible(a, op):
    return op["minors_suspected"] in (None, "yes", "unknown") or a["minors_in_commercial_sex"] in (
        None,
        "suspected",
        "confirmed",
    )


RULES = (
    # Gates that make an operation blind.
    Rule(
        "blind-presence-unverified",
        GATE,
        ("victim_presence",),
        gettext_noop(
            "Victims' presence is assumed or unknown. A raid without a verified presence "
            "of victims is a blind raid."
        ),
        gettext_noop("Verify that victims are present before any operation."),
        SMART_RAIDS,
        lambda a, op: a["victim_presence"] in (None, "none", "assumed"),
        "blind",
    ),
    Rule(
        "blind-area-sweep",
        GATE,
        ("operation_purpose",),
        gettext_noop("A sweep of an area is a round-up, not an anti-trafficking operation."),
        gettext_noop("Limit the action to the one site where victims are known to be."),
        SMART_RAIDS,
        lambda a, op: _unless(a["operation_purpose"], "targeted_site"),
        "blind",
    ),
    Rule(
        "blind-no-offence",
        GATE,
        ("offence_basis",),
        gettext_noop("No trafficking or forced-labour offence is named as the basis."),
        gettext_noop("Name the trafficking or forced-labour offence the operation pursues."),
        SMART_RAIDS,
        lambda a, op: not is_answered(a["offence_basis"]),
        "blind",
    ),
    Rule(
        "blind-no-identification",
        GATE,
        ("screening_site", "trauma_informed_interviewers"),
        gettext_noop(
            "There is no victim identification: no screening and no trauma-informed interviewers."
        ),
        gettext_noop("Screen everyone found off-site, with trauma-informed interviewers."),
        SMART_RAIDS,
        lambda a, op: (
            a["screening_site"] in (None, "none") and a["trauma_informed_interviewers"] is not True
        ),
        "blind",
    ),
    Rule(
        "blind-immigration-objective",
        GATE,
        ("immigration_enforcement_objective",),
        gettext_noop(
            "Arresting irregular migrants is an aim. The objectives are arrest of "
            "exploiters, seizure and rescue only."
        ),
        gettext_noop("Drop immigration enforcement: nobody found is arrested for status."),
        SIREN,
        lambda a, op: _unless(a["immigration_enforcement_objective"], False),
        "blind",
    ),
    # Gates that make the decision no_go.
    Rule(
        "nogo-no-segregation",
        GATE,
        ("segregation_plan",),
        gettext_noop("Suspects are not separated from potential victims."),
        gettext_noop("Segregate suspects from potential victims at once."),
        SMART_RAIDS,
        lambda a, op: a["segregation_plan"] is not True,
        "no_go",
    ),
    Rule(
        "nogo-no-service-provider",
        GATE,
        ("service_provider_engaged", "service_provider_access_hours"),
        gettext_noop(
            "No service provider can meet the persons within 24 hours. When providers were "
            "kept out for a day, most of those rescued ended up in immigration detention."
        ),
        gettext_noop("Call a service provider now, to meet the persons within hours."),
        UNTOLD_SIDE,
        lambda a, op: (
            a["service_provider_engaged"] is not True
            or a["service_provider_access_hours"] is None
            or a["service_provider_access_hours"] > 24
        ),
        "no_go",
    ),
    Rule(
        "nogo-media-invited",
        GATE,
        ("media_presence",),
        gettext_noop("Media are invited or not ruled out; coverage puts victims at risk."),
        gettext_noop("Keep the media out."),
        SMART_RAIDS,
        lambda a, op: a["media_presence"] in (None, "invited"),
        "no_go",
    ),
    Rule(
        "nogo-restraints",
        GATE,
        ("restraint_policy_for_victims",),
        gettext_noop("Every person found would be restrained: rescue would feel like arrest."),
        gettext_noop("Use no restraints on potential victims."),
        RAIDS_EXPLAINED,
        lambda a, op: a["restraint_policy_for_victims"] in (None, "restraints_for_all"),
        "no_go",
    ),
    Rule(
        "nogo-detention-shelter",
        GATE,
        ("shelter_type", "services_voluntary"),
        gettext_noop("Victims would be held in a closed, detention-like shelter."),
        gettext_noop("Offer voluntary care only: no detention-like shelter."),
        UNTOLD_SIDE,
        lambda a, op: (
            a["shelter_type"] in (None, "closed_detention_like")
            and a["services_voluntary"] is not True
        ),
        "no_go",
    ),
    # Findings that are at least major.
    Rule(
        "presence-single-source",
        MAJOR,
        ("victim_presence",),
        gettext_noop("Victims' presence rests on one report only."),
        gettext_noop("Corroborate victims' presence with a second, independent source."),
        SMART_RAIDS,
        lambda a, op: a["victim_presence"] == "reported",
    ),
    Rule(
        "presence-too-few-corroborations",
        MAJOR,
        ("victim_presence", "independent_corroborations"),
        gettext_noop("Presence is called corroborated, but fewer than two sources confirm it."),
        gettext_noop("Have at least two independent sources confirm victims' presence."),
        SIREN,
        lambda a, op: (
            a["victim_presence"] == "corroborated" and (a["independent_corroborations"] or 0) < 2
        ),
    ),
    Rule(
        "intelligence-stale",
        MAJOR,
        ("intelligence_age_days",),
        gettext_noop("Victims' presence was last confirmed more than 30 days ago, or never."),
        gettext_noop("Confirm victims' presence again: the intelligence is over 30 days old."),
        RAIDS_EXPLAINED,
        lambda a, op: a["intelligence_age_days"] is None or a["intelligence_age_days"] > 30,
    ),
    Rule(
        "warrant-missing",
        MAJOR,
        ("warrant_status",),
        gettext_noop("There is no warrant yet."),
        gettext_noop("Obtain the warrant, or record why none is required."),
        SIREN,
        lambda a, op: a["warrant_status"] in (None, "none", "pending"),
    ),
    Rule(
        "interpreters-missing",
        MAJOR,
        ("interpreters_for_all_languages",),
        gettext_noop("Not every expected language has an interpreter."),
        gettext_noop("Bring interpreters for every expected language."),
        RAIDS_EXPLAINED,
        lambda a, op: (
            bool(op["expected_languages"]) and a["interpreters_for_all_languages"] is not True
        ),
    ),
    Rule(
        "child-specialist-missing",
        MAJOR,
        ("child_specialist",),
        gettext_noop("Minors may be present and no child specialist is on the team."),
        gettext_noop("Bring a child specialist for minors."),
        SMART_RAIDS,
        lambda a, op: a["child_specialist"] is not True and _minors_possible(a, op),
    ),
    Rule(
        "screening-not-offsite",
        MAJOR,
        ("screening_site",),
        gettext_noop("The people found are not screened at a safe place away from the site."),
        gettext_noop("Screen the people found at a safe place off-site."),
        SMART_RAIDS,
        lambda a, op: _unless(a["screening_site"], "offsite_safe_location"),
    ),
    Rule(
        "interviewers-not-trauma-informed",
        MAJOR,
        ("trauma_informed_interviewers",),
        gettext_noop("Interviewers are not trained in trauma-informed interviewing."),
        gettext_noop("Use interviewers trained in trauma-informed interviewing."),
        RAIDS_EXPLAINED,
        lambda a, op: a["trauma_informed_interviewers"] is not True,
    ),
    Rule(
        "age-forced-medical",
        MAJOR,
        ("age_assessment_method",),
        gettext_noop("Age would be assessed by a forced medical examination."),
        gettext_noop("Assess age by self-report or a consensual medical examination."),
        SMART_RAIDS,
        lambda a, op: a["age_assessment_method"] in (None, "forced_medical"),
    ),
    Rule(
        "non-punishment-missing",
        MAJOR,
        ("non_punishment_commitment",),
        gettext_noop(
            "Victims could be charged for offences they were forced into: protection would "
            "feel like punishment."
        ),
        gettext_noop("Commit to not charging victims for offences they were forced into."),
        RAIDS_EXPLAINED,
        lambda a, op: a["non_punishment_commitment"] is not True,
    ),
    Rule(
        "provider-access-slow",
        MAJOR,
        ("service_provider_access_hours",),
        gettext_noop("Service providers cannot meet the persons within two hours."),
        gettext_noop("Let service providers meet the persons within two hours."),
        UNTOLD_SIDE,
        lambda a, op: (
            a["service_provider_access_hours"] is None or a["service_provider_access_hours"] > 2
        ),
    ),
    Rule(
        "shelter-capacity-unconfirmed",
        MAJOR,
        ("shelter_capacity_confirmed",),
        gettext_noop("Shelter places for the expected victims are not confirmed."),
        gettext_noop("Confirm shelter places for every expected victim."),
        EVOLUTION,
        lambda a, op: a["shelter_capacity_confirmed"] is not True,
    ),
    Rule(
        "services-not-voluntary",
        MAJOR,
        ("services_voluntary",),
        gettext_noop("The persons cannot choose which services to accept."),
        gettext_noop("Let the persons accept or decline each service."),
        SIREN,
        lambda a, op: a["services_voluntary"] is not True,
    ),
    Rule(
        "leak-unmitigated",
        MAJOR,
        ("leak_risk", "leak_mitigations"),
        gettext_noop("The risk of a leak is high and nothing is planned against it."),
        gettext_noop("Write down how a leak is prevented: vetted team, late briefing."),
        SIREN,
        lambda a, op: a["leak_risk"] in (None, "high") and not is_answered(a["leak_mitigations"]),
    ),
    Rule(
        "officer-safety-unassessed",
        MAJOR,
        ("officer_safety_assessed",),
        gettext_noop("Officer safety has not been assessed."),
        gettext_noop("Assess officer safety: weapons, guards, counter-surveillance."),
        SIREN,
        lambda a, op: a["officer_safety_assessed"] is not True,
    ),
    Rule(
        "prosecution-plan-missing",
        MAJOR,
        ("prosecution_plan",),
        gettext_noop("There is no prosecution plan; without one, traffickers carry on."),
        gettext_noop("Assign a prosecutor and plan the case."),
        UNTOLD_SIDE,
        lambda a, op: a["prosecution_plan"] is not True,
    ),
    # Immediate danger that does not make the operation urgent.
    Rule(
        "danger-ongoing-abuse",
        MINOR,
        ("ongoing_serious_abuse",),
        gettext_noop("Serious abuse is going on now."),
        gettext_noop("Check whether the risk to life is credible and imminent; plan quickly."),
        SIREN,
        lambda a, op: a["ongoing_serious_abuse"] is True,
    ),
    Rule(
        "danger-relocation",
        MINOR,
        ("relocation_imminent",),
        gettext_noop("Victims are likely to be moved soon."),
        gettext_noop("Keep planning short and the circle of those briefed small."),
        RAIDS_EXPLAINED,
        lambda a, op: a["relocation_imminent"] is True,
    ),
)

URGENCY_UNVERIFIED = Rule(
    "urgency-unverified",
    GATE,
    ("risk_to_life", "minors_in_commercial_sex", "victim_presence"),
    gettext_noop(
        "Immediate danger is claimed, but nothing credible says victims are there. Acting "
        "on it now would be a blind raid."
    ),
    gettext_noop("Verify at once whether victims are present, then assess again."),
    SMART_RAIDS,
    None,
    "no_go",
)
URGENT_RATIONALE = gettext_noop("The approver writes down why the operation cannot wait.")
URGENT_REVIEW = gettext_noop("An after-action review is mandatory.")

ALTERNATIVE_KEYS = ITEMS["alternatives_considered"].values
SEX_SECTOR_SITES = ("brothel", "massage_parlour", "entertainment_venue")
PRESENCE_CREDIBLE = ("reported", "corroborated", "confirmed")
SCORED_KEYS = tuple(WEIGHTS)
WEIGHTED_ITEMS = tuple((key, SECTION_OF[key], weight) for key, weight in WEIGHTS.items())
SECTION_KEYS = tuple(section.key for section in SECTIONS if section.key != "T")
REPORTED_KEYS = tuple(key for key, item in ITEMS.items() if not item.optional)


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
    hazards = (a["weapons_expected"] != "none") + sum(
        a[key] is not False
        for key in (
            "site_fortified",
            "suspects_violent_history",
            "lookouts_or_countersurveillance",
            "vulnerable_bystanders",
        )
    )
    if hazards >= 3:
        return "high"
    return "moderate" if hazards else "lower"


def _alternatives(a, op, urgent):
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
        and (a["objective_rescue"] is not True or presence not in ("corroborated", "confirmed")),
    }
    return [key for key in ALTERNATIVE_KEYS if suggested[key]]


def score_assessment(assessment):
    """The verdict for a parsed assessment, as the JSON of the domain contract."""
    a = assessment["answers"]
    op = assessment["operation"]

    shares = {key: share(a[key]) for key, share in SHARE.items()}
    section_points = dict.fromkeys(SECTION_KEYS, 0.0)
    for key, section, weight in WEIGHTED_ITEMS:
        section_points[section] += weight * shares[key]
    total = sum(section_points.values())

    fired = [rule for rule in RULES if rule.fires(a, op)]
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
    for key in SCORED_KEYS:
        if shares[key] < 1.0 and key not in explained:
            findings.append(
                {
                    "rule": f"item-{key}",
                    "severity": MINOR,
                    "items": [key],
                    "message": ADVICE[key],
                    "source": ITEMS[key].source,
                }
            )
            conditions_of[f"item-{key}"] = ADVICE[key]

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
        "scoring_version": SCORING_VERSION,
        "classification": classification,
        "decision": decision,
        "score": round(total),
        "threat_tier": threat_tier,
        "approvals_required": 2 if urgent or threat_tier in ("high", "highest") else 1,
        "section_scores": {key: round(points) for key, points in section_points.items()},
        "findings": findings,
        "conditions": list(dict.fromkeys(conditions)),
        "alternatives": _alternatives(a, op, urgent),
        "missing": [key for key in REPORTED_KEYS if not is_answered(a[key])],
    }
