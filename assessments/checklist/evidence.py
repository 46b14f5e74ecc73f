"""Sections A and B: the evidence that victims are there, and danger that cannot wait."""

from .records import (
    BOOL,
    CHOICE,
    EVOLUTION,
    FULL_BRIEF_ONLY,
    INT,
    MULTI,
    NO_BRIEF,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    TEXT,
    Item,
    Section,
    gettext_noop,
)

EVIDENCE = Section(
    "A",
    title=gettext_noop("Evidence and intelligence basis"),
    intro=gettext_noop("Is there real, recent, corroborated evidence that victims are there?"),
    items=(
        Item(
            "evidence_sources",
            MULTI,
            question=gettext_noop("Where does the evidence come from?"),
            values={
                "escaped_victim_account": gettext_noop("Account of an escaped victim"),
                "rescued_victim_account": gettext_noop("Account of a rescued victim"),
                "undercover_observation": gettext_noop("Undercover observation"),
                "informant": gettext_noop("Informant"),
                "surveillance": gettext_noop("Surveillance"),
                "telephony_financial_records": gettext_noop("Telephone or financial records"),
                "ngo_or_community_report": gettext_noop("NGO or community report"),
                "labour_inspection": gettext_noop("Labour inspection"),
                "anonymous_tip": gettext_noop("Anonymous tip"),
            },
            help=gettext_noop(
                "Victims' presence is usually known in advance from escaped or rescued"
                " victims, undercover officers or recruited informants. An anonymous "
                "tip alone is not evidence."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "independent_corroborations",
            INT,
            question=gettext_noop("How many independent sources confirm that victims are present?"),
            help=gettext_noop(
                "Intelligence-led work builds a picture from several streams of data; "
                "a single account is easy to get wrong."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "victim_presence",
            CHOICE,
            question=gettext_noop("How certain is it that trafficking victims are on site?"),
            values={
                "none": gettext_noop("None"),
                "assumed": gettext_noop("Assumed"),
                "reported": gettext_noop("Reported by one source"),
                "corroborated": gettext_noop("Corroborated"),
                "confirmed": gettext_noop("Confirmed"),
            },
            help=gettext_noop(
                "A high degree of certainty that victims are present is essential before any "
                "operation. The scorer reads what your sources carry, not the claim: "
                "corroborated needs two different sources besides an anonymous tip and two "
                "independent corroborations; confirmed needs a direct source as well (a "
                "victim's account, undercover observation or surveillance)."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "intelligence_age_days",
            INT,
            question=gettext_noop("How many days since victims' presence was last confirmed?"),
            help=gettext_noop(
                "Intelligence-led operations rest on a current picture of the site: the more "
                "intelligence gathered shortly before a raid, the more likely it succeeds."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "offence_basis",
            TEXT,
            question=gettext_noop("Which trafficking or forced-labour offences does it pursue?"),
            help=gettext_noop(
                "A smart raid has a goal grounded in anti-trafficking law. Without an "
                "offence behind it, it is a round-up."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "warrant_status",
            CHOICE,
            question=gettext_noop("Warrant"),
            values={
                "none": gettext_noop("None"),
                "pending": gettext_noop("Pending"),
                "not_required": gettext_noop("Not required"),
                "obtained": gettext_noop("Obtained"),
            },
            help=gettext_noop(
                "Work with local law enforcement and within the law, so that the "
                "evidence gathered can secure a prosecution."
            ),
            source=EVOLUTION,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "operation_purpose",
            CHOICE,
            question=gettext_noop("Is it aimed at one site or at an area?"),
            values={
                "area_sweep": gettext_noop("Sweep of an area"),
                "targeted_site": gettext_noop("One targeted site"),
            },
            help=gettext_noop(
                "Sweeps that clean out a district are blind raids: they harm people "
                "who are not trafficked and drive the trade underground."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "broker_links_investigated",
            BOOL,
            question=gettext_noop("Have links to brokers and other sites been investigated?"),
            help=gettext_noop(
                "Taking down one workplace without the broker network behind it "
                "changes little; the network fills the gap."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "informant_details",
            TEXT,
            question=gettext_noop("Informant details"),
            help=gettext_noop(
                "Restricted: never shown in any brief for a partner organisation. An "
                "exposed informant is at risk of reprisal."
            ),
            source=SIREN,
            disclosure=NO_BRIEF,
            optional=True,
        ),
    ),
)

DANGER = Section(
    "B",
    title=gettext_noop("Immediate danger"),
    intro=gettext_noop(
        "Danger to life now, or children in commercial sex, calls for action at once: "
        "these answers decide urgency, not quality."
    ),
    items=(
        Item(
            "risk_to_life",
            CHOICE,
            question=gettext_noop("Is there a risk to life?"),
            values={
                "none_known": gettext_noop("None known"),
                "possible": gettext_noop("Possible"),
                "credible_imminent": gettext_noop("Credible and imminent"),
            },
            help=gettext_noop(
                "A credible and imminent risk to life justifies acting now, with the "
                "minimum safeguards taken along."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "minors_in_commercial_sex",
            CHOICE,
            question=gettext_noop("Are children used for commercial sex on site?"),
            values={
                "no": gettext_noop("No"),
                "suspected": gettext_noop("Suspected"),
                "confirmed": gettext_noop("Confirmed"),
            },
            help=gettext_noop(
                "Children used for commercial sex must be removed from exploitation as"
                " soon as they are found, without exception."
            ),
            source=SMART_RAIDS,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "ongoing_serious_abuse",
            BOOL,
            question=gettext_noop("Is serious abuse (violence, rape, confinement) going on now?"),
            help=gettext_noop(
                "Rescue should always go ahead when people are in significant and immediate "
                "danger: serious abuse going on now makes the operation urgent."
            ),
            source=SIREN,
            disclosure=FULL_BRIEF_ONLY,
        ),
        Item(
            "relocation_imminent",
            BOOL,
            question=gettext_noop("Are the victims likely to be moved soon?"),
            help=gettext_noop("Traffickers who sense danger move people and change sites."),
            source=RAIDS_EXPLAINED,
            disclosure=FULL_BRIEF_ONLY,
        ),
    ),
)
