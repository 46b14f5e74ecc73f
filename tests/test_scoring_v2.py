"""What version 2 of the verdict adds (shared/domain/checklist.md, every line marked v2)."""

import pytest

from assessments.checklist import CHECKLIST_VERSION, SOURCES, parse_assessment
from assessments.scoring import SCORING_VERSION, SMART_THRESHOLD, score_assessment

from .builders import assessment_with, best_assessment, rules, verdict


def test_it_is_version_2_and_records_the_supported_presence():
    result = verdict()
    assert (CHECKLIST_VERSION, SCORING_VERSION) == ("2", "2")
    assert result["scoring_version"] == "2"
    assert result["supported_presence"] == "confirmed"
    assert list(result)[:7] == [
        "scoring_version",
        "classification",
        "decision",
        "score",
        "threat_tier",
        "approvals_required",
        "supported_presence",
    ]


# The contract's worked cases of the supported presence.
@pytest.mark.parametrize(
    ("sources", "corroborations", "claim", "supported"),
    [
        (["surveillance"], 1, "corroborated", "reported"),
        (["surveillance"], 1, "confirmed", "reported"),
        (["informant", "ngo_or_community_report"], 2, "confirmed", "corroborated"),
        (["anonymous_tip"], None, "confirmed", "assumed"),
    ],
)
def test_the_worked_cases_of_the_supported_presence(sources, corroborations, claim, supported):
    result = verdict(
        evidence_sources=sources, independent_corroborations=corroborations, victim_presence=claim
    )
    assert result["supported_presence"] == supported
    finding = rules(result)["presence-overstated"]
    assert finding["severity"] == "major"
    assert finding["items"] == ["victim_presence", "evidence_sources"]
    if supported == "assumed":
        assert (result["classification"], result["decision"]) == ("blind", "no_go")


def test_the_overstated_finding_says_which_source_is_missing():
    no_direct = verdict(
        evidence_sources=["informant", "ngo_or_community_report"], independent_corroborations=2
    )
    assert "no direct source" in rules(no_direct)["presence-overstated"]["message"]
    one_source = verdict(evidence_sources=["surveillance"], independent_corroborations=1)
    assert "second, different source" in rules(one_source)["presence-overstated"]["message"]


def test_an_anonymous_tip_alone_with_credible_imminent_risk_is_no_go_not_urgent():
    result = verdict(
        evidence_sources=["anonymous_tip"],
        independent_corroborations=0,
        victim_presence="confirmed",
        risk_to_life="credible_imminent",
    )
    assert result["decision"] == "no_go"
    assert "urgency-unverified" in rules(result)
    assert "Verify within hours" in " ".join(result["conditions"])
    assert "continued_investigation" not in result["alternatives"]


def test_a_claim_the_sources_carry_is_not_overstated():
    result = verdict(victim_presence="corroborated")
    assert result["supported_presence"] == "corroborated"
    assert "presence-overstated" not in rules(result)
    assert result["decision"] == "go"


# Every gate of version 2: it fires, answered and unanswered, and the unanswered message
# says so; on the good side it stays quiet.
NEW_GATES = [
    ("nogo-lead-agency", {"lead_agency": "ngo_or_private"}, "lead_agency"),
    ("nogo-payment", {"payment_to_exploiters": True}, "payment_to_exploiters"),
    (
        "nogo-non-victims-detained",
        {"non_victims_plan": "immigration_detention_or_arrest"},
        "non_victims_plan",
    ),
    (
        "nogo-support-conditional",
        {"support_conditional_on_testimony": True},
        "support_conditional_on_testimony",
    ),
    (
        "nogo-no-objective",
        {"objective_arrest": False, "objective_seize": [], "objective_rescue": False},
        "objective_rescue",
    ),
]


@pytest.mark.parametrize(("rule", "answers", "key"), NEW_GATES)
def test_a_new_gate_fires_answered_and_unanswered_saying_which(rule, answers, key):
    answered = verdict(**answers)
    assert answered["decision"] == "no_go" and answered["classification"] != "smart"
    assert answered["score"] <= SMART_THRESHOLD - 1
    assert "not answered" not in rules(answered)[rule]["message"]
    assert rules(answered)[rule]["source"] in SOURCES
    unanswered = verdict(**{**answers, key: None})
    assert unanswered["decision"] == "no_go"
    assert "not answered, so counted as" in rules(unanswered)[rule]["message"]


def test_the_objectives_gate_stays_quiet_with_one_objective():
    result = verdict(objective_arrest=False, objective_seize=[], objective_rescue=True)
    assert "nogo-no-objective" not in rules(result)


