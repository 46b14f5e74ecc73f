"""The checklist matches the domain contract, and validation names every problem."""

import pytest

from assessments.checklist import (
    ITEMS,
    PROFILE_FIELDS,
    RESTRICTED_FIELDS,
    SECTIONS,
    SOURCES,
    InvalidAssessment,
    parse_assessment,
    validate_assessment,
)

from .builders import best_assessment

# shared/domain/checklist.md (version 2), key: type and values (worst first). Keys are an
# interface.
CONTRACT = """
codename text
site_type choice brothel massage_parlour entertainment_venue factory farm construction_site
  fishing_vessel private_home other
exploitation_type choice sex labour both unknown
target_name text
target_address text
planned_date date
estimated_persons_on_site int
estimated_potential_victims int
minors_suspected choice yes no unknown
expected_languages multi
suspect_roles multi employer guard broker supervisor pimp recruiter other
suspect_details text
receiving_organisation text
evidence_sources multi escaped_victim_account rescued_victim_account undercover_observation
  informant surveillance telephony_financial_records ngo_or_community_report labour_inspection
  anonymous_tip
independent_corroborations int
victim_presence choice none assumed reported corroborated confirmed
intelligence_age_days int
offence_basis text
warrant_status choice none pending not_required obtained
operation_purpose choice area_sweep targeted_site
broker_links_investigated bool
informant_details text
risk_to_life choice none_known possible credible_imminent
minors_in_commercial_sex choice no suspected confirmed
ongoing_serious_abuse bool
relocation_imminent bool
objective_arrest bool
objective_seize multi cctv documents_passports financial_records weapons confinement_evidence
  phones other
objective_rescue bool
immigration_enforcement_objective bool
payment_to_exploiters bool
lead_agency choice ngo_or_private law_enforcement_without_jurisdiction
  law_enforcement_with_jurisdiction
roles_assigned multi scene_security evidence_team arrest_team victim_team transport command
prosecutor_involved bool
evidence_specialists bool
media_presence choice invited not_decided excluded
observers_excluded bool
immigration_officers_on_scene bool
leak_risk choice high medium low
leak_mitigations text
team_vetted bool
officer_safety_assessed bool
restraint_policy_for_victims choice restraints_for_all case_by_case no_restraints
deconfliction_checked bool
weapons_expected choice confirmed_firearms possible none
site_fortified bool
suspects_violent_history bool
lookouts_or_countersurveillance bool
vulnerable_bystanders bool
segregation_plan bool
suspect_identification_method text
separate_transport bool
screening_site choice none on_site offsite_safe_location
non_victims_plan choice immigration_detention_or_arrest not_planned released_with_referral
trauma_informed_interviewers bool
interpreters_for_all_languages bool
staff_sufficient bool
child_specialist bool
guardian_for_minors bool
same_gender_staff bool
reflection_period_days int
age_assessment_method choice forced_medical none self_report_or_consensual_medical
non_punishment_commitment bool
immigration_relief_available bool
accounts_cross_referenced bool
service_provider_engaged bool
service_provider_access_hours int
shelter_capacity_confirmed bool
shelter_type choice closed_detention_like none voluntary
aftercare_services multi medical counselling legal housing repatriation livelihood interpretation
services_voluntary bool
support_conditional_on_testimony bool
safe_return_assessed bool
risk_to_non_victims choice high medium low
displacement_risk choice high medium low
community_partners_consulted bool
retaliation_risk_to_families choice high medium low
retaliation_mitigations text
alternatives_considered multi labour_inspection continued_investigation financial_investigation
  community_outreach targeted_arrest
raid_necessity_justification text
prosecution_plan bool
asset_seizure_plan bool
witness_protection_measures bool
reintegration_plan bool
after_action_review_planned bool
"""


def contract():
    definitions = {}
    for line in CONTRACT.replace("\n  ", " ").strip().splitlines():
        key, type_, *values = line.split()
        definitions[key] = (type_, tuple(values))
    return definitions


def test_every_contract_key_is_defined_with_its_type_and_values_worst_first():
    defined = {key: (item.type, item.values) for key, item in {**PROFILE_FIELDS, **ITEMS}.items()}
    assert defined == contract()


