"""Sections E, F and G: segregation and screening, identification and care, aftercare."""

from .records import (
    BOOL,
    BOTH_BRIEFS,
    CHOICE,
    EVOLUTION,
    FULL_BRIEF_ONLY,
    INT,
    MULTI,
    OWN_ADVICE,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    TEXT,
    UNTOLD_SIDE,
    Item,
    Section,
    gettext_noop,
)

SEGREGATION = Section(
    "E",
    title=gettext_noop("Segregation and screening"),
    intro=gettext_noop("Suspects kept away from potential victims; screening in a safe place."),
    items=(
        Item(
            "segregation_plan",
            BOOL,
            question=gettext_noop("Are suspects separated from potential victims at once?"),
            help=gettext_noop(
                "Bosses, pimps and guards intimidate victims by their mere presence; "
                "they must be identified and separated."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "suspect_identification_method",
            TEXT,
            question=gettext_noop("How will bosses, guards and pimps be told apart?"),
            help=gettext_noop(
                "Exploiters often pose as workers; decide beforehand how to tell them apart."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "separate_transport",
            BOOL,
            question=gettext_noop("Do suspects and potential victims travel separately?"),
            help=gettext_noop("Sharing a vehicle with a boss is a chance to threaten."),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "screening_site",
            CHOICE,
            question=gettext_noop("Where are the people found screened?"),
            values={
                "none": gettext_noop("None"),
                "on_site": gettext_noop("On site"),
                "offsite_safe_location": gettext_noop("Safe location off-site"),
            },
            help=gettext_noop(
                "Victims speak more freely away from the site, in a non-confrontational setting."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "non_victims_plan",
            CHOICE,
            question=gettext_noop(
                "What happens to people found who are not identified as victims?"
            ),
            values={
                "immigration_detention_or_arrest": gettext_noop("Immigration detention or arrest"),
                "not_planned": gettext_noop("Not planned"),
                "released_with_referral": gettext_noop("Released, with a referral to services"),
            },
            help=gettext_noop(
                "In Operation Gilded Cage most of those rescued were judged not trafficked and "
                "placed in immigration detention; plan their release with a referral before the "
                "day."
            ),
            source=UNTOLD_SIDE,
            since="2",
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)

IDENTIFICATION = Section(
    "F",
    title=gettext_noop("Victim identification and care"),
    intro=gettext_noop("Identification that is trauma-informed, in the person's own language."),
    items=(
        Item(
            "trauma_informed_interviewers",
            BOOL,
            question=gettext_noop("Are the interviewers trained in trauma-informed interviewing?"),
            help=gettext_noop(
                "Silence may come from fear and inconsistent stories from trauma; "
                "pressure leads to misidentification."
            ),
            source=RAIDS_EXPLAINED,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "interpreters_for_all_languages",
            BOOL,
            question=gettext_noop("Are there interpreters for every expected language?"),
            help=gettext_noop("Nobody can be identified as a victim in a language they lack."),
            source=RAIDS_EXPLAINED,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "staff_sufficient",
            BOOL,
            question=gettext_noop(
                "Are there enough interviewers, interpreters and care staff for the expected "
                "victims?"
            ),
            help=gettext_noop(
                "Screening and care need enough trained interviewers, interpreters and care "
                "staff for everyone expected; no source gives a number, so this is the app's "
                "own advice."
            ),
            source=OWN_ADVICE,
            since="2",
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "child_specialist",
            BOOL,
            question=gettext_noop("Is a child specialist on the team?"),
            help=gettext_noop(
                "Children are coached to claim they are adults; take particular care "
                "to identify minors. Required when minors are suspected."
            ),
            source=SMART_RAIDS,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "guardian_for_minors",
            BOOL,
            question=gettext_noop(
                "Does a guardian or child-protection authority act for each minor?"
            ),
            help=gettext_noop(
                "Children have special protection needs: someone must act in each child's "
                "interest from the moment they are found. Required when minors are suspected."
            ),
            source=SIREN,
            since="2",
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "same_gender_staff",
            BOOL,
            question=gettext_noop("Are staff of the same gender available for interviews?"),
            help=gettext_noop("Cultural sensitivity helps prevent re-traumatisation."),
            source=EVOLUTION,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "reflection_period_days",
            INT,
            question=gettext_noop("Days of counselling before formal statements"),
            help=gettext_noop(
                "Police and counsellors need time; a period of a few days to two weeks"
                " should be standard."
            ),
            source=SMART_RAIDS,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "age_assessment_method",
            CHOICE,
            question=gettext_noop("How is age assessed?"),
            values={
                "forced_medical": gettext_noop("Forced medical examination"),
                "none": gettext_noop("None"),
                "self_report_or_consensual_medical": gettext_noop(
                    "Self-report or consensual medical examination"
                ),
            },
            help=gettext_noop(
                "True ages can be learned through self-report or a consensual medical "
                "examination, never a forced one."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "non_punishment_commitment",
            BOOL,
            question=gettext_noop(
                "Is there a commitment not to charge victims for offences they were forced into?"
            ),
            help=gettext_noop(
                "False papers, work without permits or sex work done under coercion "
                "are signs of trafficking, not crimes to punish."
            ),
            source=RAIDS_EXPLAINED,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "immigration_relief_available",
            BOOL,
            question=gettext_noop(
                "Is immigration relief available (leave to remain, work permit)?"
            ),
            help=gettext_noop("Without it, victims avoid being identified and few support a case."),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "accounts_cross_referenced",
            BOOL,
            question=gettext_noop("Will victims' accounts be cross-referenced?"),
            help=gettext_noop("Cross-referencing accounts is part of a smart raid."),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)

AFTERCARE = Section(
    "G",
    title=gettext_noop("Service providers and aftercare"),
    intro=gettext_noop("Care ready at once, voluntary, and not like detention."),
    items=(
        Item(
            "service_provider_engaged",
            BOOL,
            question=gettext_noop("Is a named NGO or social service partner engaged?"),
            help=gettext_noop(
                "When NGOs are involved early, fewer survivors are arrested and "
                "referrals to care are faster."
            ),
            source=RAIDS_EXPLAINED,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "service_provider_access_hours",
            INT,
            question=gettext_noop("Hours from the operation until providers can meet the persons"),
            help=gettext_noop(
                "In Operation Gilded Cage providers waited 24 hours, by which time "
                "most of those rescued had been placed in immigration detention."
            ),
            source=UNTOLD_SIDE,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "shelter_capacity_confirmed",
            BOOL,
            question=gettext_noop("Is shelter capacity confirmed for the expected victims?"),
            help=gettext_noop(
                "Early rescues did not consider what would happen after; plan the "
                "aftercare before the raid."
            ),
            source=EVOLUTION,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "shelter_type",
            CHOICE,
            question=gettext_noop("Type of shelter"),
            values={
                "closed_detention_like": gettext_noop("Closed, detention-like"),
                "none": gettext_noop("None"),
                "voluntary": gettext_noop("Voluntary"),
            },
            help=gettext_noop(
                "Closed shelters feel like detention; many of those held in them run "
                "away and some return to the brothels."
            ),
            source=UNTOLD_SIDE,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "aftercare_services",
            MULTI,
            question=gettext_noop("Which aftercare services are available?"),
            values={
                "medical": gettext_noop("Medical"),
                "counselling": gettext_noop("Counselling"),
                "legal": gettext_noop("Legal"),
                "housing": gettext_noop("Housing"),
                "repatriation": gettext_noop("Repatriation"),
                "livelihood": gettext_noop("Livelihood"),
                "interpretation": gettext_noop("Interpretation"),
            },
            help=gettext_noop(
                "Rescue is the beginning of protection: housing, medical care, "
                "counselling and legal support reduce re-exploitation."
            ),
            source=RAIDS_EXPLAINED,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "services_voluntary",
            BOOL,
            question=gettext_noop("May the persons accept or decline each service?"),
            help=gettext_noop(
                "Trafficked persons should choose which services they accept; "
                "protection must not feel like punishment."
            ),
            source=SIREN,
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "support_conditional_on_testimony",
            BOOL,
            question=gettext_noop(
                "Do shelter, services or leave to remain depend on giving evidence?"
            ),
            help=gettext_noop(
                "Victims kept in shelters until they testify languish for months and avoid "
                "being identified at all; support must not be the price of testimony."
            ),
            source=SIREN,
            since="2",
            disclosure=BOTH_BRIEFS,
        ),
        Item(
            "safe_return_assessed",
            BOOL,
            question=gettext_noop(
                "Is the risk of return assessed with each person before any repatriation?"
            ),
            help=gettext_noop(
                "Survivors sent home may be shunned by their communities or met by the network "
                "that sold them; assess the return with them first."
            ),
            source=EVOLUTION,
            since="2",
            disclosure=BOTH_BRIEFS,
        ),
    ),
)
