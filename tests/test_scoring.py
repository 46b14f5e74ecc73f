"""The verdict rules of shared/domain/checklist.md, one case at a time."""

import json

import pytest

from assessments.checklist import ITEMS, SECTION_OF, SOURCES, parse_assessment
from assessments.scoring import SCORING_VERSION, SMART_THRESHOLD, WEIGHTS, score_assessment

from .builders import assessment_with, rules, verdict


def test_it_scores_the_best_plan_smart_and_go():
    result = verdict()
    assert result["scoring_version"] == SCORING_VERSION
    assert (result["classification"], result["decision"]) == ("smart", "go")
    assert result["score"] == 100
    assert result["findings"] == result["conditions"] == result["alternatives"] == []
    assert result["missing"] == []
    assert (result["threat_tier"], result["approvals_required"]) == ("lower", 1)
    assert sum(result["section_scores"].values()) == 100
    assert json.loads(json.dumps(result)) == result


def test_weights_cover_every_scored_item_and_sum_to_100():
    # Immediate danger decides urgency and the threat items the tier; no informant at all
    # is a fine answer.
    unscored = {key for key, section in SECTION_OF.items() if section in ("B", "T")}
    assert set(WEIGHTS) == set(ITEMS) - unscored - {"informant_details"}
    assert sum(WEIGHTS.values()) == 100


def test_an_empty_assessment_is_blind_no_go_and_everything_is_missing():
    empty = parse_assessment(
        {"checklist_version": "1", "operation": {"codename": "X"}, "answers": {}}
    )
    result = score_assessment(empty)
    assert (result["classification"], result["decision"], result["score"]) == (
        "blind",
        "no_go",
        0,
    )
    assert set(result["missing"]) == set(ITEMS) - {"informant_details"}
    assert result["threat_tier"] == "highest"  # weapons unanswered count as firearms


BLIND_GATES = [
    ({"victim_presence": "none"}, "blind-presence-unverified"),
    ({"victim_presence": "assumed"}, "blind-presence-unverified"),
    ({"victim_presence": None}, "blind-presence-unverified"),
    ({"operation_purpose": "area_sweep"}, "blind-area-sweep"),
    ({"operation_purpose": None}, "blind-area-sweep"),
    ({"offence_basis": ""}, "blind-no-offence"),
    ({"offence_basis": "   "}, "blind-no-offence"),
    ({"offence_basis": None}, "blind-no-offence"),
    (
        {"screening_site": "none", "trauma_informed_interviewers": False},
        "blind-no-identification",
    ),
    ({"screening_site": None, "trauma_informed_interviewers": None}, "blind-no-identification"),
    ({"immigration_enforcement_objective": True}, "blind-immigration-objective"),
    ({"immigration_enforcement_objective": None}, "blind-immigration-objective"),
]


@pytest.mark.parametrize(("answers", "rule"), BLIND_GATES)
def test_it_calls_a_raid_blind_and_no_go_when_a_blind_gate_fires(answers, rule):
    result = verdict(**answers)
    assert (result["classification"], result["decision"]) == ("blind", "no_go")
    assert rules(result)[rule]["severity"] == "gate"
    assert rules(result)[rule]["source"] in SOURCES
    assert result["conditions"]


def test_screening_none_alone_is_not_the_identification_gate():
    result = verdict(screening_site="none")
    assert "blind-no-identification" not in rules(result)
    assert result["classification"] != "blind"
    assert rules(result)["screening-not-offsite"]["severity"] == "major"


