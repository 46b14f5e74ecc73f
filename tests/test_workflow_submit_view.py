"""/operations/<pk>/submit/: the planner's step from the operation page: a summary of
what the approvers will see, then the confirmation."""

from django.urls import reverse

from tests.workflow_builders import planned_operation, status_of


def _detail(operation):
    return reverse("assessments:operation_detail", args=[operation.pk])


def _submit(operation):
    return reverse("assessments:assessment_submit", args=[operation.pk])


def test_a_planner_submits_from_the_operation_page(client, task_force, planner):
    operation = planned_operation(task_force, planner)
    client.force_login(planner)
    html = client.get(_detail(operation)).content.decode()
    assert _submit(operation) in html and "Submit for approval" in html
    response = client.post(_submit(operation), follow=True)
    assert response.redirect_chain == [(_detail(operation), 302)]
    assert status_of(operation) == "submitted"
    html = response.content.decode()
    assert "Submitted for approval: the approvers are told." in html
    assert _submit(operation) not in html
    assert "Workflow history" in html


def test_a_refusal_is_shown_in_words(client, task_force, planner):
    operation = planned_operation(task_force, planner)
    client.force_login(planner)
    client.post(_submit(operation))
    response = client.post(_submit(operation), follow=True)
    assert "Only a draft or a returned assessment can be submitted" in response.content.decode()


def test_supervisors_get_no_submit_button_and_403(client, task_force, planner, supervisor):
    operation = planned_operation(task_force, planner)
    client.force_login(supervisor)
    assert _submit(operation) not in client.get(_detail(operation)).content.decode()
    assert client.post(_submit(operation)).status_code == 403
    assert status_of(operation) == "draft"


def test_the_step_sums_up_the_verdict_the_gaps_and_the_findings(client, task_force, planner):
    operation = planned_operation(
        task_force, planner, segregation_plan=None, service_provider_access_hours=30
    )
    client.force_login(planner)
    html = client.get(_submit(operation)).content.decode()
    assert "What the approvers will see" in html
    assert 'id="submit-missing"' in html  # segregation_plan, unanswered
    assert 'id="submit-findings"' in html
    assert "No go" in html
    assert status_of(operation) == "draft"  # looking submits nothing


def test_the_step_says_why_not_before_the_planner_confirms(client, task_force, planner):
    from assessments import services

    operation = services.operation_create(
        task_force=task_force, user=planner, profile={"codename": "BARE"}
    )
    client.force_login(planner)
    html = client.get(_submit(operation)).content.decode()
    assert 'id="submit-refusal"' in html and "Planned date" in html
    assert 'type="submit"' not in html.split('id="submit-refusal"')[1].split("</main>")[0]
