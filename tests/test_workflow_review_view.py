"""/operations/<pk>/after-action-review/: the outcome beside the predicted verdict."""

from django.urls import reverse

from assessments.checklist import ITEMS
from assessments.models import AfterActionReview
from tests.workflow_builders import PAST, approve, submitted_operation


def _url(operation):
    return reverse("assessments:after_action_review", args=[operation.pk])


FORM = {
    "persons_found": "14",
    "persons_identified_as_victims": "9",
    "minors_identified": "1",
    "suspects_arrested": "3",
    "potential_victims_detained": "0",
    "potential_victims_charged": "0",
    "potential_victims_deported": "0",
    "hours_until_service_provider": "",
    "evidence_seized": ["cctv"],
    "prosecution_opened": "yes",
    "lessons": "Interpreters arrived late.",
    "service_medical": "9",
    "service_housing": "",
}


def _due(task_force, planner, supervisor):
    operation = submitted_operation(task_force, planner, planned_date=PAST)
    approve(operation, supervisor)
    return operation


def test_it_shows_the_predicted_verdict_beside_the_form(client, task_force, planner, supervisor):
    operation = _due(task_force, planner, supervisor)
    client.force_login(planner)
    html = client.get(_url(operation)).content.decode()
    assert "Predicted" in html and 'id="verdict"' in html
    assert "The verdict of version 1, the version approved." in html
    assert 'for="id_persons_found"' in html and 'for="id_service_medical"' in html
    assert 'name="prosecution_opened"' in html


def test_saving_it_stores_the_outcome_and_closes(client, task_force, planner, supervisor):
    operation = _due(task_force, planner, supervisor)
    client.force_login(planner)
    form = {**FORM, "evidence_seized": ["cctv"]}
    response = client.post(_url(operation), form)
    assert response.status_code == 302
    review = AfterActionReview.objects.get()
    assert (review.persons_found, review.persons_identified_as_victims) == (14, 9)
    assert review.hours_until_service_provider is None
    assert review.prosecution_opened is True
    assert review.services_accepted["medical"] == 9
    assert review.services_accepted["housing"] == 0
    # One count per service of the contract's list, none left out.
    assert set(review.services_accepted) == set(ITEMS["aftercare_services"].values)
    operation.assessment.refresh_from_db()
    assert operation.assessment.status == "closed"


def test_bad_numbers_are_named_per_field_and_nothing_is_lost(
    client, task_force, planner, supervisor
):
    operation = _due(task_force, planner, supervisor)
    client.force_login(planner)
    form = {**FORM, "evidence_seized": ["cctv"], "persons_found": "-1", "minors_identified": "x"}
    response = client.post(_url(operation), form)
    errors = response.context["form"].errors
    assert "persons_found" in errors and "minors_identified" in errors
    html = response.content.decode()
    assert "Interpreters arrived late." in html and 'value="-1"' in html
    assert not AfterActionReview.objects.exists()
    form = {**FORM, "evidence_seized": ["cctv"], "persons_found": "5"}
    errors = client.post(_url(operation), form).context["form"].errors
    assert "persons_identified_as_victims" in errors and "service_medical" in errors
    assert "more than the persons found (5)" in str(errors["service_medical"])


def test_a_review_not_yet_due_is_refused_in_words(client, task_force, planner):
    operation = submitted_operation(task_force, planner, planned_date=PAST)
    client.force_login(planner)
    response = client.post(_url(operation), {**FORM, "evidence_seized": ["cctv"]})
    assert "after-action review opens" in response.content.decode()
    assert not AfterActionReview.objects.exists()
