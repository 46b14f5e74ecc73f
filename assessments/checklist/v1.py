"""The version 1 checklist, frozen: its items, help texts and sources as version 1 had them.

Nothing but version 1 scoring (scoring/v1.py) reads this module: it exists so that a
version 1 verdict, and a brief signed on it, can be reproduced exactly
(tests/fixtures/scoring_v1). Never edit it, not even to tidy it: it is exempt from the
duplicates check and from the module-size guide of the house style, and it repeats on
purpose what the current checklist says differently. Version 1 assessments are
validated by the current checklist, whose keys include all of these; the operation
profile, validation and value labels therefore live there only.
"""

from dataclasses import dataclass, field

MAX_TEXT_LENGTH = 4000


def gettext_noop(message):
    return message


# Sources, cited by the titles of shared/seeds/README.md.
RAIDS_EXPLAINED = "Anti-Trafficking Raids Explained: When Rescue Helps and When It Harms"
UNTOLD_SIDE = 'Human Trafficking Center, "The Untold Side of Raids and Rescues" (2014)'
SMART_RAIDS = (
    'US Department of State, Trafficking in Persons Office, "Blind Sweeps and Smart Raids"'
)
SIREN = 'UNIAP SIREN, "Raids, Rescues, Resolution" (2008)'
EVOLUTION = '"Evolution in Raid & Rescues" (2020)'
SOURCES = (RAIDS_EXPLAINED, UNTOLD_SIDE, SMART_RAIDS, SIREN, EVOLUTION)

CHOICE, MULTI, BOOL, INT, TEXT, DATE = "choice", "multi", "bool", "int", "text", "date"
TYPES = (CHOICE, MULTI, BOOL, INT, TEXT, DATE)


@dataclass(frozen=True)
class Item:
    """One question of the checklist or one field of the operation profile.

    `values` are listed worst first for choice items. `free_values` marks a multi
    item whose entries are free text (expected_languages). `scored` is false for the
    immediate-danger and tactical-threat items, which decide urgency and threat tier.
    `optional` is for informant_details: there may be no informant at all.
    """

    key: str
    type: str
    question: str
    help: str = ""
    source: str = ""
    values: tuple = ()
    free_values: bool = False
    restricted: bool = False
    scored: bool = True
    required: bool = False
    optional: bool = False  # may stay unanswered without being named missing
    max_length: int = MAX_TEXT_LENGTH  # for text


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    items: tuple = field(default_factory=tuple)


def _item(key, type_, question, help_="", source="", values=(), **flags):
    return Item(key, type_, question, help_, source, tuple(values), **flags)


