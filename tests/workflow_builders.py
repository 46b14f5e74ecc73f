"""Operations at a given point of the workflow, for the workflow tests.

Plans start from builders.best_assessment (smart, go, one approval); keyword answers
change it: e.g. weapons_expected="confirmed_firearms" needs two approvals,
risk_to_life="credible_imminent" is urgent_go, service_provider_access_hours=12 is a
conditional_go, and NO_GO is a blind plan.
"""

import datetime

from assessments import services
from tests.builders import best_assessment

TWO_APPROVALS = {"weapons_expected": "confirmed_firearms"}
URGENT = {"risk_to_life": "credible_imminent"}
CONDITIONAL = {"service_provider_access_hours": 12}
NO_GO = {"victim_presence": "assumed", "segregation_plan": False}
PAST = datetime.date(2026, 1, 10)
FUTURE = datetime.date(2099, 1, 1)


def planned_operation(
    task_force,
    planner,
    *,
    codename="OSPREY",
    planned_date=FUTURE,
    receiving_organisation=None,
    **answers,
):
    plan = best_assessment()
    profile = {
        **plan["operation"],
        "codename": codename,
        "planned_date": planned_date.isoformat(),
        "receiving_organisation": receiving_organisation,
    }
    return services.operation_create(
        task_force=task_force,
        user=planner,
        profile=profile,
        answers={**plan["answers"], **answers},
    )


def submitted_operation(task_force, planner, **options):
    operation = planned_operation(task_force, planner, **options)
    services.assessment_submit(operation=operation, user=planner)
    return operation


def seen(operation):
    """The version number and content hash an approver's page shows now."""
    version = services.current_version(operation=operation)
    return {"version": version.number, "content_hash": version.content_hash}


def approve(operation, user, rationale="Evidence corroborated; care ready.", **options):
    return services.assessment_approve(
        operation=operation, user=user, rationale=rationale, **seen(operation), **options
    )


def status_of(operation):
    operation.assessment.refresh_from_db()
    return operation.assessment.status


def edit(operation, user, **answers):
    return services.assessment_save(
        operation=operation,
        user=user,
        base_version=services.current_version(operation=operation).number,
        answers=answers,
    )


def resubmitted(operation, user, **answers):
    """Revise a submitted or approved plan, save `answers`, submit it again: how a plan
    changes once it has left the planner's hands. Returns the new version."""
    services.assessment_revise(operation=operation, user=user)
    version = edit(operation, user, **answers)
    services.assessment_submit(operation=operation, user=user)
    return version


REVIEW = {
    "persons_found": 14,
    "persons_identified_as_victims": 9,
    "minors_identified": 1,
    "services_accepted": {"medical": 9, "housing": 6},
    "suspects_arrested": 3,
    "potential_victims_detained": 0,
    "potential_victims_charged": 0,
    "potential_victims_deported": 0,
    "hours_until_service_provider": 1,
    "evidence_seized": ["cctv", "financial_records"],
    "prosecution_opened": True,
    "lessons": "Interpreters for Lao arrived late.",
}


def review_signed_off(operation, planner, supervisor, values=REVIEW):
    """The after-action review written, submitted and signed off: the operation closes."""
    services.after_action_review_save(operation=operation, user=planner, values=values)
    services.after_action_review_submit(operation=operation, user=planner)
    return services.after_action_review_sign_off(operation=operation, user=supervisor)
