import pytest
from django.urls import reverse

from assessments import checklist, services


def _url(operation):
    return reverse("assessments:operation_detail", args=[operation.pk])


def test_it_shows_the_profile_verdict_and_who_saved_last(client, planner, operation):
    client.force_login(planner)
    html = client.get(_url(operation)).content.decode()
    assert "KESTREL" in html
    assert "Golden Thread Garments" in html
    assert "14 Riverside Road, Sample District" in html
    assert "Employer, Guard" in html
    assert "Khmer, Lao" in html
    assert "Restricted: never shared with partner organisations" in html
    assert 'id="verdict"' in html
    assert "No go" in html
    assert "Version 1, saved by alice" in html


def test_it_links_every_section_with_its_progress(client, planner, operation):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={
            "victim_presence": "confirmed",
            "informant_details": "Kept apart",
            "risk_to_life": "possible",
        },
    )
    client.force_login(planner)
    response = client.get(_url(operation))
    html = response.content.decode()
    for section in checklist.SECTIONS:
        assert reverse("assessments:checklist_section", args=[operation.pk, section.key]) in html
    progress = {row["section"].key: row for row in response.context["progress"]["sections"]}
    # informant_details is optional: neither counted nor expected.
    assert (progress["A"]["answered"], progress["A"]["total"]) == (1, 8)
    assert (progress["B"]["answered"], progress["B"]["total"]) == (1, 4)
    assert progress["T"]["total"] == 5
    assert "2 of 71 items answered" in html
    assert reverse("assessments:assessment_history", args=[operation.pk]) in html
    assert reverse("assessments:assessment_export", args=[operation.pk]) in html
    assert reverse("assessments:assessment_import") not in html.split('id="main"')[1]


def test_it_offers_planners_to_edit_the_profile(client, planner, operation):
    client.force_login(planner)
    html = client.get(_url(operation)).content.decode()
    assert reverse("assessments:operation_edit", args=[operation.pk]) in html


@pytest.mark.parametrize("persona", ["supervisor", "commander"])
def test_it_shows_supervisors_and_commanders_a_read_only_page(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_url(operation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Read only" in html
    assert reverse("assessments:operation_edit", args=[operation.pk]) not in html


@pytest.mark.parametrize(
    "persona", ["other_planner", "ngo_reviewer", "other_ngo_reviewer", "admin_user"]
)
def test_it_hides_the_operation_from_everyone_else(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_url(operation))
    assert response.status_code == 404
    assert b"Golden Thread" not in response.content


def test_it_answers_404_for_an_operation_that_does_not_exist(client, planner, operation):
    client.force_login(planner)
    assert (
        client.get(reverse("assessments:operation_detail", args=[operation.pk + 100])).status_code
        == 404
    )


def test_it_asks_visitors_to_sign_in(client, operation):
    assert client.get(_url(operation)).status_code == 302


def test_it_accepts_no_post(client, planner, operation):
    client.force_login(planner)
    assert client.post(_url(operation)).status_code == 405


def test_it_escapes_what_planners_type(client, planner, task_force):
    operation = services.operation_create(
        task_force=task_force,
        user=planner,
        profile={
            "codename": "<script>alert(1)</script>",
            "target_name": "<script>alert(2)</script>",
            "suspect_details": "<img src=x onerror=alert(3)>",
        },
    )
    client.force_login(planner)
    html = client.get(_url(operation)).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
