"""The operation profile: not scored, but read by the rules and the briefs."""

from .records import (
    BOTH_BRIEFS,
    CHOICE,
    DATE,
    FULL_BRIEF_ONLY,
    INT,
    MULTI,
    NGO_WEEK_ONLY,
    TEXT,
    Item,
    gettext_noop,
)

PROFILE = (
    Item(
        "codename",
        TEXT,
        question=gettext_noop("Codename"),
        disclosure=BOTH_BRIEFS,
        required=True,
        max_length=100,
        visible_only=True,
    ),
    Item(
        "site_type",
        CHOICE,
        question=gettext_noop("Type of site"),
        values={
            "brothel": gettext_noop("Brothel"),
            "massage_parlour": gettext_noop("Massage parlour"),
            "entertainment_venue": gettext_noop("Entertainment venue"),
            "factory": gettext_noop("Factory"),
            "farm": gettext_noop("Farm"),
            "construction_site": gettext_noop("Construction site"),
            "fishing_vessel": gettext_noop("Fishing vessel"),
            "private_home": gettext_noop("Private home"),
            "other": gettext_noop("Other"),
        },
        disclosure=BOTH_BRIEFS,
    ),
    Item(
        "exploitation_type",
        CHOICE,
        question=gettext_noop("Type of exploitation suspected"),
        values={
            "sex": gettext_noop("Sexual exploitation"),
            "labour": gettext_noop("Labour exploitation"),
            "both": gettext_noop("Both"),
            "unknown": gettext_noop("Unknown"),
        },
        disclosure=BOTH_BRIEFS,
    ),
    Item(
        "target_name",
        TEXT,
        question=gettext_noop("Name of the business or vessel"),
        disclosure=FULL_BRIEF_ONLY,
    ),
    Item(
        "target_address",
        TEXT,
        question=gettext_noop("Address of the site"),
        disclosure=FULL_BRIEF_ONLY,
    ),
    Item(
        "planned_date",
        DATE,
        question=gettext_noop("Planned date"),
        disclosure=NGO_WEEK_ONLY,
    ),
    Item(
        "estimated_persons_on_site",
        INT,
        question=gettext_noop("Persons expected on site"),
        disclosure=BOTH_BRIEFS,
    ),
    Item(
        "estimated_potential_victims",
        INT,
        question=gettext_noop("Potential victims expected"),
        disclosure=BOTH_BRIEFS,
    ),
    Item(
        "minors_suspected",
        CHOICE,
        question=gettext_noop("Are minors suspected among them?"),
        values={
            "yes": gettext_noop("Yes"),
            "no": gettext_noop("No"),
            "unknown": gettext_noop("Unknown"),
        },
        disclosure=BOTH_BRIEFS,
    ),
    Item(
        "expected_languages",
        MULTI,
        question=gettext_noop("Languages the people on site are expected to speak"),
        disclosure=BOTH_BRIEFS,
        free_values=True,
    ),
    Item(
        "suspect_roles",
        MULTI,
        question=gettext_noop("Roles of the suspects"),
        values={
            "employer": gettext_noop("Employer"),
            "guard": gettext_noop("Guard"),
            "broker": gettext_noop("Broker"),
            "supervisor": gettext_noop("Supervisor"),
            "pimp": gettext_noop("Pimp"),
            "recruiter": gettext_noop("Recruiter"),
            "other": gettext_noop("Other"),
        },
        disclosure=FULL_BRIEF_ONLY,
    ),
    Item(
        "suspect_details",
        TEXT,
        question=gettext_noop("Suspects: names and descriptions"),
        disclosure=FULL_BRIEF_ONLY,
    ),
    # The contract marks it (v2), but the app asked it before: its version 1 assessments
    # and exports name the receiving organisation, and they must still read and import.
    Item(
        "receiving_organisation",
        TEXT,
        question=gettext_noop("Receiving organisation"),
        disclosure=BOTH_BRIEFS,
        max_length=200,
    ),
)
