"""/operations/<pk>/after-action-review/: the outcome beside the predicted verdict."""

from django.urls import reverse

from assessments.checklist import ITEMS
from assessments.models import AfterActionReview
from tests.conftest import PASSWORD
from tests.two_factor import totp_token
from tests.workflow_builders import PAST, approve, submitted_operation


def _url(operation):
    return reverse("assessments:after_action_review", args=[operation.pk])


def _decision_url(operation):
    return reverse("assessments:after_action_review_decision", args=[operation.pk])


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
    assert "Predicted verdict" in html and 'id="verdict"' in html
    assert "The verdict of version 1, the version approved." in html
    assert 'for="id_persons_found"' in html and 'for="id_service_medical"' in html
    assert 'name="prosecution_opened"' in html


def test_a_draft_is_saved_read_back_submitted_and_signed_off(
    client, task_force, planner, supervisor
):
    operation = _due(task_force, planner, supervisor)
    client.force_login(planner)
    partial = {"persons_found": "14", "lessons": "Interpreters arrived late."}
    assert client.post(_url(operation), {**partial, "save": "1"}).status_code == 302
    # Read back: what was saved fills the form again.
    html = client.get(_url(operation)).content.decode()
    assert 'value="14"' in html and "Interpreters arrived late." in html
    assert "Still to answer before you submit" in html
    refused = client.post(_url(operation), {**partial, "submit": "1"})
    assert (
        refused.status_code == 409 and "Answer these before you submit" in refused.content.decode()
    )

    response = client.post(_url(operation), {**FORM, "submit": "1"})
    assert response.status_code == 302
    review = AfterActionReview.objects.get()
    assert review.status == "submitted"
    assert (review.persons_found, review.persons_identified_as_victims) == (14, 9)
    assert review.hours_until_service_provider is None
    assert review.prosecution_opened is True
    assert review.services_accepted["medical"] == 9
    assert review.services_accepted["housing"] == 0
    # One count per service of the contract's list, none left out.
    assert set(review.services_accepted) == set(ITEMS["aftercare_services"].values)
    operation.assessment.refresh_from_db()
    assert operation.assessment.status == "after_action_review"
    # Read-only for the planners now; the supervisor signs off, re-authenticated.
    assert 'name="submit"' not in client.get(_url(operation)).content.decode()
    client.force_login(supervisor)
    page = client.get(_url(operation)).content.decode()
    assert 'id="review-decision"' in page and 'id="review-comparison"' in page
    decision = {
        "action": "sign_off",
        "password": PASSWORD,
        "token": totp_token(supervisor),
    }
    response = client.post(_decision_url(operation), decision)
    assert response.status_code == 302
    operation.assessment.refresh_from_db()
    assert operation.assessment.status == "closed"
    assert AfterActionReview.objects.get().signed_off_by == supervisor


def test_it_sets_actual_beside_predicted_and_flags_harm(client, task_force, planner, supervisor):
    operation = _due(task_force, planner, supervisor)
    client.force_login(planner)
    harmed = {**FORM, "potential_victims_detained": "3", "potential_victims_deported": "1"}
    client.post(_url(operation), {**harmed, "save": "1"})
    html = client.get(_url(operation)).content.decode()
    comparison = html.split('id="review-comparison"')[1].split("</table>")[0]
    assert "Victims expected, identified" in comparison
    assert "12" in comparison and "9" in comparison  # expected 12 (the profile), found 9
    assert "Hours until a service provider met them" in comparison
    harms = html.split('id="review-harms"')[1].split("</div>")[0]
    assert "3 potential victims detained" in harms and "1 potential victim deported" in harms
    services_table = html.split('id="review-services"')[1].split("</table>")[0]
    assert "Medical" in services_table


def test_a_missing_comment_on_return_spends_no_code(client, task_force, planner, supervisor):
    operation = _due(task_force, planner, supervisor)
    client.force_login(planner)
    client.post(_url(operation), {**FORM, "submit": "1"})
    client.force_login(supervisor)
    token = totp_token(supervisor)
    response = client.post(
        _decision_url(operation), {"action": "return", "password": PASSWORD, "token": token}
    )
    assert response.status_code == 422
    assert "Write what the planners must add or correct." in response.content.decode()
    # The same code still works: it was not checked, so not used up.
    response = client.post(
        _decision_url(operation),
        {"action": "return", "comments": "Count again.", "password": PASSWORD, "token": token},
    )
    assert response.status_code == 302
    assert AfterActionReview.objects.get().status == "returned"


def test_bad_numbers_are_named_per_field_and_nothing_is_lost(
    client, task_force, planner, supervisor
):
    operation = _due(task_force, planner, supervisor)
    client.force_login(planner)
    form = {**FORM, "evidence_seized": ["cctv"], "persons_found": "-1", "minors_identified": "x"}
    response = client.post(_url(operation), {**form, "save": "1"})
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