NO_GO_GATES = [
    ({"segregation_plan": False}, "nogo-no-segregation"),
    ({"segregation_plan": None}, "nogo-no-segregation"),
    ({"service_provider_engaged": False}, "nogo-no-service-provider"),
    ({"service_provider_access_hours": 24}, "nogo-no-service-provider"),
    ({"service_provider_access_hours": None}, "nogo-no-service-provider"),
    ({"media_presence": "invited"}, "nogo-media-invited"),
    ({"media_presence": None}, "nogo-media-invited"),
    ({"restraint_policy_for_victims": "restraints_for_all"}, "nogo-restraints"),
    ({"restraint_policy_for_victims": None}, "nogo-restraints"),
    (
        {"shelter_type": "closed_detention_like", "services_voluntary": False},
        "nogo-detention-shelter",
    ),
    ({"lead_agency": "ngo_or_private"}, "nogo-lead-agency"),
    ({"lead_agency": "law_enforcement_without_jurisdiction"}, "nogo-lead-agency"),
    ({"lead_agency": None}, "nogo-lead-agency"),
    ({"payment_to_exploiters": True}, "nogo-payment"),
    ({"payment_to_exploiters": None}, "nogo-payment"),
    ({"non_victims_plan": "immigration_detention_or_arrest"}, "nogo-non-victims-detained"),
    ({"non_victims_plan": None}, "nogo-non-victims-detained"),
    ({"support_conditional_on_testimony": True}, "nogo-support-conditional"),
    ({"support_conditional_on_testimony": None}, "nogo-support-conditional"),
    (
        {"objective_arrest": False, "objective_seize": [], "objective_rescue": None},
        "nogo-no-objective",
    ),
]


@pytest.mark.parametrize(("answers", "rule"), NO_GO_GATES)
def test_it_decides_no_go_when_a_no_go_gate_fires(answers, rule):
    result = verdict(**answers)
    assert result["decision"] == "no_go"
    assert result["classification"] != "blind"
    assert rules(result)[rule]["severity"] == "gate"


def test_access_within_24_hours_is_not_the_provider_gate_but_24_hours_is():
    result = verdict(service_provider_access_hours=23)
    assert "nogo-no-service-provider" not in rules(result)
    assert result["decision"] == "conditional_go"
    # The Gilded Cage delay itself (v2: was > 24).
    assert verdict(service_provider_access_hours=24)["decision"] == "no_go"


def test_a_closed_shelter_with_voluntary_services_is_not_the_detention_gate():
    result = verdict(shelter_type="closed_detention_like")
    assert "nogo-detention-shelter" not in rules(result)
    assert result["decision"] != "no_go"


MAJOR_RULES = [
    ({"victim_presence": "reported"}, {}, "presence-single-source"),
    (
        {"victim_presence": "corroborated", "independent_corroborations": 1},
        {},
        "presence-overstated",
    ),
    ({"intelligence_age_days": 31}, {}, "intelligence-stale"),
    ({"intelligence_age_days": None}, {}, "intelligence-stale"),
    ({"warrant_status": "none"}, {}, "warrant-missing"),
    ({"warrant_status": "pending"}, {}, "warrant-missing"),
    ({"interpreters_for_all_languages": False}, {}, "interpreters-missing"),
    ({"child_specialist": False}, {"minors_suspected": "yes"}, "child-specialist-missing"),
    ({"child_specialist": False}, {"minors_suspected": "unknown"}, "child-specialist-missing"),
    ({"child_specialist": None}, {"minors_suspected": None}, "child-specialist-missing"),
    (
        {"child_specialist": False, "minors_in_commercial_sex": "suspected"},
        {},
        "child-specialist-missing",
    ),
    ({"screening_site": "on_site"}, {}, "screening-not-offsite"),
    ({"trauma_informed_interviewers": False}, {}, "interviewers-not-trauma-informed"),
    ({"age_assessment_method": "forced_medical"}, {}, "age-forced-medical"),
    ({"non_punishment_commitment": False}, {}, "non-punishment-missing"),
    ({"service_provider_access_hours": 3}, {}, "provider-access-slow"),
    ({"shelter_capacity_confirmed": False}, {}, "shelter-capacity-unconfirmed"),
    ({"services_voluntary": False}, {}, "services-not-voluntary"),
    ({"leak_risk": "high", "leak_mitigations": ""}, {}, "leak-unmitigated"),
    ({"officer_safety_assessed": False}, {}, "officer-safety-unassessed"),
    ({"prosecution_plan": False}, {}, "prosecution-plan-missing"),
]