NEW_MAJORS = [
    ("guardian-missing", {"guardian_for_minors": False}, {"minors_suspected": "yes"}),
    ("age-assessment-missing", {"age_assessment_method": "none"}, {"minors_suspected": "unknown"}),
    ("shelter-closed", {"shelter_type": "closed_detention_like"}, {}),
    ("team-not-vetted", {"team_vetted": False, "leak_risk": "medium"}, {}),
    ("observers-not-excluded", {"observers_excluded": False}, {}),
    ("immigration-officers-on-scene", {"immigration_officers_on_scene": True}, {}),
    ("non-victims-not-planned", {"non_victims_plan": "not_planned"}, {}),
    ("staff-insufficient", {"staff_sufficient": False}, {}),
    ("safe-return-unassessed", {"safe_return_assessed": False}, {}),
    ("harm-to-non-victims", {"risk_to_non_victims": "high"}, {}),
    (
        "displacement-unmitigated",
        {"displacement_risk": "high", "community_partners_consulted": False},
        {},
    ),
    (
        "retaliation-unmitigated",
        {"retaliation_risk_to_families": "high", "retaliation_mitigations": "n/a"},
        {},
    ),
    ("raid-necessity-unjustified", {"raid_necessity_justification": "TBD"}, {}),
    ("interpreters-missing", {"interpreters_for_all_languages": False}, {"expected_languages": []}),
    ("screening-not-offsite", {"screening_site": "none"}, {}),
]


@pytest.mark.parametrize(("rule", "answers", "operation"), NEW_MAJORS)
def test_a_new_major_finding_turns_go_into_conditional_go(rule, answers, operation):
    result = score_assessment(assessment_with(operation=operation, **answers))
    assert rules(result)[rule]["severity"] == "major"
    assert rules(result)[rule]["source"] in SOURCES
    assert result["decision"] in ("conditional_go", "no_go")
    assert result["decision"] != "go"


@pytest.mark.parametrize(("rule", "answers", "operation"), NEW_MAJORS[:13])
def test_a_new_major_fires_unanswered_and_says_it_is_unanswered(rule, answers, operation):
    key = next(iter(answers))
    result = score_assessment(assessment_with(operation=operation, **{**answers, key: None}))
    assert "not answered" in rules(result)[rule]["message"]
    assert result["decision"] != "go"


@pytest.mark.parametrize(
    ("answers", "operation", "rule"),
    [
        ({"guardian_for_minors": False}, {"minors_suspected": "no"}, "guardian-missing"),
        ({"age_assessment_method": "none"}, {"minors_suspected": "no"}, "age-assessment-missing"),
        ({"team_vetted": False, "leak_risk": "low"}, {}, "team-not-vetted"),
        ({"risk_to_non_victims": "medium"}, {}, "harm-to-non-victims"),
        ({"displacement_risk": "high"}, {}, "displacement-unmitigated"),
        ({"retaliation_risk_to_families": "high"}, {}, "retaliation-unmitigated"),
        (
            {"child_specialist": False, "minors_in_commercial_sex": None},
            {},
            "child-specialist-missing",
        ),
    ],
)
def test_a_new_major_stays_quiet_where_its_condition_does_not_hold(answers, operation, rule):
    result = score_assessment(assessment_with(operation=operation, **answers))
    assert rule not in rules(result)


def test_advice_that_does_not_apply_is_not_given_and_costs_nothing():
    result = verdict(child_specialist=False, guardian_for_minors=None)
    assert result["score"] == 100
    assert not {"child-specialist-missing", "guardian-missing"} & set(rules(result))
    assert "item-child_specialist" not in rules(result)
    assert result["decision"] == "go"


def test_the_interpreter_advice_names_the_languages():
    result = score_assessment(
        assessment_with(
            operation={"expected_languages": ["Khmer", "Lao"]}, interpreters_for_all_languages=False
        )
    )
    assert "Bring interpreters for every expected language: Khmer, Lao." in result["conditions"]


def test_ongoing_serious_abuse_makes_it_urgent():
    result = verdict(ongoing_serious_abuse=True, victim_presence="reported")
    assert result["decision"] == "urgent_go"
    assert result["approvals_required"] == 2
    assert result["alternatives"] == []


def test_urgent_go_takes_every_would_be_gate_along_as_a_safeguard():
    result = score_assessment(
        assessment_with(
            operation={"minors_suspected": "yes"},
            risk_to_life="credible_imminent",
            lead_agency="ngo_or_private",
            payment_to_exploiters=True,
            non_victims_plan="immigration_detention_or_arrest",
            immigration_officers_on_scene=True,
            guardian_for_minors=False,
        )
    )
    assert result["decision"] == "urgent_go"
    for safeguard in (
        "Let the law-enforcement agency with jurisdiction lead and enter.",
        "Pay the exploiters nothing: no buying people out.",
        "Detain nobody screened out: release them with a referral.",
        "Keep immigration officers away from the scene.",
        "Have a guardian or child-protection authority act for each minor.",
    ):
        assert safeguard in result["conditions"]


@pytest.mark.parametrize("key", ["risk_to_life", "minors_in_commercial_sex"])
def test_danger_not_assessed_keeps_a_plan_from_go_and_fires_nothing_else(key):
    result = verdict(**{key: None})
    assert rules(result)["danger-not-assessed"]["severity"] == "major"
    assert result["decision"] == "conditional_go"
    others = {f["rule"] for f in result["findings"]} - {"danger-not-assessed"}
    assert not {rule for rule in others if not rule.startswith("item-")}


