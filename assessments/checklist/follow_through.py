"""Sections H, I and J: harm to others, the alternatives, and what follows the day."""

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
    UNTOLD_SIDE,
    Item,
    Section,
    gettext_noop,
)

HARM = Section(
    "H",
    title=gettext_noop("Harm to others"),
    intro=gettext_noop("What the raid does to people who are not trafficked, and to families."),
    items=(
        Item(
            "risk_to_non_victims",
            CHOICE,
            question=gettext_noop("Risk of harm to people on site who are not trafficked"),
            values={
                "high": gettext_noop("High"),
                "medium": gettext_noop("Medium"),
                "low": gettext_noop("Low"),
            },
            help=gettext_noop(
                "Raids do not tell voluntary sex workers from trafficked persons; many"
                " of those rescued do not want rescue."
            ),
            source=UNTOLD_SIDE,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "displacement_risk",
            CHOICE,
            question=gettext_noop("Risk that the trade moves and goes underground"),
            values={
                "high": gettext_noop("High"),
                "medium": gettext_noop("Medium"),
                "low": gettext_noop("Low"),
            },
            help=gettext_noop(
                "Raids can scatter workers' networks and push exploitation into less safe places."
            ),
            source=UNTOLD_SIDE,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "community_partners_consulted",
            BOOL,
            question=gettext_noop("Have community partners been consulted?"),
            help=gettext_noop(
                "For example sex-worker or migrant-worker organisations, who often "
                "identify trafficked people themselves."
            ),
            source=UNTOLD_SIDE,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "retaliation_risk_to_families",
            CHOICE,
            question=gettext_noop("Risk of retaliation against victims' families"),
            values={
                "high": gettext_noop("High"),
                "medium": gettext_noop("Medium"),
                "low": gettext_noop("Low"),
            },
            help=gettext_noop("Exploiters threaten victims' relatives to keep them silent."),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "retaliation_mitigations",
            TEXT,
            question=gettext_noop("How are families protected from retaliation?"),
            help=gettext_noop("Plan protection before anyone is asked to testify."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)

ALTERNATIVES = Section(
    "I",
    title=gettext_noop("Alternatives"),
    intro=gettext_noop("Raid only when necessary, after weighing less harmful ways."),
    items=(
        Item(
            "alternatives_considered",
            MULTI,
            question=gettext_noop("Which alternatives were considered?"),
            values={
                "labour_inspection": gettext_noop("Labour inspection"),
                "continued_investigation": gettext_noop("Continued investigation"),
                "financial_investigation": gettext_noop("Financial investigation"),
                "community_outreach": gettext_noop("Community outreach"),
                "targeted_arrest": gettext_noop("Targeted arrest"),
            },
            help=gettext_noop(
                "Labour inspection, continued intelligence-led investigation and "
                "community monitoring can do what a raid does with less harm."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "raid_necessity_justification",
            TEXT,
            question=gettext_noop("Why a raid rather than the alternatives?"),
            help=gettext_noop("Raids should be carried out only when absolutely necessary."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)

FOLLOW_THROUGH = Section(
    "J",
    title=gettext_noop("Follow-through"),
    intro=gettext_noop("Prosecution, compensation and protection after the day."),
    items=(
        Item(
            "prosecution_plan",
            BOOL,
            question=gettext_noop("Is there a prosecution plan (prosecutor, case building)?"),
            help=gettext_noop(
                "Many raids are never followed by prosecution, and traffickers simply "
                "replace the people taken out."
            ),
            source=UNTOLD_SIDE,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "asset_seizure_plan",
            BOOL,
            question=gettext_noop("Is there a plan to seize proceeds of crime for compensation?"),
            help=gettext_noop(
                "Seizing assets compensates victims quickly and disrupts the business."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "witness_protection_measures",
            BOOL,
            question=gettext_noop("Are there witness protection measures?"),
            help=gettext_noop("Witnesses who do not feel safe withdraw and cases collapse."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "reintegration_plan",
            BOOL,
            question=gettext_noop(
                "Is there support after care ends (return to family or community, work, stigma)?"
            ),
            help=gettext_noop(
                "Early rescues assumed victims would go home and live happily; survivors need "
                "long support against shame, trauma and being shunned."
            ),
            source=EVOLUTION,
            since="2",
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "after_action_review_planned",
            BOOL,
            question=gettext_noop("Is an after-action review planned?"),
            help=gettext_noop(
                "Success is measured by survivors' well-being, not the number of raids"
                " and arrests; review the outcome."
            ),
            source=RAIDS_EXPLAINED,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)