@pytest.mark.parametrize(("answers", "operation", "rule"), MAJOR_RULES)
def test_a_major_finding_turns_go_into_conditional_go(answers, operation, rule):
    result = score_assessment(assessment_with(operation=operation, **answers))
    finding = rules(result)[rule]
    assert finding["severity"] == "major"
    assert set(finding["items"]) & set(answers)
    assert finding["message"] and finding["source"] in SOURCES
    assert result["decision"] == "conditional_go"
    assert result["conditions"]


@pytest.mark.parametrize(
    ("answers", "operation", "rule"),
    [
        ({"intelligence_age_days": 30}, {}, "intelligence-stale"),
        ({"child_specialist": False}, {"minors_suspected": "no"}, "child-specialist-missing"),
        ({"leak_risk": "high"}, {}, "leak-unmitigated"),
        ({"service_provider_access_hours": 2}, {}, "provider-access-slow"),
        ({"warrant_status": "not_required"}, {}, "warrant-missing"),
    ],
)
def test_a_major_rule_stays_quiet_on_the_good_side_of_its_line(answers, operation, rule):
    result = score_assessment(assessment_with(operation=operation, **answers))
    assert rule not in rules(result)


def test_conditional_go_lists_every_open_finding_as_a_condition():
    result = verdict(warrant_status="pending", same_gender_staff=False)
    assert result["decision"] == "conditional_go"
    assert "Obtain the warrant, or record why none is required." in result["conditions"]
    assert "Have staff of the same gender for interviews." in result["conditions"]
    assert len(result["conditions"]) == len(result["findings"])


def test_a_low_score_alone_is_deficient_with_a_finding_that_says_so():
    weak = dict.fromkeys(
        [
            "same_gender_staff",
            "immigration_relief_available",
            "accounts_cross_referenced",
            "community_partners_consulted",
            "deconfliction_checked",
            "evidence_specialists",
            "prosecutor_involved",
            "separate_transport",
            "asset_seizure_plan",
            "witness_protection_measures",
            "after_action_review_planned",
            "broker_links_investigated",
            "objective_arrest",
        ],
        False,
    )
    weak.update(
        objective_seize=[],
        roles_assigned=["command"],
        aftercare_services=[],
        alternatives_considered=[],
        risk_to_non_victims="medium",
        displacement_risk="medium",
        retaliation_risk_to_families="medium",
        retaliation_mitigations="",
        suspect_identification_method="",
        reintegration_plan=False,
        reflection_period_days=0,
    )
    result = verdict(**weak)
    assert result["score"] < SMART_THRESHOLD
    [major] = [f for f in result["findings"] if f["severity"] == "major"]
    assert major["rule"] == "score-below-threshold" and len(major["items"]) == 3
    assert {f["severity"] for f in result["findings"]} == {"major", "minor"}
    assert (result["classification"], result["decision"]) == ("deficient", "conditional_go")


def test_urgency_with_credible_presence_is_urgent_go_with_minimum_safeguards():
    result = verdict(
        risk_to_life="credible_imminent",
        victim_presence="reported",
        segregation_plan=False,
        media_presence="invited",
        screening_site="none",
        trauma_informed_interviewers=False,
        service_provider_engaged=False,
        restraint_policy_for_victims="restraints_for_all",
    )
    assert result["decision"] == "urgent_go"
    assert result["classification"] != "blind"
    assert result["approvals_required"] == 2
    assert result["alternatives"] == []
    for safeguard in (
        "Segregate suspects from potential victims at once.",
        "Screen everyone found off-site, with trauma-informed interviewers.",
        "Call a service provider now, to meet the persons within hours.",
        "Keep the media out.",
        "Use no restraints on potential victims.",
        "The approver writes down why the operation cannot wait.",
        "An after-action review is mandatory.",
    ):
        assert safeguard in result["conditions"]


