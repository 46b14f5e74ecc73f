"""The major and minor findings of the verdict: what keeps a plan from go, with its words.

Read like `rules`: every rule reads the answers as the scorer reads them (victim_presence
is the supported presence; an empty text is unanswered) and, when it fired because an
item was not answered, says so. Where a rule's condition does not apply (no minors
suspected), it does not fire, and the scoring rows lose no point for it either
(`applies` there reads the same functions).
"""

from ..checklist import (
    EVOLUTION,
    OWN_ADVICE,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    THREAT_MATRICES,
    UNTOLD_SIDE,
    gettext_noop,
)
from .rules import MAJOR, MINOR, Rule, below


def minors_possible(a, op):
    """Minors may be on site: suspected or not ruled out, or children in commercial sex."""
    return op["minors_suspected"] in (None, "yes", "unknown") or a["minors_in_commercial_sex"] in (
        "suspected",
        "confirmed",
    )


def _major(id_, items, message, condition, source, fires, unanswered, **options):
    return Rule(id_, MAJOR, items, message, condition, source, fires, unanswered, **options)


INTERPRETERS_MISSING = "interpreters-missing"
# Where urgency overrides the gates, these findings' conditions go along as minimum
# safeguards too (children's protection; immigration officers kept out).
URGENT_SAFEGUARDS = (
    "child-specialist-missing",
    "guardian-missing",
    "immigration-officers-on-scene",
)