@pytest.mark.parametrize("key", ["ongoing_serious_abuse", "relocation_imminent"])
def test_unanswered_abuse_or_relocation_fires_nothing(key):
    result = verdict(**{key: None})
    assert result["decision"] == "go"
    assert key in result["missing"]


def test_relocation_with_presence_below_corroborated_asks_to_verify_not_to_wait():
    result = verdict(
        relocation_imminent=True,
        evidence_sources=["informant"],
        independent_corroborations=1,
        victim_presence="reported",
    )
    assert rules(result)["verify-before-move"]["severity"] == "major"
    assert "continued_investigation" not in result["alternatives"]
    assert "verify-before-move" not in rules(verdict(relocation_imminent=True))


@pytest.mark.parametrize("text", ["", "  ", "n/a", "N/A", "\u200b", "none.", "TBD", "xxx", "Test!"])
def test_an_empty_or_placeholder_offence_counts_as_none(text):
    result = verdict(offence_basis=text)
    assert "blind-no-offence" in rules(result)
    assert "offence_basis" in result["missing"]
    assert "not answered" in rules(result)["blind-no-offence"]["message"]


@pytest.mark.parametrize("text", ["Forced labour", "ការ\u200bជួញដូរមនុស្ស", "x"])
def test_a_real_offence_in_any_script_counts(text):
    assert "blind-no-offence" not in rules(verdict(offence_basis=text))


def test_the_score_is_rounded_down_and_every_comparison_uses_it():
    result = verdict(reflection_period_days=7)  # half of a weight of 1 lost: 99.5
    assert result["score"] == 99 and result["section_scores"]["F"] == 15


def test_a_score_just_below_the_threshold_is_deficient_and_says_why():
    # Only minor losses, but many: the plan is otherwise smart.
    weak = dict.fromkeys(
        [
            "asset_seizure_plan",
            "witness_protection_measures",
            "after_action_review_planned",
            "community_partners_consulted",
            "same_gender_staff",
            "immigration_relief_available",
            "accounts_cross_referenced",
            "deconfliction_checked",
            "evidence_specialists",
            "prosecutor_involved",
            "separate_transport",
            "broker_links_investigated",
            "reintegration_plan",
            "objective_arrest",
        ],
        False,
    )
    result = verdict(
        **weak,
        alternatives_considered=[],
        aftercare_services=[],
        intelligence_age_days=20,
        leak_risk="medium",
        reflection_period_days=3,
        roles_assigned=["command"],
        suspect_identification_method="",
        retaliation_mitigations="",
        retaliation_risk_to_families="medium",
        risk_to_non_victims="medium",
        displacement_risk="medium",
    )
    assert result["score"] < SMART_THRESHOLD
    finding = rules(result)["score-below-threshold"]
    assert finding["severity"] == "major" and len(finding["items"]) == 3
    assert (result["classification"], result["decision"]) == ("deficient", "conditional_go")


def test_a_gated_plan_scores_at_most_the_threshold_less_one():
    result = verdict(segregation_plan=False)
    assert result["score"] == SMART_THRESHOLD - 1
    assert result["classification"] != "smart"


def test_weapons_unanswered_count_as_firearms():
    result = verdict(weapons_expected=None)
    assert (result["threat_tier"], result["approvals_required"]) == ("highest", 2)


@pytest.mark.parametrize(
    ("operation", "expected"),
    [
        ({"exploitation_type": "unknown", "site_type": "farm"}, True),
        ({"exploitation_type": None, "site_type": "fishing_vessel"}, True),
        ({"exploitation_type": "unknown", "site_type": "brothel"}, False),
        ({"exploitation_type": "sex", "site_type": "farm"}, False),
    ],
)
def test_labour_inspection_is_suggested_at_a_labour_site_of_unknown_exploitation(
    operation, expected
):
    result = score_assessment(assessment_with(operation=operation))
    assert ("labour_inspection" in result["alternatives"]) == expected


def test_version_1_input_is_scored_under_version_2_with_the_new_items_unanswered():
    data = best_assessment()
    data["checklist_version"] = "1"
    for key in (
        "payment_to_exploiters",
        "lead_agency",
        "immigration_officers_on_scene",
        "team_vetted",
        "non_victims_plan",
        "staff_sufficient",
        "guardian_for_minors",
        "support_conditional_on_testimony",
        "safe_return_assessed",
        "reintegration_plan",
    ):
        del data["answers"][key]
    del data["operation"]["receiving_organisation"]
    assessment = parse_assessment(data)
    assert assessment["checklist_version"] == "2"
    result = score_assessment(assessment)
    assert result["decision"] == "no_go"
    assert "lead_agency" in result["missing"]
    assert "not answered" in rules(result)["nogo-lead-agency"]["message"]
    # The same input under the version 1 rules: its own verdict.
    assert score_assessment(assessment, scoring_version="1")["decision"] == "go"