def test_sections_are_a_to_j_plus_the_tactical_threat_items():
    assert [section.key for section in SECTIONS] == list("ABCDTEFGHIJ")


def test_every_item_has_a_question_help_text_and_a_named_source():
    for item in ITEMS.values():
        assert item.question and item.help, item.key
        assert item.source in SOURCES, item.key


def test_restricted_fields_are_the_ones_never_shown_to_an_ngo():
    assert RESTRICTED_FIELDS == {
        "target_name",
        "target_address",
        "suspect_roles",
        "suspect_details",
        "informant_details",
    }


def test_it_accepts_a_complete_assessment_and_fills_in_unanswered_keys():
    data = best_assessment()
    assert validate_assessment(data) == []
    sparse = {"checklist_version": "1", "operation": {"codename": "OWL"}, "answers": {}}
    parsed = parse_assessment(sparse)
    assert set(parsed["answers"]) == set(ITEMS)
    assert set(parsed["operation"]) == set(PROFILE_FIELDS)
    assert parsed["answers"]["victim_presence"] is None


def problems_of(**answers):
    data = best_assessment()
    data["answers"].update(answers)
    return [str(problem) for problem in validate_assessment(data)]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("victim_presence", "maybe", "'maybe' is not one of: none, assumed, reported"),
        ("victim_presence", 3, "3 is not one of"),
        ("evidence_sources", "informant", "must be a list"),
        ("evidence_sources", ["informant", "rumour"], "'rumour' is not one of"),
        ("evidence_sources", ["informant", "informant"], "lists an entry twice"),
        ("segregation_plan", "yes", "must be true, false or null"),
        ("segregation_plan", 1, "must be true, false or null"),
        ("independent_corroborations", -1, "must not be negative"),
        ("independent_corroborations", "3", "must be a whole number"),
        ("independent_corroborations", 2.5, "must be a whole number"),
        ("independent_corroborations", True, "must be a whole number"),
        ("independent_corroborations", 10**9, "must be at most"),
        ("offence_basis", "x" * 4001, "is longer than 4000 characters"),
        ("offence_basis", 12, "must be text"),
    ],
)
def test_it_rejects_a_wrong_answer_naming_the_key(key, value, message):
    problems = problems_of(**{key: value})
    assert len(problems) == 1
    assert problems[0].startswith(f"answers.{key}: ")
    assert message in problems[0]


def test_text_of_exactly_4000_characters_is_accepted():
    assert problems_of(offence_basis="x" * 4000) == []


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("codename", "", "operation.codename: is required"),
        ("codename", None, "operation.codename: is required"),
        ("planned_date", "2026-02-30", "operation.planned_date: must be a date"),
        ("planned_date", "20261201", "operation.planned_date: must be a date"),
        ("expected_languages", ["Thai", ""], "operation.expected_languages: every entry"),
        ("expected_languages", ["x" * 101], "operation.expected_languages: an entry is longer"),
        ("bogus", 1, "operation.bogus: is not a checklist key"),
    ],
)
def test_it_rejects_a_wrong_profile_value_naming_the_key(key, value, message):
    data = best_assessment()
    data["operation"][key] = value
    problems = [str(problem) for problem in validate_assessment(data)]
    assert len(problems) == 1 and problems[0].startswith(message)


def test_it_reports_every_problem_at_once_and_guesses_nothing():
    data = {
        "checklist_version": "3",
        "operation": {"codename": "OWL", "suspect_name": "x"},
        "answers": {"victim_presence": "Confirmed", "raid_size": 4, "segregation_plan": "true"},
        "extra": True,
    }
    with pytest.raises(InvalidAssessment) as raised:
        parse_assessment(data)
    keys = [problem.key for problem in raised.value.problems]
    assert keys == [
        "extra",
        "checklist_version",
        "operation.suspect_name",
        "answers.raid_size",
        "answers.victim_presence",
        "answers.segregation_plan",
    ]


@pytest.mark.parametrize("data", [[], "x", None, {"checklist_version": "1"}])
def test_it_rejects_what_is_not_an_assessment_object(data):
    assert validate_assessment(data)