FINDINGS = (
    _major(
        "presence-single-source",
        ("victim_presence",),
        gettext_noop("Victims' presence rests on one source only."),
        gettext_noop("Corroborate victims' presence with a second, independent source."),
        SMART_RAIDS,
        lambda a, op: a["victim_presence"] == "reported",
        "",
    ),
    _major(
        "intelligence-stale",
        ("intelligence_age_days",),
        gettext_noop("Victims' presence was last confirmed more than 30 days ago."),
        gettext_noop("Confirm victims' presence again: the intelligence is over 30 days old."),
        SIREN,
        lambda a, op: a["intelligence_age_days"] is None or a["intelligence_age_days"] > 30,
        gettext_noop(
            "When victims' presence was last confirmed is not answered, so counted as over "
            "30 days ago; answer it."
        ),
    ),
    _major(
        "warrant-missing",
        ("warrant_status",),
        gettext_noop("There is no warrant yet."),
        gettext_noop("Obtain the warrant, or record why none is required."),
        EVOLUTION,
        lambda a, op: a["warrant_status"] in (None, "none", "pending"),
        gettext_noop("The warrant is not answered, so counted as none; answer it."),
    ),
    _major(
        INTERPRETERS_MISSING,
        ("interpreters_for_all_languages",),
        gettext_noop("Not every language of the people on site has an interpreter."),
        gettext_noop("Bring interpreters for every expected language."),
        RAIDS_EXPLAINED,
        lambda a, op: a["interpreters_for_all_languages"] is not True,
        gettext_noop(
            "Interpreters are not answered, so counted as missing for some language; answer it."
        ),
    ),
    _major(
        "child-specialist-missing",
        ("child_specialist",),
        gettext_noop("Minors may be present and no child specialist is on the team."),
        gettext_noop("Bring a child specialist for minors."),
        SMART_RAIDS,
        lambda a, op: a["child_specialist"] is not True and minors_possible(a, op),
        gettext_noop(
            "Minors may be present and the child specialist is not answered, so counted as "
            "none; answer it."
        ),
    ),
    _major(
        "guardian-missing",
        ("guardian_for_minors",),
        gettext_noop("Minors may be present and nobody is to act as each one's guardian."),
        gettext_noop("Have a guardian or child-protection authority act for each minor."),
        SIREN,
        lambda a, op: a["guardian_for_minors"] is not True and minors_possible(a, op),
        gettext_noop(
            "Minors may be present and a guardian for them is not answered, so counted as "
            "none; answer it."
        ),
    ),
    _major(
        "age-assessment-missing",
        ("age_assessment_method",),
        gettext_noop("Minors may be present and there is no way planned to assess age."),
        gettext_noop("Assess age by self-report or a consensual medical examination."),
        SMART_RAIDS,
        lambda a, op: a["age_assessment_method"] in (None, "none") and minors_possible(a, op),
        gettext_noop(
            "Minors may be present and how age is assessed is not answered, so counted as "
            "not at all; answer it."
        ),
    ),
    _major(
        "screening-not-offsite",
        ("screening_site",),
        gettext_noop("The people found are not screened at a safe place away from the site."),
        gettext_noop("Screen the people found at a safe place off-site."),
        SMART_RAIDS,
        lambda a, op: a["screening_site"] != "offsite_safe_location",
        gettext_noop(
            "Where people are screened is not answered, so counted as nowhere; answer it."
        ),
    ),
    _major(
        "interviewers-not-trauma-informed",
        ("trauma_informed_interviewers",),
        gettext_noop("Interviewers are not trained in trauma-informed interviewing."),
        gettext_noop("Use interviewers trained in trauma-informed interviewing."),
        RAIDS_EXPLAINED,
        lambda a, op: a["trauma_informed_interviewers"] is not True,
        gettext_noop(
            "Trauma-informed interviewers are not answered, so counted as none; answer it."
        ),
    ),
    _major(
        "age-forced-medical",
        ("age_assessment_method",),
        gettext_noop("Age would be assessed by a forced medical examination."),
        gettext_noop("Assess age by self-report or a consensual medical examination."),
        SMART_RAIDS,
        lambda a, op: a["age_assessment_method"] in (None, "forced_medical"),
        gettext_noop(
            "How age is assessed is not answered, so counted as a forced examination; answer it."
        ),
    ),
    _major(
        "non-punishment-missing",
        ("non_punishment_commitment",),
        gettext_noop(
            "Victims could be charged for offences they were forced into: protection would "
            "feel like punishment."
        ),
        gettext_noop("Commit to not charging victims for offences they were forced into."),
        RAIDS_EXPLAINED,
        lambda a, op: a["non_punishment_commitment"] is not True,
        gettext_noop(
            "The commitment not to punish victims is not answered, so counted as missing; "
            "answer it."
        ),
    ),
    _major(
        "provider-access-slow",
        ("service_provider_access_hours",),
        gettext_noop("Service providers cannot meet the persons within two hours."),
        gettext_noop("Let service providers meet the persons within two hours."),
        UNTOLD_SIDE,
        lambda a, op: (
            a["service_provider_access_hours"] is None or a["service_provider_access_hours"] > 2
        ),
        gettext_noop(
            "How soon providers can meet the persons is not answered, so counted as too late; "
            "answer it."
        ),
    ),
    _major(
        "shelter-capacity-unconfirmed",
        ("shelter_capacity_confirmed",),
        gettext_noop("Shelter places for the expected victims are not confirmed."),
        gettext_noop("Confirm shelter places for every expected victim."),
        EVOLUTION,
        lambda a, op: a["shelter_capacity_confirmed"] is not True,
        gettext_noop("Shelter capacity is not answered, so counted as unconfirmed; answer it."),
    ),
    _major(
        "services-not-voluntary",
        ("services_voluntary",),
        gettext_noop("The persons cannot choose which services to accept."),
        gettext_noop("Let the persons accept or decline each service."),
        SIREN,
        lambda a, op: a["services_voluntary"] is not True,
        gettext_noop(
            "Whether services are voluntary is not answered, so counted as not; answer it."
        ),
    ),
    _major(
        "shelter-closed",
        ("shelter_type",),
        gettext_noop(
            "The shelter is closed and detention-like: many held in such shelters run away."
        ),
        gettext_noop("Offer voluntary shelter, never a closed one."),
        UNTOLD_SIDE,
        lambda a, op: a["shelter_type"] in (None, "closed_detention_like"),
        gettext_noop("The type of shelter is not answered, so counted as closed; answer it."),
    ),
    _major(
        "leak-unmitigated",
        ("leak_risk", "leak_mitigations"),
        gettext_noop("The risk of a leak is high and nothing is planned against it."),
        gettext_noop("Write down how a leak is prevented: vetted team, late briefing."),
        SIREN,
        lambda a, op: a["leak_risk"] in (None, "high") and a["leak_mitigations"] is None,
        gettext_noop(
            "The leak risk or its mitigations are not answered, so counted as a high risk "
            "with nothing against it; answer both."
        ),
    ),
    _major(
        "team-not-vetted",
        ("team_vetted", "leak_risk"),
        gettext_noop(
            "The risk of a leak is not low and the team is not vetted for links to the site "
            "or to protection rackets."
        ),
        gettext_noop("Vet the team for links to the site and to local protection rackets."),
        SIREN,
        lambda a, op: a["team_vetted"] is not True and a["leak_risk"] != "low",
        gettext_noop(
            "The team's vetting or the leak risk is not answered, so counted as an unvetted "
            "team at risk of a leak; answer both."
        ),
    ),
    _major(
        "officer-safety-unassessed",
        ("officer_safety_assessed",),
        gettext_noop("Officer safety has not been assessed."),
        gettext_noop("Assess officer safety: weapons, guards, counter-surveillance."),
        THREAT_MATRICES,
        lambda a, op: a["officer_safety_assessed"] is not True,
        gettext_noop("Officer safety is not answered, so counted as unassessed; answer it."),
    ),
    _major(
        "prosecution-plan-missing",
        ("prosecution_plan",),
        gettext_noop("There is no prosecution plan; without one, traffickers carry on."),
        gettext_noop("Assign a prosecutor and plan the case."),
        UNTOLD_SIDE,
        lambda a, op: a["prosecution_plan"] is not True,
        gettext_noop("The prosecution plan is not answered, so counted as none; answer it."),
    ),
    _major(
        "observers-not-excluded",
        ("observers_excluded",),
        gettext_noop("People without a law-enforcement mandate are not kept away from the scene."),
        gettext_noop("Keep away everyone without a law-enforcement mandate."),
        SIREN,
        lambda a, op: a["observers_excluded"] is not True,
        gettext_noop(
            "Whether observers are kept away is not answered, so counted as not; answer it."
        ),
    ),
    _major(
        "immigration-officers-on-scene",
        ("immigration_officers_on_scene",),
        gettext_noop("Immigration officers would be on the scene, with no role in it."),
        gettext_noop("Keep immigration officers away from the scene."),
        SIREN,
        lambda a, op: a["immigration_officers_on_scene"] is not False,
        gettext_noop(
            "Whether immigration officers are on the scene is not answered, so counted as "
            "yes; answer it."
        ),
    ),
    _major(
        "non-victims-not-planned",
        ("non_victims_plan",),
        gettext_noop("Nothing is planned for the people found who are not identified as victims."),
        gettext_noop("Plan the release, with a referral, of those not identified as victims."),
        UNTOLD_SIDE,
        lambda a, op: a["non_victims_plan"] in (None, "not_planned"),
        gettext_noop(
            "What happens to people not identified as victims is not answered, so counted as "
            "not planned; answer it."
        ),
    ),
    _major(
        "staff-insufficient",
        ("staff_sufficient",),
        gettext_noop("There are not enough interviewers, interpreters and care staff."),
        gettext_noop("Bring enough interviewers, interpreters and care staff for everyone."),
        OWN_ADVICE,
        lambda a, op: a["staff_sufficient"] is not True,
        gettext_noop("Whether staff suffice is not answered, so counted as not; answer it."),
    ),
    _major(
        "safe-return-unassessed",
        ("safe_return_assessed",),
        gettext_noop("Nobody assesses the risk of return before a person is sent home."),
        gettext_noop("Assess the risk of return with each person before any repatriation."),
        EVOLUTION,
        lambda a, op: a["safe_return_assessed"] is not True,
        gettext_noop("Assessing a safe return is not answered, so counted as not done; answer it."),
    ),
    _major(
        "harm-to-non-victims",
        ("risk_to_non_victims",),
        gettext_noop("The raid puts people on site who are not trafficked at high risk of harm."),
        gettext_noop("Reduce the harm to people on site who are not trafficked."),
        UNTOLD_SIDE,
        lambda a, op: a["risk_to_non_victims"] in (None, "high"),
        gettext_noop("The risk to non-victims is not answered, so counted as high; answer it."),
    ),
    _major(
        "displacement-unmitigated",
        ("displacement_risk", "community_partners_consulted"),
        gettext_noop(
            "The trade is likely to move underground and no community partner was consulted."
        ),
        gettext_noop(
            "Consult community partners such as sex-worker or migrant-worker organisations."
        ),
        UNTOLD_SIDE,
        lambda a, op: (
            a["displacement_risk"] in (None, "high")
            and a["community_partners_consulted"] is not True
        ),
        gettext_noop(
            "The displacement risk or consulting community partners is not answered, so "
            "counted as a high risk with no one consulted; answer both."
        ),
    ),
    _major(
        "retaliation-unmitigated",
        ("retaliation_risk_to_families", "retaliation_mitigations"),
        gettext_noop(
            "Victims' families are at high risk of retaliation and nothing protects them."
        ),
        gettext_noop("Write down how families will be protected."),
        SMART_RAIDS,
        lambda a, op: (
            a["retaliation_risk_to_families"] in (None, "high")
            and a["retaliation_mitigations"] is None
        ),
        gettext_noop(
            "The risk to families or their protection is not answered, so counted as a high "
            "risk with nothing against it; answer both."
        ),
    ),
    _major(
        "raid-necessity-unjustified",
        ("raid_necessity_justification",),
        gettext_noop("Nothing says why a raid is necessary rather than the alternatives."),
        gettext_noop("Explain why a raid is necessary rather than the alternatives."),
        SIREN,
        lambda a, op: a["raid_necessity_justification"] is None,
        gettext_noop(
            "Why a raid is necessary is not stated (an empty or placeholder text counts as "
            "not answered); explain it."
        ),
    ),
    _major(
        "verify-before-move",
        ("relocation_imminent", "victim_presence"),
        gettext_noop(
            "Victims may be moved soon, and the sources do not yet corroborate that they are "
            "there: verify now rather than investigate for long."
        ),
        gettext_noop(
            "Verify within hours that victims are there (surveillance, a second source), "
            "then act before they are moved."
        ),
        SIREN,
        lambda a, op: (
            a["relocation_imminent"] is True and below(a["victim_presence"], "corroborated")
        ),
        "",
    ),
    _major(
        "danger-not-assessed",
        ("risk_to_life", "minors_in_commercial_sex"),
        gettext_noop(
            "The immediate danger has not been assessed: whether there is a risk to life, or "
            "children in commercial sex, is not answered."
        ),
        gettext_noop("Ask whether there is a risk to life and children in commercial sex."),
        SIREN,
        lambda a, op: a["risk_to_life"] is None or a["minors_in_commercial_sex"] is None,
        "",
    ),
    Rule(
        "danger-relocation",
        MINOR,
        ("relocation_imminent",),
        gettext_noop("Victims are likely to be moved soon."),
        gettext_noop("Keep planning short and the circle of those briefed small."),
        RAIDS_EXPLAINED,
        lambda a, op: (
            a["relocation_imminent"] is True and not below(a["victim_presence"], "corroborated")
        ),
    ),
)
