"""Assessments for tests: the best possible plan, and variations of it."""

import copy

from assessments.checklist import CHECKLIST_VERSION, ITEMS, PROFILE_FIELDS, parse_assessment
from assessments.scoring import TRUE_IS_WORSE, score_assessment

LESS_IS_BETTER = ("intelligence_age_days", "service_provider_access_hours")


def best_answer(key):
    item = ITEMS[key]
    if item.type == "choice":
        return item.values[-1]
    if item.type == "bool":
        return key not in TRUE_IS_WORSE
    if item.type == "multi":
        return list(item.values)
    if item.type == "int":
        return 0 if key in LESS_IS_BETTER else 14
    return "Written down in full."


# Section B and the tactical threat items have no "best": these mean no danger, no hazard.
CALM = {
    "risk_to_life": "none_known",
    "minors_in_commercial_sex": "no",
    "ongoing_serious_abuse": False,
    "relocation_imminent": False,
    "weapons_expected": "none",
    "site_fortified": False,
    "suspects_violent_history": False,
    "lookouts_or_countersurveillance": False,
    "vulnerable_bystanders": False,
}


def best_assessment():
    """A smart, go plan for a calm labour site with no minors: the baseline of most tests."""
    answers = {key: best_answer(key) for key in ITEMS}
    answers.update(CALM)
    operation = dict.fromkeys(PROFILE_FIELDS)
    operation.update(
        codename="KESTREL",
        site_type="factory",
        exploitation_type="sex",
        minors_suspected="no",
        expected_languages=["Khmer"],
        estimated_potential_victims=12,
    )
    return {"checklist_version": CHECKLIST_VERSION, "operation": operation, "answers": answers}


def assessment_with(base=None, operation=None, **answers):
    data = copy.deepcopy(base or best_assessment())
    data["answers"].update(answers)
    data["operation"].update(operation or {})
    return parse_assessment(data)


def verdict(**answers):
    return score_assessment(assessment_with(**answers))


def rules(result):
    return {finding["rule"]: finding for finding in result["findings"]}