SECTIONS = (
    Section(
        "A",
        gettext_noop("Evidence and intelligence basis"),
        gettext_noop("Is there real, recent, corroborated evidence that victims are there?"),
        (
            _item(
                "evidence_sources",
                MULTI,
                gettext_noop("Where does the evidence come from?"),
                gettext_noop(
                    "Victims' presence is usually known in advance from escaped or rescued "
                    "victims, undercover officers or recruited informants. An anonymous tip "
                    "alone is not evidence."
                ),
                SMART_RAIDS,
                (
                    "escaped_victim_account",
                    "rescued_victim_account",
                    "undercover_observation",
                    "informant",
                    "surveillance",
                    "telephony_financial_records",
                    "ngo_or_community_report",
                    "labour_inspection",
                    "anonymous_tip",
                ),
            ),
            _item(
                "independent_corroborations",
                INT,
                gettext_noop("How many independent sources confirm that victims are present?"),
                gettext_noop(
                    "Intelligence-led work builds a picture from several streams of data; "
                    "a single account is easy to get wrong."
                ),
                SIREN,
            ),
            _item(
                "victim_presence",
                CHOICE,
                gettext_noop("How certain is it that trafficking victims are on site?"),
                gettext_noop(
                    "A high degree of certainty that victims are present is essential before "
                    "any operation. A raid on an assumption is a blind raid."
                ),
                SMART_RAIDS,
                ("none", "assumed", "reported", "corroborated", "confirmed"),
            ),
            _item(
                "intelligence_age_days",
                INT,
                gettext_noop("How many days since victims' presence was last confirmed?"),
                gettext_noop(
                    "Traffickers move people and sites quickly; old intelligence may describe "
                    "a place that no longer holds anyone."
                ),
                RAIDS_EXPLAINED,
            ),
            _item(
                "offence_basis",
                TEXT,
                gettext_noop("Which trafficking or forced-labour offences does it pursue?"),
                gettext_noop(
                    "A smart raid has a goal grounded in anti-trafficking law. Without an "
                    "offence behind it, it is a round-up."
                ),
                SMART_RAIDS,
            ),
            _item(
                "warrant_status",
                CHOICE,
                gettext_noop("Warrant"),
                gettext_noop(
                    "Work with local law enforcement and within the law, so that the evidence "
                    "gathered can secure a prosecution."
                ),
                EVOLUTION,
                ("none", "pending", "not_required", "obtained"),
            ),
            _item(
                "operation_purpose",
                CHOICE,
                gettext_noop("Is it aimed at one site or at an area?"),
                gettext_noop(
                    "Sweeps that clean out a district are blind raids: they harm people who "
                    "are not trafficked and drive the trade underground."
                ),
                SMART_RAIDS,
                ("area_sweep", "targeted_site"),
            ),
            _item(
                "broker_links_investigated",
                BOOL,
                gettext_noop("Have links to brokers and other sites been investigated?"),
                gettext_noop(
                    "Taking down one workplace without the broker network behind it changes "
                    "little; the network fills the gap."
                ),
                SIREN,
            ),
            _item(
                "informant_details",
                TEXT,
                gettext_noop("Informant details"),
                gettext_noop(
                    "Restricted: never shown in any brief for a partner organisation. An "
                    "exposed informant is at risk of reprisal."
                ),
                SIREN,
                restricted=True,
                scored=False,
                optional=True,
            ),
        ),
    ),
    Section(
        "B",
        gettext_noop("Immediate danger"),
        gettext_noop(
            "Danger to life now, or children in commercial sex, calls for action at once: "
            "these answers decide urgency, not quality."
        ),
        (
            _item(
                "risk_to_life",
                CHOICE,
                gettext_noop("Is there a risk to life?"),
                gettext_noop(
                    "A credible and imminent risk to life justifies acting now, with the "
                    "minimum safeguards taken along."
                ),
                SIREN,
                ("none_known", "possible", "credible_imminent"),
                scored=False,
            ),
            _item(
                "minors_in_commercial_sex",
                CHOICE,
                gettext_noop("Are children used for commercial sex on site?"),
                gettext_noop(
                    "Children used for commercial sex must be removed from exploitation as "
                    "soon as they are found, without exception."
                ),
                SMART_RAIDS,
                ("no", "suspected", "confirmed"),
                scored=False,
            ),
            _item(
                "ongoing_serious_abuse",
                BOOL,
                gettext_noop("Is serious abuse (violence, rape, confinement) going on now?"),
                gettext_noop("Ongoing abuse weighs on how long planning can take."),
                SIREN,
                scored=False,
            ),
            _item(
                "relocation_imminent",
                BOOL,
                gettext_noop("Are the victims likely to be moved soon?"),
                gettext_noop("Traffickers who sense danger move people and change sites."),
                RAIDS_EXPLAINED,
                scored=False,
            ),
        ),
    ),
    Section(
        "C",
        gettext_noop("Objectives"),
        gettext_noop("An operation has three objectives only: arrest, seize, rescue."),
        (
            _item(
                "objective_arrest",
                BOOL,
                gettext_noop("Are the suspects to arrest identified?"),
                gettext_noop("Arresting the exploiters is one of the three objectives."),
                SIREN,
            ),
            _item(
                "objective_seize",
                MULTI,
                gettext_noop("What evidence is to be seized?"),
                gettext_noop(
                    "Non-testimonial evidence (records, phones, documents, signs of "
                    "confinement) lessens the burden on victims to carry the case."
                ),
                SIREN,
                (
                    "cctv",
                    "documents_passports",
                    "financial_records",
                    "weapons",
                    "confinement_evidence",
                    "phones",
                    "other",
                ),
            ),
            _item(
                "objective_rescue",
                BOOL,
                gettext_noop("Are potential victims to be removed from harm?"),
                gettext_noop("Rescue is one of the three objectives."),
                SIREN,
            ),
            _item(
                "immigration_enforcement_objective",
                BOOL,
                gettext_noop("Does the operation also aim to arrest irregular migrants?"),
                gettext_noop(
                    "Arresting irregular migrants is never an objective: it punishes the "
                    "people trafficking law is meant to protect."
                ),
                SIREN,
            ),
        ),
    ),
    Section(
        "D",
        gettext_noop("Operation plan and roles"),
        gettext_noop("Every team's role planned, the operation kept secret and calm."),
        (
            _item(
                "roles_assigned",
                MULTI,
                gettext_noop("Which roles are assigned?"),
                gettext_noop("Every team's role should be planned in detail before the day."),
                SIREN,
                (
                    "scene_security",
                    "evidence_team",
                    "arrest_team",
                    "victim_team",
                    "transport",
                    "command",
                ),
            ),
            _item(
                "prosecutor_involved",
                BOOL,
                gettext_noop("Is a prosecutor involved in the planning?"),
                gettext_noop("Raids planned with the prosecution produce usable evidence."),
                SIREN,
            ),
            _item(
                "evidence_specialists",
                BOOL,
                gettext_noop("Do only trained staff collect evidence?"),
                gettext_noop("Badly gathered evidence makes prosecutions hard."),
                SMART_RAIDS,
            ),
            _item(
                "media_presence",
                CHOICE,
                gettext_noop("Media"),
                gettext_noop(
                    "Media coverage of a raid invades victims' privacy and puts them at risk."
                ),
                SMART_RAIDS,
                ("invited", "not_decided", "excluded"),
            ),
            _item(
                "observers_excluded",
                BOOL,
                gettext_noop("Are people without a law-enforcement mandate kept away?"),
                gettext_noop(
                    "NGOs cannot take the place of government in a raid; observers add risk."
                ),
                SMART_RAIDS,
            ),
            _item(
                "leak_risk",
                CHOICE,
                gettext_noop("Risk that the operation leaks"),
                gettext_noop("Leaks and corruption let traffickers move victims before the raid."),
                SIREN,
                ("high", "medium", "low"),
            ),
            _item(
                "leak_mitigations",
                TEXT,
                gettext_noop("How is a leak prevented?"),
                gettext_noop("For example a vetted team, need-to-know and late briefings."),
                SIREN,
            ),
            _item(
                "officer_safety_assessed",
                BOOL,
                gettext_noop("Has officer safety been assessed?"),
                gettext_noop("Weapons, guards and counter-surveillance considered."),
                SIREN,
            ),
            _item(
                "restraint_policy_for_victims",
                CHOICE,
                gettext_noop("Restraints on potential victims"),
                gettext_noop(
                    "Handcuffing the people found makes rescue feel like arrest and "
                    "re-traumatises them."
                ),
                RAIDS_EXPLAINED,
                ("restraints_for_all", "case_by_case", "no_restraints"),
            ),
            _item(
                "deconfliction_checked",
                BOOL,
                gettext_noop("Has deconfliction with other agencies been checked?"),
                gettext_noop(
                    "Where agencies overlap, intelligence must reach the right one and "
                    "operations must not collide."
                ),
                SIREN,
            ),
        ),
    ),
    Section(
        "T",
        gettext_noop("Tactical threat"),
        gettext_noop(
            "Officer and bystander safety. These answers do not make a raid smart or blind; "
            "they set the threat tier and so who must approve."
        ),
        tuple(
            _item(key, type_, question, help_, SIREN, values, scored=False)
            for key, type_, question, help_, values in (
                (
                    "weapons_expected",
                    CHOICE,
                    gettext_noop("Weapons expected on site"),
                    gettext_noop("Confirmed firearms put the operation in the highest tier."),
                    ("confirmed_firearms", "possible", "none"),
                ),
                (
                    "site_fortified",
                    BOOL,
                    gettext_noop("Is the site fortified?"),
                    gettext_noop("Yes is the hazard."),
                    (),
                ),
                (
                    "suspects_violent_history",
                    BOOL,
                    gettext_noop("Do suspects have a violent history?"),
                    gettext_noop("Yes is the hazard."),
                    (),
                ),
                (
                    "lookouts_or_countersurveillance",
                    BOOL,
                    gettext_noop("Are there lookouts or counter-surveillance?"),
                    gettext_noop("Yes is the hazard."),
                    (),
                ),
                (
                    "vulnerable_bystanders",
                    BOOL,
                    gettext_noop("Are children or other uninvolved people on site?"),
                    gettext_noop("Yes is the hazard."),
                    (),
                ),
            )
        ),
    ),
    Section(
        "E",
        gettext_noop("Segregation and screening"),
        gettext_noop("Suspects kept away from potential victims; screening in a safe place."),
        (
            _item(
                "segregation_plan",
                BOOL,
                gettext_noop("Are suspects separated from potential victims at once?"),
                gettext_noop(
                    "Bosses, pimps and guards intimidate victims by their mere presence; "
                    "they must be identified and separated."
                ),
                SMART_RAIDS,
            ),
            _item(
                "suspect_identification_method",
                TEXT,
                gettext_noop("How will bosses, guards and pimps be told apart?"),
                gettext_noop(
                    "Exploiters often pose as workers; decide beforehand how to tell them apart."
                ),
                SMART_RAIDS,
            ),
            _item(
                "separate_transport",
                BOOL,
                gettext_noop("Do suspects and potential victims travel separately?"),
                gettext_noop("Sharing a vehicle with a boss is a chance to threaten."),
                SMART_RAIDS,
            ),
            _item(
                "screening_site",
                CHOICE,
                gettext_noop("Where are the people found screened?"),
                gettext_noop(
                    "Victims speak more freely away from the site, in a non-confrontational "
                    "setting."
                ),
                SMART_RAIDS,
                ("none", "on_site", "offsite_safe_location"),
            ),
        ),
    ),
    Section(
        "F",
        gettext_noop("Victim identification and care"),
        gettext_noop("Identification that is trauma-informed, in the person's own language."),
        (
            _item(
                "trauma_informed_interviewers",
                BOOL,
                gettext_noop("Are the interviewers trained in trauma-informed interviewing?"),
                gettext_noop(
                    "Silence may come from fear and inconsistent stories from trauma; "
                    "pressure leads to misidentification."
                ),
                RAIDS_EXPLAINED,
            ),
            _item(
                "interpreters_for_all_languages",
                BOOL,
                gettext_noop("Are there interpreters for every expected language?"),
                gettext_noop("Nobody can be identified as a victim in a language they lack."),
                RAIDS_EXPLAINED,
            ),
            _item(
                "child_specialist",
                BOOL,
                gettext_noop("Is a child specialist on the team?"),
                gettext_noop(
                    "Children are coached to claim they are adults; take particular care to "
                    "identify minors. Required when minors are suspected."
                ),
                SMART_RAIDS,
            ),
            _item(
                "same_gender_staff",
                BOOL,
                gettext_noop("Are staff of the same gender available for interviews?"),
                gettext_noop("Cultural sensitivity helps prevent re-traumatisation."),
                EVOLUTION,
            ),
            _item(
                "reflection_period_days",
                INT,
                gettext_noop("Days of counselling before formal statements"),
                gettext_noop(
                    "Police and counsellors need time; a period of a few days to two weeks "
                    "should be standard."
                ),
                SMART_RAIDS,
            ),
            _item(
                "age_assessment_method",
                CHOICE,
                gettext_noop("How is age assessed?"),
                gettext_noop(
                    "True ages can be learned through self-report or a consensual medical "
                    "examination, never a forced one."
                ),
                SMART_RAIDS,
                ("forced_medical", "none", "self_report_or_consensual_medical"),
            ),
            _item(
                "non_punishment_commitment",
                BOOL,
                gettext_noop(
                    "Is there a commitment not to charge victims for offences they were "
                    "forced into?"
                ),
                gettext_noop(
                    "False papers, work without permits or sex work done under coercion are "
                    "signs of trafficking, not crimes to punish."
                ),
                RAIDS_EXPLAINED,
            ),
            _item(
                "immigration_relief_available",
                BOOL,
                gettext_noop("Is immigration relief available (leave to remain, work permit)?"),
                gettext_noop("Without it, victims avoid being identified and few support a case."),
                SIREN,
            ),
            _item(
                "accounts_cross_referenced",
                BOOL,
                gettext_noop("Will victims' accounts be cross-referenced?"),
                gettext_noop("Cross-referencing accounts is part of a smart raid."),
                SMART_RAIDS,
            ),
        ),
    ),
    Section(
        "G",
        gettext_noop("Service providers and aftercare"),
        gettext_noop("Care ready at once, voluntary, and not like detention."),
        (
            _item(
                "service_provider_engaged",
                BOOL,
                gettext_noop("Is a named NGO or social service partner engaged?"),
                gettext_noop(
                    "When NGOs are involved early, fewer survivors are arrested and referrals "
                    "to care are faster."
                ),
                RAIDS_EXPLAINED,
            ),
            _item(
                "service_provider_access_hours",
                INT,
                gettext_noop("Hours from the operation until providers can meet the persons"),
                gettext_noop(
                    "In Operation Gilded Cage providers waited 24 hours, by which time most "
                    "of those rescued had been placed in immigration detention."
                ),
                UNTOLD_SIDE,
            ),
            _item(
                "shelter_capacity_confirmed",
                BOOL,
                gettext_noop("Is shelter capacity confirmed for the expected victims?"),
                gettext_noop(
                    "Early rescues did not consider what would happen after; plan the "
                    "aftercare before the raid."
                ),
                EVOLUTION,
            ),
            _item(
                "shelter_type",
                CHOICE,
                gettext_noop("Type of shelter"),
                gettext_noop(
                    "Closed shelters feel like detention; many of those held in them run away "
                    "and some return to the brothels."
                ),
                UNTOLD_SIDE,
                ("closed_detention_like", "none", "voluntary"),
            ),
            _item(
                "aftercare_services",
                MULTI,
                gettext_noop("Which aftercare services are available?"),
                gettext_noop(
                    "Rescue is the beginning of protection: housing, medical care, "
                    "counselling and legal support reduce re-exploitation."
                ),
                RAIDS_EXPLAINED,
                (
                    "medical",
                    "counselling",
                    "legal",
                    "housing",
                    "repatriation",
                    "livelihood",
                    "interpretation",
                ),
            ),
            _item(
                "services_voluntary",
                BOOL,
                gettext_noop("May the persons accept or decline each service?"),
                gettext_noop(
                    "Trafficked persons should choose which services they accept; protection "
                    "must not feel like punishment."
                ),
                SIREN,
            ),
        ),
    ),
    Section(
        "H",
        gettext_noop("Harm to others"),
        gettext_noop("What the raid does to people who are not trafficked, and to families."),
        (
            _item(
                "risk_to_non_victims",
                CHOICE,
                gettext_noop("Risk of harm to people on site who are not trafficked"),
                gettext_noop(
                    "Raids do not tell voluntary sex workers from trafficked persons; many "
                    "of those rescued do not want rescue."
                ),
                UNTOLD_SIDE,
                ("high", "medium", "low"),
            ),
            _item(
                "displacement_risk",
                CHOICE,
                gettext_noop("Risk that the trade moves and goes underground"),
                gettext_noop(
                    "Raids can scatter workers' networks and push exploitation into less "
                    "safe places."
                ),
                UNTOLD_SIDE,
                ("high", "medium", "low"),
            ),
            _item(
                "community_partners_consulted",
                BOOL,
                gettext_noop("Have community partners been consulted?"),
                gettext_noop(
                    "For example sex-worker or migrant-worker organisations, who often "
                    "identify trafficked people themselves."
                ),
                UNTOLD_SIDE,
            ),
            _item(
                "retaliation_risk_to_families",
                CHOICE,
                gettext_noop("Risk of retaliation against victims' families"),
                gettext_noop("Exploiters threaten victims' relatives to keep them silent."),
                SMART_RAIDS,
                ("high", "medium", "low"),
            ),
            _item(
                "retaliation_mitigations",
                TEXT,
                gettext_noop("How are families protected from retaliation?"),
                gettext_noop("Plan protection before anyone is asked to testify."),
                SIREN,
            ),
        ),
    ),
    Section(
        "I",
        gettext_noop("Alternatives"),
        gettext_noop("Raid only when necessary, after weighing less harmful ways."),
        (
            _item(
                "alternatives_considered",
                MULTI,
                gettext_noop("Which alternatives were considered?"),
                gettext_noop(
                    "Labour inspection, continued intelligence-led investigation and "
                    "community monitoring can do what a raid does with less harm."
                ),
                SIREN,
                (
                    "labour_inspection",
                    "continued_investigation",
                    "financial_investigation",
                    "community_outreach",
                    "targeted_arrest",
                ),
            ),
            _item(
                "raid_necessity_justification",
                TEXT,
                gettext_noop("Why a raid rather than the alternatives?"),
                gettext_noop("Raids should be carried out only when absolutely necessary."),
                SIREN,
            ),
        ),
    ),
    Section(
        "J",
        gettext_noop("Follow-through"),
        gettext_noop("Prosecution, compensation and protection after the day."),
        (
            _item(
                "prosecution_plan",
                BOOL,
                gettext_noop("Is there a prosecution plan (prosecutor, case building)?"),
                gettext_noop(
                    "Many raids are never followed by prosecution, and traffickers simply "
                    "replace the people taken out."
                ),
                UNTOLD_SIDE,
            ),
            _item(
                "asset_seizure_plan",
                BOOL,
                gettext_noop("Is there a plan to seize proceeds of crime for compensation?"),
                gettext_noop(
                    "Seizing assets compensates victims quickly and disrupts the business."
                ),
                SIREN,
            ),
            _item(
                "witness_protection_measures",
                BOOL,
                gettext_noop("Are there witness protection measures?"),
                gettext_noop("Witnesses who do not feel safe withdraw and cases collapse."),
                SIREN,
            ),
            _item(
                "after_action_review_planned",
                BOOL,
                gettext_noop("Is an after-action review planned?"),
                gettext_noop(
                    "Success is measured by survivors' well-being, not the number of raids "
                    "and arrests; review the outcome."
                ),
                RAIDS_EXPLAINED,
            ),
        ),
    ),
)

ITEMS = {item.key: item for section in SECTIONS for item in section.items}
SECTION_OF = {item.key: section.key for section in SECTIONS for item in section.items}


def is_answered(value):
    """Unknown is not good: null, blank text and an empty list count as unanswered.

    An empty list cannot be told apart from a question skipped in a form of tick boxes,
    and it is the worst answer anyway, so nothing is lost by naming it missing.
    """
    if value is None:
        return False
    if value.__class__ is str:
        return bool(value.strip())
    return value != []
