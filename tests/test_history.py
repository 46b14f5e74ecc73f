import pytest
from django.urls import reverse

from assessments import services


def _history(operation):
    return reverse("assessments:assessment_history", args=[operation.pk])


def _diff(operation):
    return reverse("assessments:assessment_diff", args=[operation.pk])


@pytest.fixture
def revised(operation, planner, second_planner):
    """KESTREL at version 3: Bruno answered two items, then Alice changed the site type."""
    services.assessment_save(
        operation=operation,
        user=second_planner,
        base_version=1,
        answers={"victim_presence": "confirmed", "media_presence": "excluded"},
    )
    services.assessment_save(
        operation=operation, user=planner, base_version=2, profile={"site_type": "farm"}
    )
    return operation


def test_it_lists_every_version_newest_first_with_what_changed(client, planner, revised):
    client.force_login(planner)
    response = client.get(_history(revised))
    versions = response.context["versions"]
    assert [version.number for version in versions] == [3, 2, 1]
    assert versions[0].changed == ["Type of site"]
    assert versions[1].changed == [
        "How certain is it that trafficking victims are on site?",
        "Media",
    ]
    assert versions[2].changed is None
    html = response.content.decode()
    assert "bruno" in html and "alice" in html
    assert "Created" in html
    assert "No go" in html
    assert 'name="a" value="2" id="a-2" checked' in html
    assert 'name="b" value="3" id="b-3" checked' in html


def test_it_shows_two_versions_side_by_side_with_their_verdicts(client, planner, revised):
    client.force_login(planner)
    response = client.get(_diff(revised), {"a": 1, "b": 3})
    assert response.status_code == 200
    groups = {group["key"]: group for group in response.context["groups"]}
    assert list(groups) == ["operation", "A", "D"]
    assert groups["operation"]["rows"] == [
        {"key": "site_type", "label": "Type of site", "a": "Factory", "b": "Farm"}
    ]
    assert groups["A"]["rows"][0]["a"] == "Not answered"
    assert groups["A"]["rows"][0]["b"] == "Confirmed"
    assert groups["D"]["rows"][0]["b"] == "Excluded"
    html = response.content.decode()
    assert "Version 1 (alice)" in html and "Version 3 (alice)" in html
    assert "Threat tier" in html and "Score" in html


def test_it_says_when_two_versions_have_the_same_answers(client, planner, revised):
    client.force_login(planner)
    html = client.get(_diff(revised), {"a": 2, "b": 2}).content.decode()
    assert "These two versions have the same answers." in html


@pytest.mark.parametrize(
    "query", [{"a": 1, "b": 9}, {"a": "x", "b": 1}, {"a": 1}, {}, {"a": -1, "b": 1}]
)
def test_it_answers_404_for_unknown_versions(client, planner, revised, query):
    client.force_login(planner)
    assert client.get(_diff(revised), query).status_code == 404


@pytest.mark.parametrize("persona", ["supervisor", "commander"])
def test_it_shows_the_history_to_the_whole_task_force(client, request, revised, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_history(revised)).status_code == 200
    assert client.get(_diff(revised), {"a": 1, "b": 2}).status_code == 200


@pytest.mark.parametrize("persona", ["other_planner", "ngo_reviewer", "admin_user"])
def test_it_hides_the_history_from_everyone_else(client, request, revised, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_history(revised)).status_code == 404
    assert client.get(_diff(revised), {"a": 1, "b": 2}).status_code == 404


def test_it_asks_visitors_to_sign_in(client, revised):
    assert client.get(_history(revised)).status_code == 302
    assert client.get(_diff(revised), {"a": 1, "b": 2}).status_code == 302


def test_it_pages_a_long_history(client, planner, operation):
    for number in range(1, 55):
        services.assessment_save(
            operation=operation,
            user=planner,
            base_version=number,
            answers={"independent_corroborations": number},
        )
    client.force_login(planner)
    response = client.get(_history(operation), {"page": 2})
    versions = response.context["versions"]
    assert [version.number for version in versions] == [5, 4, 3, 2, 1]
    assert versions[0].changed == ["How many independent sources confirm that victims are present?"]
