"""One scoring row per scored item: its weight, how an answer earns its share, the advice.

The weights sum to 100. A row's `earns` turns the item's record into a function from an
answer to the share of the weight it earns, from 0.0 to 1.0, built once at import since
scoring runs in batches of thousands. Unanswered earns nothing. `advice` is the finding
and the condition when the item loses points and no named rule explains it; where the
row's `applies` says its condition does not hold (no minors may be present), the item
loses nothing and no advice is given. Items with no row (immediate danger, tactical
threat, informant details, the profile) are not scored.
"""

from dataclasses import dataclass

from ..checklist import gettext_noop, is_answered
from .findings import minors_possible


@dataclass(frozen=True)
class Row:
    weight: int
    earns: object  # item -> (answer -> share)
    advice: str
    applies: object = None  # (answers, operation) -> bool; None: always


def by_rank(item):
    """A choice: the values are listed worst first, each step up earning an equal part."""
    steps = len(item.values) - 1
    shares = {value: index / steps for index, value in enumerate(item.values)}
    return lambda value: shares.get(value, 0.0)


def when_true(item):
    return lambda value: 1.0 if value is True else 0.0


def when_false(item):
    """A bool where true is the worse answer."""
    return lambda value: 1.0 if value is False else 0.0


def written(item):
    return lambda value: 1.0 if is_answered(value) else 0.0


def tally(*, full_at, counting=None):
    """A multi: each value counts one (or as `counting` says); full share at `full_at`."""

    def earns(item):
        weight = {value: (counting or {}).get(value, 1.0) for value in item.values}
        return lambda value: min(sum(map(weight.get, value)) / full_at, 1.0) if value else 0.0

    return earns


def count(*, up_to):
    """An int where more is better, in full at `up_to` and neutral after."""
    return lambda item: lambda value: 0.0 if value is None else min(value, up_to) / up_to


def steps(*limits):
    """An int where less is better: the share of the first (limit, share) it is within."""

    def share(value):
        for limit, earned in limits:
            if value <= limit:
                return earned
        return 0.0

    return lambda item: lambda value: 0.0 if value is None else share(value)