def test_a_problem_renders_through_a_translation_function():
    [problem] = validate_assessment({**best_assessment(), "checklist_version": "9"})
    assert problem.render(lambda message: message.replace("must be", "doit être")) == (
        "doit être '1' or '2'."
    )


def test_every_value_has_its_label_beside_it():
    from assessments.checklist import choices_for

    for key, item in {**PROFILE_FIELDS, **ITEMS}.items():
        assert [value for value, _ in choices_for(key)] == list(item.values)
        assert all(label for _, label in choices_for(key)), key
        assert not item.free_values or not item.values, key


# Version 2 tightens validation.
@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "offence_basis",
            "Forced\x07 labour",
            "contains a control or text-direction character (U+0007)",
        ),
        ("offence_basis", "abc\u202edef", "(U+202E)"),
        ("offence_basis", "abc\u2066def", "(U+2066)"),
        ("offence_basis", "abc\x85def", "(U+0085)"),
        ("leak_mitigations", "a\x00b", "contains a null character"),
    ],
)
def test_it_refuses_control_and_direction_characters_never_stripping_them(key, value, message):
    problems = problems_of(**{key: value})
    assert (
        len(problems) == 1 and message in problems[0] and problems[0].startswith(f"answers.{key}")
    )


@pytest.mark.parametrize(
    "text", ["ការ\u200bជួញដូរ", "a\u200cb\u200dc", "line one\nline two\ttab", "windows\r\nline"]
)
def test_it_accepts_zero_width_spaces_joiners_and_line_ends(text):
    assert problems_of(offence_basis=text) == []
    assert (
        parse_assessment({**best_assessment(), "answers": {"offence_basis": text}})["answers"][
            "offence_basis"
        ]
        == text
    )  # kept as typed


@pytest.mark.parametrize("codename", ["LOT\u200bUS", "LOTUS\u200e", "\ufeffLOTUS"])
def test_a_codename_has_no_invisible_character(codename):
    """Red team: LOT<zero-width space>US stood beside LOTUS in the lists and e-mails."""
    data = best_assessment()
    data["operation"]["codename"] = codename
    [problem] = validate_assessment(data)
    assert str(problem).startswith("operation.codename: contains an invisible character (U+")


@pytest.mark.parametrize("value", ["2026-W49-2", "20261201", "2026-12-1", "٢٠٢٦-١٢-٠١"])
def test_dates_are_only_yyyy_mm_dd(value):
    data = best_assessment()
    data["operation"]["planned_date"] = value
    [problem] = validate_assessment(data)
    assert str(problem) == "operation.planned_date: must be a date written YYYY-MM-DD."


def test_lists_and_numbers_are_bounded_and_the_message_says_the_bound():
    data = best_assessment()
    data["operation"]["expected_languages"] = [f"Language {n}" for n in range(51)]
    [problem] = validate_assessment(data)
    assert str(problem) == "operation.expected_languages: lists more than 50 entries."
    assert problems_of(independent_corroborations=1_000_001) == [
        "answers.independent_corroborations: must be at most 1000000."
    ]


def test_a_key_given_twice_is_refused_naming_it():
    from assessments.checklist import loads

    with pytest.raises(InvalidAssessment) as raised:
        loads('{"checklist_version": "2", "operation": {}, "answers": {"a": 1, "a": 2}}')
    assert [str(problem) for problem in raised.value.problems] == ["a: is given twice in the JSON."]


def test_a_lone_surrogate_in_a_key_is_a_problem_that_can_be_printed():
    data = best_assessment()
    data["answers"]["\ud800"] = 1
    [problem] = validate_assessment(data)
    assert str(problem).encode("utf-8") == b"answers.\\ud800: is not a checklist key."


def test_version_1_input_takes_no_answer_to_a_version_2_item():
    data = {**best_assessment(), "checklist_version": "1"}
    problems = [str(problem) for problem in validate_assessment(data)]
    assert "answers.lead_agency: is not a key of checklist version 1." in problems
    # A null is how an export of a version 1 assessment spells them.
    data["answers"] = dict.fromkeys(data["answers"])
    data["operation"]["receiving_organisation"] = None
    assert validate_assessment(data) == []
