import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import display, services
from assessments.models import AssessmentVersion, VersionConversion

from .workflow_builders import edit, planned_operation, seen

# Fourteen answers of sections A to E, given one by one in one sitting.
SITTING = {
    "victim_presence": "corroborated",
    "independent_corroborations": 2,
    "intelligence_age_days": 10,
    "evidence_sources": ["undercover_observation"],
    "media_presence": "excluded",
    "leak_risk": "low",
    "weapons_expected": "none",
    "operation_purpose": "targeted_site",
    "warrant_status": "obtained",
    "offence_basis": "Forced labour.",
    "leak_mitigations": "Late briefing.",
    "segregation_plan": True,
    "team_vetted": True,
    "prosecutor_involved": True,
}


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


def _rows(response):
    return response.context["rows"]


def _spans(response):
    return [(row["entry"].first, row["entry"].last) for row in _rows(response)]


def test_it_lists_every_entry_newest_first_with_what_changed(client, planner, revised):
    client.force_login(planner)
    response = client.get(_history(revised))
    assert _spans(response) == [(3, 3), (2, 2), (1, 1)]
    newest, middle, first = _rows(response)
    assert newest["changed"] == ["Type of site"]
    assert middle["changed"] == [
        "How certain is it that trafficking victims are on site?",
        "Media",
    ]
    assert first["created"] and len(first["changed"]) == 12  # the profile it was made with
    html = response.content.decode()
    assert "Saved by bruno" in html and "Created by alice" in html
    assert "2 answers changed" in html and "12 answers given" in html
    assert "No go" in html
    # By default: what was done last, beside the version before it.
    assert 'name="a" value="2" id="a-entry-2" checked' in html
    assert 'name="b" value="3" id="b-entry-3" checked' in html


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
    "query",
    [
        {"a": 1, "b": 9},
        {"a": "x", "b": 1},
        {"a": 1},
        {},
        {"a": -1, "b": 1},
        # Larger than the column holds: the database would refuse the query (a 500).
        {"a": 1, "b": 2**31},
        {"a": "9" * 30, "b": 1},
    ],
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


def _sitting(operation, user, count, key="independent_corroborations"):
    """`count` saves by `user` in a row, each answering `key` anew."""
    for value in range(1, count + 1):
        edit(operation, user, **{key: value})


def test_one_persons_saves_in_a_row_read_as_one_entry(client, planner, second_planner, operation):
    edit(operation, second_planner, victim_presence="reported")
    for key, value in SITTING.items():
        edit(operation, planner, **{key: value})
    client.force_login(planner)
    response = client.get(_history(operation))
    assert _spans(response) == [(3, 2 + len(SITTING)), (2, 2), (1, 1)]
    sitting = _rows(response)[0]
    assert sorted(sitting["changed"]) == sorted(display.question(key) for key in SITTING)
    assert [version.number for version in sitting["versions"]] == list(
        range(2 + len(SITTING), 2, -1)
    )
    html = response.content.decode()
    summary = re.search(r'history-entry-title">([^<]+)</span>,\s*<span[^>]*>([^<]+)<', html)
    assert re.fullmatch(r"Edited by alice, .+ to [0-9:apm. ]+", summary[1])
    assert summary[2] == "14 answers changed"
    assert "Its 14 versions, one by one" in html
    # Each version still stands on its own, to open and to compare.
    assert AssessmentVersion.objects.filter(assessment__operation=operation).count() == 16
    assert 'name="a" value="3" id="a-3"' in html and 'name="b" value="15" id="b-15"' in html
    assert client.get(_diff(operation), {"a": 4, "b": 9}).status_code == 200


def test_an_entry_counts_what_it_changed_as_a_whole(client, planner, second_planner, operation):
    edit(operation, second_planner, victim_presence="reported")
    edit(operation, planner, media_presence="excluded")
    edit(operation, planner, victim_presence="confirmed")
    edit(operation, planner, victim_presence="reported")  # as it was before the sitting
    client.force_login(planner)
    sitting = _rows(client.get(_history(operation)))[0]
    assert sitting["changed"] == ["Media"]
    assert [version.changed for version in sitting["versions"]] == [
        ["How certain is it that trafficking victims are on site?"],
        ["How certain is it that trafficking victims are on site?"],
        ["Media"],
    ]