ROWS = {
    # A. Evidence and intelligence basis: 20
    "evidence_sources": Row(
        weight=4,
        earns=tally(full_at=2, counting={"anonymous_tip": 0.25}),
        advice=gettext_noop(
            "Base the operation on at least two strong sources, such as a victim's account, "
            "undercover observation or surveillance."
        ),
    ),
    "independent_corroborations": Row(
        weight=3,
        earns=count(up_to=3),
        advice=gettext_noop("Have victims' presence confirmed by three independent sources."),
    ),
    "victim_presence": Row(
        weight=5,
        earns=by_rank,
        advice=gettext_noop("Confirm that victims are present."),
    ),
    "intelligence_age_days": Row(
        weight=2,
        earns=steps((7, 1.0), (30, 0.6), (90, 0.2)),
        advice=gettext_noop(
            "Refresh the intelligence: victims' presence should be confirmed within the last week."
        ),
    ),
    "offence_basis": Row(
        weight=2,
        earns=written,
        advice=gettext_noop("Name the trafficking or forced-labour offence pursued."),
    ),
    "warrant_status": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Obtain the warrant, or record why none is required."),
    ),
    "operation_purpose": Row(
        weight=1,
        earns=by_rank,
        advice=gettext_noop("Target one site, not an area."),
    ),
    "broker_links_investigated": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Investigate the links to brokers and other sites before the raid."),
    ),
    # C. Objectives: 7
    "objective_arrest": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Identify the suspects to arrest."),
    ),
    "objective_seize": Row(
        weight=1,
        earns=tally(full_at=2),
        advice=gettext_noop(
            "List the evidence to seize: records, phones, documents, signs of confinement."
        ),
    ),
    "objective_rescue": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Make removing potential victims from harm an objective."),
    ),
    "immigration_enforcement_objective": Row(
        weight=2,
        earns=when_false,
        advice=gettext_noop("Record that arresting irregular migrants is not an objective."),
    ),
    "payment_to_exploiters": Row(
        weight=1,
        earns=when_false,
        advice=gettext_noop("Pay the exploiters nothing: no buying people out."),
    ),
    # D. Operation plan and roles: 16
    "lead_agency": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Let the law-enforcement agency with jurisdiction lead and enter."),
    ),
    "roles_assigned": Row(
        weight=1,
        earns=tally(full_at=6),
        advice=gettext_noop(
            "Assign every role: scene security, evidence, arrest, victim team, transport, command."
        ),
    ),
    "prosecutor_involved": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Involve a prosecutor in the planning."),
    ),
    "evidence_specialists": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Let only trained staff collect evidence."),
    ),
    "media_presence": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Decide now to keep the media out."),
    ),
    "observers_excluded": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Keep away everyone without a law-enforcement mandate."),
    ),
    "immigration_officers_on_scene": Row(
        weight=1,
        earns=when_false,
        advice=gettext_noop("Keep immigration officers away from the scene."),
    ),
    "leak_risk": Row(
        weight=1,
        earns=by_rank,
        advice=gettext_noop("Lower the risk of a leak: vetted team, late briefing."),
    ),
    "leak_mitigations": Row(
        weight=1,
        earns=written,
        advice=gettext_noop("Write down how a leak is prevented."),
    ),
    "team_vetted": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Vet the team for links to the site and to local protection rackets."),
    ),
    "officer_safety_assessed": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Assess officer safety: weapons, guards, counter-surveillance."),
    ),
    "restraint_policy_for_victims": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Use no restraints on potential victims."),
    ),
    "deconfliction_checked": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Check deconfliction with other agencies."),
    ),
    # E. Segregation and screening: 10
    "segregation_plan": Row(
        weight=3,
        earns=when_true,
        advice=gettext_noop("Separate suspects from potential victims at once."),
    ),
    "suspect_identification_method": Row(
        weight=2,
        earns=written,
        advice=gettext_noop(
            "Write down how bosses, guards and pimps will be told apart from victims."
        ),
    ),
    "separate_transport": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Transport suspects and potential victims separately."),
    ),
    "screening_site": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Screen the people found at a safe place off-site."),
    ),
    "non_victims_plan": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop(
            "Plan the release, with a referral, of those not identified as victims."
        ),
    ),
    # F. Victim identification and care: 16
    "trauma_informed_interviewers": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Use interviewers trained in trauma-informed interviewing."),
    ),
    "interpreters_for_all_languages": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Bring interpreters for every expected language."),
    ),
    "staff_sufficient": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Bring enough interviewers, interpreters and care staff for everyone."),
    ),
    "child_specialist": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Bring a child specialist for minors."),
        applies=minors_possible,
    ),
    "guardian_for_minors": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Have a guardian or child-protection authority act for each minor."),
        applies=minors_possible,
    ),
    "same_gender_staff": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Have staff of the same gender for interviews."),
    ),
    "reflection_period_days": Row(
        weight=1,
        earns=count(up_to=14),
        advice=gettext_noop("Allow up to two weeks of counselling before formal statements."),
    ),
    "age_assessment_method": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Assess age by self-report or a consensual medical examination."),
        applies=minors_possible,
    ),
    "non_punishment_commitment": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Commit to not charging victims for offences they were forced into."),
    ),
    "immigration_relief_available": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Arrange immigration relief: leave to remain or a work permit."),
    ),
    "accounts_cross_referenced": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Cross-reference the victims' accounts."),
    ),
    # G. Service providers and aftercare: 14
    "service_provider_engaged": Row(
        weight=3,
        earns=when_true,
        advice=gettext_noop("Engage a named NGO or social service partner."),
    ),
    "service_provider_access_hours": Row(
        weight=2,
        earns=steps((2, 1.0), (12, 0.5), (24, 0.25)),
        advice=gettext_noop("Let service providers meet the persons within two hours."),
    ),
    "shelter_capacity_confirmed": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Confirm shelter places for every expected victim."),
    ),
    "shelter_type": Row(
        weight=1,
        earns=by_rank,
        advice=gettext_noop("Offer voluntary shelter, never a closed one."),
    ),
    "aftercare_services": Row(
        weight=1,
        earns=tally(full_at=4),
        advice=gettext_noop("Arrange aftercare: medical, counselling, legal, housing and more."),
    ),
    "services_voluntary": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Let the persons accept or decline each service."),
    ),
    "support_conditional_on_testimony": Row(
        weight=2,
        earns=when_false,
        advice=gettext_noop("Give support whether or not the person gives evidence."),
    ),
    "safe_return_assessed": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Assess the risk of return with each person before any repatriation."),
    ),
    # H. Harm to others: 7
    "risk_to_non_victims": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Reduce the harm to people on site who are not trafficked."),
    ),
    "displacement_risk": Row(
        weight=1,
        earns=by_rank,
        advice=gettext_noop("Reduce the risk that the trade moves underground."),
    ),
    "community_partners_consulted": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop(
            "Consult community partners such as sex-worker or migrant-worker organisations."
        ),
    ),
    "retaliation_risk_to_families": Row(
        weight=2,
        earns=by_rank,
        advice=gettext_noop("Reduce the risk of retaliation against victims' families."),
    ),
    "retaliation_mitigations": Row(
        weight=1,
        earns=written,
        advice=gettext_noop("Write down how families will be protected."),
    ),
    # I. Alternatives: 4
    "alternatives_considered": Row(
        weight=2,
        earns=tally(full_at=2),
        advice=gettext_noop(
            "Consider the alternatives to a raid: inspection, investigation, outreach."
        ),
    ),
    "raid_necessity_justification": Row(
        weight=2,
        earns=written,
        advice=gettext_noop("Explain why a raid is necessary rather than the alternatives."),
    ),
    # J. Follow-through: 6
    "prosecution_plan": Row(
        weight=2,
        earns=when_true,
        advice=gettext_noop("Assign a prosecutor and plan the case."),
    ),
    "asset_seizure_plan": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Plan to seize proceeds of crime for compensation."),
    ),
    "witness_protection_measures": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Put witness protection measures in place."),
    ),
    "reintegration_plan": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Plan support after care ends: family or community, work, stigma."),
    ),
    "after_action_review_planned": Row(
        weight=1,
        earns=when_true,
        advice=gettext_noop("Plan an after-action review."),
    ),
}