def test_children_in_commercial_sex_confirmed_is_urgent_and_brings_a_child_specialist():
    result = verdict(
        minors_in_commercial_sex="confirmed", victim_presence="reported", child_specialist=False
    )
    assert result["decision"] == "urgent_go"
    assert "Bring a child specialist for minors." in result["conditions"]


@pytest.mark.parametrize("presence", [None, "none", "assumed"])
def test_urgency_without_credible_presence_is_no_go_asking_for_verification(presence):
    result = verdict(risk_to_life="credible_imminent", victim_presence=presence)
    assert result["decision"] == "no_go"
    assert rules(result)["urgency-unverified"]["severity"] == "gate"
    assert (
        "Verify within hours whether victims are there (surveillance, a second source), "
        "then assess again." in result["conditions"]
    )
    assert "continued_investigation" not in result["alternatives"]


def test_possible_risk_to_life_is_not_urgent():
    assert verdict(risk_to_life="possible")["decision"] == "go"


@pytest.mark.parametrize(
    ("threat", "tier", "approvals"),
    [
        ({}, "lower", 1),
        ({"weapons_expected": "confirmed_firearms"}, "highest", 2),
        ({"weapons_expected": "possible"}, "moderate", 1),
        ({"site_fortified": True, "vulnerable_bystanders": True}, "moderate", 1),
        (
            {
                "weapons_expected": "possible",
                "site_fortified": True,
                "suspects_violent_history": True,
            },
            "high",
            2,
        ),
        ({"lookouts_or_countersurveillance": None}, "moderate", 1),
        (
            {"weapons_expected": "possible", "site_fortified": None, "vulnerable_bystanders": None},
            "high",
            2,
        ),
        ({"weapons_expected": None}, "highest", 2),
    ],
)
def test_threat_tier_counts_hazards_and_sets_approvals(threat, tier, approvals):
    result = verdict(**threat)
    assert (result["threat_tier"], result["approvals_required"]) == (tier, approvals)


@pytest.mark.parametrize(
    ("answers", "operation", "alternative"),
    [
        ({}, {"exploitation_type": "labour"}, "labour_inspection"),
        ({}, {"exploitation_type": "both"}, "labour_inspection"),
        ({"victim_presence": "reported"}, {}, "continued_investigation"),
        ({"intelligence_age_days": 45}, {}, "continued_investigation"),
        ({"broker_links_investigated": False}, {}, "financial_investigation"),
        ({"community_partners_consulted": False}, {"site_type": "brothel"}, "community_outreach"),
        ({"objective_rescue": False}, {}, "targeted_arrest"),
    ],
)
def test_it_suggests_alternatives(answers, operation, alternative):
    result = score_assessment(assessment_with(operation=operation, **answers))
    assert alternative in result["alternatives"]


def test_it_suggests_no_alternatives_the_situation_does_not_call_for():
    result = score_assessment(
        assessment_with(
            operation={"exploitation_type": "labour", "site_type": "farm"},
            community_partners_consulted=False,
            objective_arrest=False,
            objective_rescue=False,
        )
    )
    assert result["alternatives"] == ["labour_inspection"]


def test_urgent_go_suggests_no_alternatives_not_even_labour_inspection():
    result = score_assessment(
        assessment_with(
            operation={"exploitation_type": "labour"},
            risk_to_life="credible_imminent",
            broker_links_investigated=False,
        )
    )
    assert result["decision"] == "urgent_go"
    assert result["alternatives"] == []


def test_unanswered_items_are_named_missing_blank_text_and_empty_lists_too():
    result = verdict(offence_basis=" ", roles_assigned=[], weapons_expected=None)
    assert set(result["missing"]) == {"offence_basis", "roles_assigned", "weapons_expected"}


def test_findings_come_gates_first_then_major_then_minor():
    result = verdict(segregation_plan=False, warrant_status="none", same_gender_staff=False)
    severities = [finding["severity"] for finding in result["findings"]]
    assert severities == sorted(severities, key=["gate", "major", "minor"].index)
