"""Sections C, D and T: the objectives, the plan and its roles, and the tactical threat."""

from .records import (
    BOOL,
    CHOICE,
    EVOLUTION,
    FULL_BRIEF_ONLY,
    MULTI,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    TEXT,
    THREAT_MATRICES,
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
        Item(
            "payment_to_exploiters",
            BOOL,
            question=gettext_noop("Does the plan pay the exploiters to release people?"),
            help=gettext_noop(
                "Buying people out of exploitation puts money in the traffickers' hands, and "
                "they find another victim to replace each one bought free."
            ),
            source=EVOLUTION,
            since="2",
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
            "lead_agency",
            CHOICE,
            question=gettext_noop("Who leads the operation and enters the site?"),
            values={
                "ngo_or_private": gettext_noop("An NGO or private investigators"),
                "law_enforcement_without_jurisdiction": gettext_noop(
                    "Law enforcement without jurisdiction"
                ),
                "law_enforcement_with_jurisdiction": gettext_noop(
                    "Law enforcement with jurisdiction"
                ),
            },
            help=gettext_noop(
                "Only the law-enforcement agency with jurisdiction has the authority to enter a "
                "site and end the exploitation; NGOs, private investigators and journalists do "
                "not, and cannot take the government's place in a raid."
            ),
            source=SMART_RAIDS,
            since="2",
            disclosure=FULL_BRIEF_ONLY,
        ),
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
            help=gettext_noop(
                "Key evidence has often been passed over as irrelevant in raids; only people "
                "trained to gather and record evidence should collect it at the scene."
            ),
            source=SIREN,
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
                "Clear the scene of everyone without a direct law-enforcement mandate: "
                "observers can endanger confidentiality, confuse victims and compromise the "
                "evidence."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "immigration_officers_on_scene",
            BOOL,
            question=gettext_noop("Will immigration officers be on the scene?"),
            help=gettext_noop(
                "Only people with a direct law-enforcement mandate belong at the scene; "
                "immigration officers may confuse victims, blur the operation's mandate and "
                "compromise evidence."
            ),
            source=SIREN,
            since="2",
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
            "team_vetted",
            BOOL,
            question=gettext_noop(
                "Is the team vetted for links to the site and to local protection rackets?"
            ),
            help=gettext_noop(
                "Some officers take bribes or protect traffickers; an unvetted team can warn "
                "the site before the raid."
            ),
            source=SIREN,
            since="2",
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "officer_safety_assessed",
            BOOL,
            question=gettext_noop("Has officer safety been assessed?"),
            help=gettext_noop(
                "Check the weapons, guards and counter-surveillance to expect, as a "
                "warrant-service threat assessment does."
            ),
            source=THREAT_MATRICES,
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
                "Where agencies' jurisdictions overlap, the intelligence must reach the right "
                "agency, so that no other operation is under way at the same site."
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
            help=gettext_noop(
                "Check intelligence, records and surveillance for firearms on site. Confirmed "
                "firearms, or an unanswered question, put the operation in the highest threat "
                "tier: two approvals."
            ),
            source=THREAT_MATRICES,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "site_fortified",
            BOOL,
            question=gettext_noop("Is the site fortified?"),
            help=gettext_noop(
                "Check for barred doors and windows, locked gates, reinforced entries or guard "
                "posts that slow an entry."
            ),
            source=THREAT_MATRICES,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "suspects_violent_history",
            BOOL,
            question=gettext_noop("Do suspects have a violent history?"),
            help=gettext_noop(
                "Check the suspects' records and the intelligence for violence, threats or "
                "weapons offences."
            ),
            source=THREAT_MATRICES,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "lookouts_or_countersurveillance",
            BOOL,
            question=gettext_noop("Are there lookouts or counter-surveillance?"),
            help=gettext_noop(
                "Check for lookouts, cameras watching the approach or people who warn the site."
            ),
            source=THREAT_MATRICES,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "vulnerable_bystanders",
            BOOL,
            question=gettext_noop("Are children or other uninvolved people on site?"),
            help=gettext_noop(
                "Check whether children or other people not involved live or work on the site."
            ),
            source=THREAT_MATRICES,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)
