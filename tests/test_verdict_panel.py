"""The verdict panel: a partial of the current verdict, for refreshing the page."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from assessments import checklist, scoring, services


def _url(operation):
    return reverse("assessments:verdict_panel", args=[operation.pk])


def test_it_shows_the_current_verdict(client, planner, operation):
    client.force_login(planner)
    response = client.get(_url(operation))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="verdict"' in content
    assert "No go" in content
    assert "Do not go ahead" in content  # what the decision means
    assert "Blind" in content
    assert "0 of 100" in content
    assert "Threat tier" in content and "Approvals required" in content


def test_it_shows_findings_grouped_by_severity_with_their_sources(client, planner, operation):
    client.force_login(planner)
    content = client.get(_url(operation)).content.decode()
    verdict = services.current_version(operation=operation).verdict
    gate = next(finding for finding in verdict["findings"] if finding["severity"] == "gate")
    assert "Gates: each decides the verdict on its own" in content
    assert "Minor findings" in content
    assert gate["message"].replace("'", "&#x27;") in content
    assert "Source: UNIAP SIREN, &quot;Raids, Rescues, Resolution&quot; (2008)" in content
    assert content.index("Gates:") < content.index("Minor findings")


def test_it_shows_conditions_alternatives_and_missing_questions(client, planner, operation):
    client.force_login(planner)
    content = client.get(_url(operation)).content.decode()
    verdict = services.current_version(operation=operation).verdict
    assert "Conditions" in content
    assert "Labour inspection" in content  # KESTREL is labour exploitation
    assert "labour_inspection" in verdict["alternatives"]
    assert checklist.ITEMS["victim_presence"].question in content
    link = reverse("assessments:checklist_section", args=[operation.pk, "A"])
    assert f"{link}#item-victim_presence" in content


def test_it_shows_the_safeguards_of_an_urgent_go(client, planner, operation):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={
            "risk_to_life": "credible_imminent",
            "victim_presence": "reported",
            "evidence_sources": ["informant"],
        },
    )
    client.force_login(planner)
    content = client.get(_url(operation)).content.decode()
    assert "Urgent go" in content
    assert "Minimum safeguards" in content
    assert "Act now" in content


def test_it_follows_the_latest_version(client, planner, operation):
    version = services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={"operation_purpose": "targeted_site"},
    )
    client.force_login(planner)
    assert f"{version.verdict['score']} of 100" in client.get(_url(operation)).content.decode()


@pytest.mark.parametrize("persona", ["supervisor", "commander"])
def test_it_shows_the_verdict_to_approvers(client, operation, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(operation)).status_code == 200


@pytest.mark.parametrize("persona", ["other_planner", "ngo_reviewer"])
def test_it_answers_404_to_outsiders(client, operation, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(operation)).status_code == 404


def test_it_sends_anonymous_users_to_sign_in(client, operation):
    assert client.get(_url(operation)).status_code == 302


def test_it_answers_only_get(client, planner, operation):
    client.force_login(planner)
    assert client.post(_url(operation)).status_code == 405


def test_it_renders_a_verdict_without_an_operation_in_context():
    content = checklist.parse_assessment(
        {"checklist_version": "1", "operation": {"codename": "X"}, "answers": {}}
    )
    html = render_to_string(
        "assessments/_verdict.html", {"verdict": scoring.score_assessment(content)}
    )
    assert checklist.ITEMS["victim_presence"].question in html
    assert "#item-" not in html