def test_someone_else_saving_in_between_starts_a_new_entry(
    client, planner, second_planner, operation
):
    _sitting(operation, planner, 3)
    edit(operation, second_planner, media_presence="excluded")
    _sitting(operation, planner, 2, key="intelligence_age_days")
    client.force_login(planner)
    assert _spans(client.get(_history(operation))) == [(6, 7), (5, 5), (1, 4)]


def test_a_workflow_step_ends_an_entry(client, planner, supervisor, task_force):
    operation = planned_operation(task_force, planner)
    edit(operation, planner, leak_mitigations="Late briefing.")
    services.assessment_submit(operation=operation, user=planner)
    services.assessment_return(
        operation=operation, user=supervisor, comments="Name the interpreter.", **seen(operation)
    )
    edit(operation, planner, leak_mitigations="Late briefing; Lao interpreter named.")
    client.force_login(planner)
    # Version 2 is what the supervisor returned: it stays the end of an entry.
    assert _spans(client.get(_history(operation))) == [(3, 3), (1, 2)]


def test_rule_changes_and_conversions_stay_entries_of_their_own(client, planner, operation):
    _sitting(operation, planner, 4)
    converted = operation.assessment.versions.get(number=3)
    VersionConversion.objects.create(
        version=converted,
        checklist_version="2",
        content_as_saved=converted.content,
        changes=[
            {"key": "operation.target_name", "change": "characters", "characters": ["U+202E"]}
        ],
    )
    client.force_login(planner)
    response = client.get(_history(operation))
    assert _spans(response) == [(4, 5), (3, 3), (1, 2)]
    assert [row["entry"].kind for row in _rows(response)] == ["edits", "conversion", "edits"]
    assert "Values checklist version 2 refuses, converted in place" in response.content.decode()


def test_it_pages_a_long_history_by_entries(client, planner, second_planner, operation):
    for number in range(2, 56):
        user = planner if number % 2 else second_planner
        edit(operation, user, independent_corroborations=number)
    client.force_login(planner)
    response = client.get(_history(operation), {"page": 2})
    assert _spans(response) == [(5, 5), (4, 4), (3, 3), (2, 2), (1, 1)]
    assert _rows(response)[0]["changed"] == [
        "How many independent sources confirm that victims are present?"
    ]


def test_a_choice_made_on_one_page_stays_made_on_another(
    client, planner, second_planner, operation
):
    for number in range(2, 56):
        user = planner if number % 2 else second_planner
        edit(operation, user, independent_corroborations=number)
    client.force_login(planner)
    # Version 3 chosen on page 2, then the "Newer" button: page 1 carries it.
    response = client.get(_history(operation), {"a": 3, "b": 55, "page": 1})
    assert response.context["elsewhere"] == [{"name": "a", "number": 3, "page": 2}]
    html = response.content.decode()
    assert 'name="a" value="3" id="a-elsewhere" checked' in html
    assert "Compare from version 3 (page 2)" in html
    assert 'name="b" value="55" id="b-entry-55" checked' in html
    assert f'formaction="{_history(operation)}" name="page" value="2"' in html
    response = client.get(_history(operation), {"a": 3, "b": 55, "page": 2})
    assert response.context["elsewhere"] == [{"name": "b", "number": 55, "page": 1}]
    assert 'name="a" value="3" id="a-entry-3" checked' in response.content.decode()
    diff = client.get(_diff(operation), {"a": 3, "b": 55})
    assert diff.status_code == 200
    assert diff.context["groups"][0]["rows"][0]["b"] == "55"


def test_a_choice_of_no_version_is_dropped(client, planner, revised):
    client.force_login(planner)
    response = client.get(_history(revised), {"a": 99, "b": "x"})
    assert response.context["elsewhere"] == []
    assert response.context["chosen"] == {"a": 99, "b": 3}
    huge = client.get(_history(revised), {"a": "9" * 30})
    assert huge.status_code == 200


def test_it_reads_the_content_of_the_entries_shown_only(client, planner, second_planner, operation):
    for number in range(2, 56):
        user = planner if number % 2 else second_planner
        edit(operation, user, independent_corroborations=number)
    client.force_login(planner)
    with CaptureQueriesContext(connection) as queries:
        client.get(_history(operation), {"page": 2})
    reads = [query["sql"] for query in queries if '"content"' in query["sql"]]
    assert len(reads) == 1
    # Versions 0 (none) to 5: the five entries of page 2, and the one before them.
    assert '"number" >= 0' in reads[0] and '"number" <= 5' in reads[0]
