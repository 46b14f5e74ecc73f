"""The gates of the verdict: each decides it on its own (blind, or no go), with its words.

Each rule says which items it names, what is wrong (message), what to do (condition) and
the source it rests on; `fires` reads the answers as the scorer reads them (see
`reading`) and the profile. Unanswered counts as the answer that fires a rule, and then
the finding says so: `unanswered` is its message when an item it `asks` about (its
items, unless said otherwise) was not answered, never that the plan intends the worst.
The two rules the scorer adds itself, from the supported presence, are here too.
"""

from dataclasses import dataclass

from ..checklist import (
    EVOLUTION,
    RAIDS_EXPLAINED,
    SIREN,
    SMART_RAIDS,
    UNTOLD_SIDE,
    gettext_noop,
)

GATE, MAJOR, MINOR = "gate", "major", "minor"
BLIND, NO_GO = "blind", "no_go"
PRESENCE = ("none", "assumed", "reported", "corroborated", "confirmed")  # worst first


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    items: tuple
    message: str
    condition: str
    source: str
    fires: object  # (answers, operation) -> bool
    unanswered: str = ""
    kind: str = ""  # for gates: BLIND or NO_GO
    asks: tuple = ()  # the items whose being unanswered `unanswered` speaks of

    def message_for(self, a):
        """The message for answers `a` on which the rule fired."""
        if self.unanswered:
            for key in self.asks or self.items:
                if a[key] is None:
                    return self.unanswered
        return self.message


def below(presence, rung):
    """Whether a (supported) presence is below `rung`; unanswered is below everything."""
    return presence is None or PRESENCE.index(presence) < PRESENCE.index(rung)


GATES = (
    # Gates that make an operation blind.
    Rule(
        "blind-presence-unverified",
        GATE,
        ("victim_presence", "evidence_sources"),
        gettext_noop(
            "What the sources carry is no more than an assumption that victims are there. "
            "A raid without a verified presence of victims is a blind raid."
        ),
        gettext_noop("Verify that victims are present before any operation."),
        SMART_RAIDS,
        lambda a, op: below(a["victim_presence"], "reported"),
        gettext_noop(
            "Victims' presence, or its sources, is not answered, so counted as not "
            "verified: a blind raid. Answer both."
        ),
        BLIND,
    ),
    Rule(
        "blind-area-sweep",
        GATE,
        ("operation_purpose",),
        gettext_noop("A sweep of an area is a round-up, not an anti-trafficking operation."),
        gettext_noop("Limit the action to the one site where victims are known to be."),
        SMART_RAIDS,
        lambda a, op: a["operation_purpose"] != "targeted_site",
        gettext_noop(
            "Whether it targets one site or an area is not answered, so counted as a sweep; "
            "answer it."
        ),
        BLIND,
    ),
    Rule(
        "blind-no-offence",
        GATE,
        ("offence_basis",),
        gettext_noop("No trafficking or forced-labour offence is named as the basis."),
        gettext_noop("Name the trafficking or forced-labour offence the operation pursues."),
        SMART_RAIDS,
        lambda a, op: a["offence_basis"] is None,
        gettext_noop(
            "The offence pursued is not stated (an empty or placeholder text counts as not "
            "answered), so counted as none: name it."
        ),
        BLIND,
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
        gettext_noop(
            "Screening or trauma-informed interviewing is not answered, so counted as no "
            "victim identification; answer both."
        ),
        BLIND,
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
        lambda a, op: a["immigration_enforcement_objective"] is not False,
        gettext_noop(
            "Whether the operation also aims to arrest irregular migrants is not answered, "
            "so counted as yes; answer it."
        ),
        BLIND,
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
        gettext_noop(
            "Segregating suspects from potential victims is not answered, so counted as not "
            "planned; answer it."
        ),
        NO_GO,
    ),
    Rule(
        "nogo-no-service-provider",
        GATE,
        ("service_provider_engaged", "service_provider_access_hours"),
        gettext_noop(
            "No service provider can meet the persons in less than 24 hours. When providers "
            "were kept out for a day, most of those rescued ended up in immigration detention."
        ),
        gettext_noop("Call a service provider now, to meet the persons within hours."),
        UNTOLD_SIDE,
        lambda a, op: (
            a["service_provider_engaged"] is not True
            or a["service_provider_access_hours"] is None
            or a["service_provider_access_hours"] >= 24
        ),
        gettext_noop(
            "The service provider, or how soon they can meet the persons, is not answered, "
            "so counted as none within 24 hours; answer both."
        ),
        NO_GO,
    ),
    Rule(
        "nogo-media-invited",
        GATE,
        ("media_presence",),
        gettext_noop("Media are invited; coverage invades victims' privacy and puts them at risk."),
        gettext_noop("Keep the media out."),
        SMART_RAIDS,
        lambda a, op: a["media_presence"] in (None, "invited"),
        gettext_noop("Media presence is not answered, so counted as invited; answer it."),
        NO_GO,
    ),
    Rule(
        "nogo-restraints",
        GATE,
        ("restraint_policy_for_victims",),
        gettext_noop("Every person found would be restrained: rescue would feel like arrest."),
        gettext_noop("Use no restraints on potential victims."),
        RAIDS_EXPLAINED,
        lambda a, op: a["restraint_policy_for_victims"] in (None, "restraints_for_all"),
        gettext_noop(
            "Restraints on potential victims are not answered, so counted as restraints for "
            "everyone; answer it."
        ),
        NO_GO,
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
        gettext_noop(
            "The shelter, or whether its services are voluntary, is not answered, so counted "
            "as a closed shelter; answer both."
        ),
        NO_GO,
    ),
    Rule(
        "nogo-lead-agency",
        GATE,
        ("lead_agency",),
        gettext_noop(
            "The operation is not led by the law-enforcement agency with jurisdiction: "
            "nobody else has the authority to enter the site."
        ),
        gettext_noop("Let the law-enforcement agency with jurisdiction lead and enter."),
        SMART_RAIDS,
        lambda a, op: a["lead_agency"] != "law_enforcement_with_jurisdiction",
        gettext_noop(
            "Who leads the operation is not answered, so counted as an agency without "
            "jurisdiction; answer it."
        ),
        NO_GO,
    ),
    Rule(
        "nogo-payment",
        GATE,
        ("payment_to_exploiters",),
        gettext_noop(
            "The plan pays exploiters to release people: the money funds the next victim."
        ),
        gettext_noop("Pay the exploiters nothing: no buying people out."),
        EVOLUTION,
        lambda a, op: a["payment_to_exploiters"] is not False,
        gettext_noop(
            "Whether the plan pays exploiters is not answered, so counted as yes; answer it."
        ),
        NO_GO,
    ),
    Rule(
        "nogo-non-victims-detained",
        GATE,
        ("non_victims_plan",),
        gettext_noop(
            "People found who are not identified as victims would be detained or arrested, "
            "as most of those rescued in Operation Gilded Cage were."
        ),
        gettext_noop("Detain nobody screened out: release them with a referral."),
        UNTOLD_SIDE,
        lambda a, op: a["non_victims_plan"] in (None, "immigration_detention_or_arrest"),
        gettext_noop(
            "What happens to people not identified as victims is not answered, so counted "
            "as detention; answer it."
        ),
        NO_GO,
    ),
    Rule(
        "nogo-support-conditional",
        GATE,
        ("support_conditional_on_testimony",),
        gettext_noop(
            "Shelter, services or leave to remain depend on giving evidence: support would "
            "be the price of testimony."
        ),
        gettext_noop("Give support whether or not the person gives evidence."),
        SIREN,
        lambda a, op: a["support_conditional_on_testimony"] is not False,
        gettext_noop(
            "Whether support depends on testimony is not answered, so counted as yes; answer it."
        ),
        NO_GO,
    ),
    Rule(
        "nogo-no-objective",
        GATE,
        ("objective_arrest", "objective_seize", "objective_rescue"),
        gettext_noop(
            "The operation has none of the three objectives (arrest, seize, rescue): it has "
            "no reason to exist."
        ),
        gettext_noop("Name the suspects to arrest, the evidence to seize or the people to rescue."),
        SIREN,
        lambda a, op: (
            a["objective_arrest"] is not True
            and not a["objective_seize"]
            and a["objective_rescue"] is not True
        ),
        gettext_noop(
            "The objectives are not answered, so counted as none of arrest, seize and "
            "rescue; answer them."
        ),
        NO_GO,
        # An empty list of evidence to seize is an answer here: "nothing to seize".
        asks=("objective_arrest", "objective_rescue"),
    ),
)

