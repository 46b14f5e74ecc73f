"""Sections C, D and T: the objectives, the plan and its roles, and the tactical threat."""

from .records import (
    BOOL,
    CHOICE,
    FULL_BRIEF_ONLY,
    MULTI,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    TEXT,
    Item,
    Section,
    gettext_noop,
)

OBJECTIVES = Section(
    "C",
    title=gettext_noop("Objectives"),
    intro=gettext_noop("An operation has three objectives only: arrest, seize, rescue."),
    items=(
        Item(
            "objective_arrest",
            BOOL,
            question=gettext_noop("Are the suspects to arrest identified?"),
            help=gettext_noop("Arresting the exploiters is one of the three objectives."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "objective_seize",
            MULTI,
            question=gettext_noop("What evidence is to be seized?"),
            values={
                "cctv": gettext_noop("CCTV"),
                "documents_passports": gettext_noop("Documents and passports"),
                "financial_records": gettext_noop("Financial records"),
                "weapons": gettext_noop("Weapons"),
                "confinement_evidence": gettext_noop("Evidence of confinement"),
                "phones": gettext_noop("Phones"),
                "other": gettext_noop("Other"),
            },
            help=gettext_noop(
                "Non-testimonial evidence (records, phones, documents, signs of "
                "confinement) lessens the burden on victims to carry the case."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "objective_rescue",
            BOOL,
            question=gettext_noop("Are potential victims to be removed from harm?"),
            help=gettext_noop("Rescue is one of the three objectives."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "immigration_enforcement_objective",
            BOOL,
            question=gettext_noop("Does the operation also aim to arrest irregular migrants?"),
            help=gettext_noop(
                "Arresting irregular migrants is never an objective: it punishes the "
                "people trafficking law is meant to protect."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)

PLAN = Section(
    "D",
    title=gettext_noop("Operation plan and roles"),
    intro=gettext_noop("Every team's role planned, the operation kept secret and calm."),
    items=(
        Item(
            "roles_assigned",
            MULTI,
            question=gettext_noop("Which roles are assigned?"),
            values={
                "scene_security": gettext_noop("Scene security"),
                "evidence_team": gettext_noop("Evidence team"),
                "arrest_team": gettext_noop("Arrest team"),
                "victim_team": gettext_noop("Victim team"),
                "transport": gettext_noop("Transport"),
                "command": gettext_noop("Command"),
            },
            help=gettext_noop("Every team's role should be planned in detail before the day."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "prosecutor_involved",
            BOOL,
            question=gettext_noop("Is a prosecutor involved in the planning?"),
            help=gettext_noop("Raids planned with the prosecution produce usable evidence."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "evidence_specialists",
            BOOL,
            question=gettext_noop("Do only trained staff collect evidence?"),
            help=gettext_noop("Badly gathered evidence makes prosecutions hard."),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "media_presence",
            CHOICE,
            question=gettext_noop("Media"),
            values={
                "invited": gettext_noop("Invited"),
                "not_decided": gettext_noop("Not decided"),
                "excluded": gettext_noop("Excluded"),
            },
            help=gettext_noop(
                "Media coverage of a raid invades victims' privacy and puts them at risk."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "observers_excluded",
            BOOL,
            question=gettext_noop("Are people without a law-enforcement mandate kept away?"),
            help=gettext_noop(
                "NGOs cannot take the place of government in a raid; observers add risk."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "leak_risk",
            CHOICE,
            question=gettext_noop("Risk that the operation leaks"),
            values={
                "high": gettext_noop("High"),
                "medium": gettext_noop("Medium"),
                "low": gettext_noop("Low"),
            },
            help=gettext_noop("Leaks and corruption let traffickers move victims before the raid."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "leak_mitigations",
            TEXT,
            question=gettext_noop("How is a leak prevented?"),
            help=gettext_noop("For example a vetted team, need-to-know and late briefings."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "officer_safety_assessed",
            BOOL,
            question=gettext_noop("Has officer safety been assessed?"),
            help=gettext_noop("Weapons, guards and counter-surveillance considered."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "restraint_policy_for_victims",
            CHOICE,
            question=gettext_noop("Restraints on potential victims"),
            values={
                "restraints_for_all": gettext_noop("Restraints for everyone"),
                "case_by_case": gettext_noop("Case by case"),
                "no_restraints": gettext_noop("No restraints"),
            },
            help=gettext_noop(
                "Handcuffing the people found makes rescue feel like arrest and re-"
                "traumatises them."
            ),
            source=RAIDS_EXPLAINED,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "deconfliction_checked",
            BOOL,
            question=gettext_noop("Has deconfliction with other agencies been checked?"),
            help=gettext_noop(
                "Where agencies overlap, intelligence must reach the right one and "
                "operations must not collide."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)

THREAT = Section(
    "T",
    title=gettext_noop("Tactical threat"),
    intro=gettext_noop(
        "Officer and bystander safety. These answers do not make a raid smart or "
        "blind; they set the threat tier and so who must approve."
    ),
    items=(
        Item(
            "weapons_expected",
            CHOICE,
            question=gettext_noop("Weapons expected on site"),
            values={
                "confirmed_firearms": gettext_noop("Firearms confirmed"),
                "possible": gettext_noop("Possible"),
                "none": gettext_noop("None"),
            },
            help=gettext_noop("Confirmed firearms put the operation in the highest tier."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "site_fortified",
            BOOL,
            question=gettext_noop("Is the site fortified?"),
            help=gettext_noop("Yes is the hazard."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "suspects_violent_history",
            BOOL,
            question=gettext_noop("Do suspects have a violent history?"),
            help=gettext_noop("Yes is the hazard."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "lookouts_or_countersurveillance",
            BOOL,
            question=gettext_noop("Are there lookouts or counter-surveillance?"),
            help=gettext_noop("Yes is the hazard."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "vulnerable_bystanders",
            BOOL,
            question=gettext_noop("Are children or other uninvolved people on site?"),
            help=gettext_noop("Yes is the hazard."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)
