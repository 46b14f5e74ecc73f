"""The named rules of the verdict: gates, major and minor findings, with their messages.

Each rule says which items it names, what is wrong (message), what to do (condition) and
the source it rests on; `fires` reads the answers and the profile. Unanswered counts as
the answer that fires a rule: unknown is not good.
"""

from dataclasses import dataclass

from ..checklist import (
    EVOLUTION,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    UNTOLD_SIDE,
    gettext_noop,
    is_answered,
)

GATE, MAJOR, MINOR = "gate", "major", "minor"


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