URGENCY_UNVERIFIED = Rule(
    "urgency-unverified",
    GATE,
    ("risk_to_life", "minors_in_commercial_sex", "ongoing_serious_abuse", "victim_presence"),
    gettext_noop(
        "Immediate danger is claimed, but the sources do not carry a presence of victims: "
        "acting on it now would be a blind raid."
    ),
    gettext_noop(
        "Verify within hours whether victims are there (surveillance, a second source), "
        "then assess again."
    ),
    SMART_RAIDS,
    None,
    kind=NO_GO,
)


def _overstated(message):
    return Rule(
        "presence-overstated",
        MAJOR,
        ("victim_presence", "evidence_sources"),
        message,
        gettext_noop("Claim no more presence than the sources carry, or name the missing source."),
        SMART_RAIDS,
        None,
    )


# When the claim is above what the sources carry: what is missing, by the ceiling.
PRESENCE_OVERSTATED = {
    "assumed": _overstated(
        gettext_noop(
            "Victims' presence is claimed above what the sources carry: without a source "
            "other than an anonymous tip it is an assumption. Name the source."
        )
    ),
    "reported": _overstated(
        gettext_noop(
            "Victims' presence is claimed above what the sources carry: one source is a "
            "report. Corroborated needs a second, different source and at least two "
            "independent corroborations."
        )
    ),
    "corroborated": _overstated(
        gettext_noop(
            "Victims' presence is claimed confirmed, but no direct source saw or heard the "
            "victims: an escaped or rescued victim's account, undercover observation or "
            "surveillance is missing."
        )
    ),
}

URGENT_RATIONALE = gettext_noop("The approver writes down why the operation cannot wait.")
URGENT_REVIEW = gettext_noop("An after-action review is mandatory.")
