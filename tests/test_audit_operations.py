"""Views, creation, edits, exports and imports of operations, and refused attempts on
them, are in the audit trail: one event each, naming the operation, never its
restricted fields."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import checklist, services
from assessments.models import AuditEvent, Brief, Operation

from .audit_support import events_of, only_event_of
from .briefs_support import render_briefs
from .builders import best_answer, best_assessment
from .workflow_builders import submitted_operation

Kind = AuditEvent.Kind
ITEM = "warrant_status"
SECTION = checklist.SECTION_OF[ITEM]
HTMX = {"HTTP_HX_REQUEST": "true"}
IMPORT = reverse("assessments:assessment_import")


def _on(name, operation, *extra, query=""):
    return reverse(f"assessments:{name}", args=[operation.pk, *extra]) + query


@pytest.fixture
def two_versions(operation, planner):
    services.assessment_save(
        operation=operation, user=planner, base_version=1, answers={"victim_presence": "reported"}
    )
    return operation


@pytest.mark.parametrize(
    ("name", "extra", "query", "summary"),
    [
        ("operation_detail", (), "", "operation page"),
        ("operation_edit", (), "", "profile form"),
        ("checklist_section", (SECTION,), "", f"checklist section {SECTION}"),
        ("assessment_history", (), "", "version history"),
        ("assessment_diff", (), "?a=1&b=2", "versions 1 and 2 compared"),
    ],
)
def test_it_records_each_page_that_shows_an_operation(
    client, planner, two_versions, name, extra, query, summary
):
    client.force_login(planner)
    response = client.get(_on(name, two_versions, *extra, query=query), REMOTE_ADDR="192.0.2.1")
    assert response.status_code == 200
    event = only_event_of(Kind.OPERATION_VIEW)
    assert (event.user, event.operation, event.task_force_id) == (
        planner,
        two_versions,
        two_versions.task_force_id,
    )
    assert (event.outcome, event.summary, event.address) == ("success", summary, "192.0.2.1")


def test_it_records_the_verdict_and_briefs_pages_but_not_their_htmx_polls(
    client, planner, approved_operation
):
    client.force_login(planner)
    for name, summary in (("verdict_panel", "verdict"), ("operation_briefs", "briefs page")):
        assert client.get(_on(name, approved_operation)).status_code == 200
        assert events_of(Kind.OPERATION_VIEW, summary=summary), name
    before = AuditEvent.objects.count()
    for name in ("brief_status", "verdict_panel"):
        assert client.get(_on(name, approved_operation), **HTMX).status_code == 200
    assert AuditEvent.objects.count() == before


def test_it_records_the_decision_page_once_and_not_the_decision_as_a_view(
    client, supervisor, planner, task_force
):
    operation = submitted_operation(task_force, planner)
    client.force_login(supervisor)
    assert client.get(_on("assessment_decision", operation)).status_code == 200
    event = only_event_of(Kind.OPERATION_VIEW)
    assert (event.user, event.operation, event.summary) == (supervisor, operation, "decision page")


def test_it_records_the_after_action_review_page(client, planner, approved_operation):
    client.force_login(planner)
    assert client.get(_on("after_action_review", approved_operation)).status_code == 200
    assert only_event_of(Kind.OPERATION_VIEW).summary == "after-action review"


def test_it_records_the_creation_of_an_operation(client, planner):
    client.force_login(planner)
    response = client.post(reverse("assessments:operation_create"), {"codename": "OSPREY"})
    assert response.status_code == 302
    event = only_event_of(Kind.OPERATION_CREATE)
    assert (event.user, event.operation) == (planner, Operation.objects.get(codename="OSPREY"))
    assert event.summary == "operation OSPREY created"


def _profile_form(operation, base_version, **changes):
    profile = operation.profile()
    data = {key: value for key, value in profile.items() if value is not None}
    data["expected_languages"] = ", ".join(profile["expected_languages"] or [])
    return {**data, "base_version": base_version, **changes}


def test_it_records_a_profile_save_once_per_new_version(client, planner, operation):
    client.force_login(planner)
    url = _on("operation_edit", operation)
    assert client.post(url, _profile_form(operation, 1, site_type="farm")).status_code == 302
    operation.refresh_from_db()
    client.post(url, _profile_form(operation, 2))  # nothing changed: no version, no event
    event = only_event_of(Kind.EDIT)
    assert (event.user, event.operation, event.outcome) == (planner, operation, "success")
    assert event.summary == "version 2 saved (profile)"


def test_it_records_a_checklist_save_once_per_new_version(client, planner, operation):
    client.force_login(planner)
    url = _on("checklist_section", operation, SECTION)
    answer = {"changed": ITEM, ITEM: best_answer(ITEM)}
    assert client.post(url, {"base_version": 1, **answer}, **HTMX).status_code == 200
    # The same answer again (a second autosave of an unchanged page) makes no version.
    client.post(url, {"base_version": 2, **answer}, **HTMX)
    assert services.current_version(operation=operation).number == 2
    event = only_event_of(Kind.EDIT)
    assert event.summary == f"version 2 saved (checklist section {SECTION})"


def test_it_records_no_edit_for_a_refused_value(client, planner, operation):
    client.force_login(planner)
    url = _on("checklist_section", operation, "B")
    client.post(
        url,
        {
            "base_version": 1,
            "changed": "independent_corroborations",
            "independent_corroborations": "-1",
        },
        **HTMX,
    )
    assert not events_of(Kind.EDIT)


def test_it_records_an_export(client, planner, two_versions):
    client.force_login(planner)
    assert client.get(_on("assessment_export", two_versions)).status_code == 200
    assert not events_of(Kind.EXPORT)  # the page that warns is not the download
    assert client.post(_on("assessment_export", two_versions)).status_code == 200
    event = only_event_of(Kind.EXPORT)
    assert (event.user, event.operation, event.summary) == (
        planner,
        two_versions,
        "JSON export of version 2",
    )


def test_it_records_an_import(client, planner, task_force):
    client.force_login(planner)
    data = best_assessment()
    assert client.post(IMPORT, {"text": json.dumps(data)}).status_code == 302
    event = only_event_of(Kind.IMPORT)
    assert (event.outcome, event.operation.codename) == ("success", "KESTREL")
    assert event.task_force == task_force


def test_it_records_a_refused_import_with_the_number_of_problems(client, planner, task_force):
    client.force_login(planner)
    data = best_assessment()
    data["answers"].update(warrant_status="whenever", victim_presence="maybe")
    assert client.post(IMPORT, {"text": json.dumps(data)}).status_code == 200
    event = only_event_of(Kind.IMPORT)
    assert (event.outcome, event.operation, event.task_force) == ("failure", None, task_force)
    assert event.summary == "import refused: 2 problem(s)"


def test_it_records_an_import_that_is_not_even_json(client, planner):
    client.force_login(planner)
    client.post(IMPORT, {"text": "{not json"})
    event = only_event_of(Kind.IMPORT)
    assert (event.outcome, event.summary) == ("failure", "import refused: 1 problem(s)")
    assert not Operation.objects.exists()


def test_it_records_an_attempt_on_another_task_forces_operation(client, other_planner, operation):
    client.force_login(other_planner)
    response = client.get(_on("operation_detail", operation), REMOTE_ADDR="198.51.100.3")
    assert response.status_code == 404
    event = only_event_of(Kind.OPERATION_VIEW)
    assert (event.user, event.outcome, event.address) == (other_planner, "denied", "198.51.100.3")
    # Recorded against the operation, so that its own supervisors see who tried.
    assert (event.operation, event.task_force_id) == (operation, operation.task_force_id)
    for text in ("Golden Thread", "Riverside", "Mr K."):
        assert text not in event.summary


def test_it_answers_an_attempt_exactly_as_it_answers_a_missing_id(client, other_planner, operation):
    client.force_login(other_planner)
    hidden_url = _on("operation_detail", operation)
    missing_url = reverse("assessments:operation_detail", args=[operation.pk + 1000])
    hidden, missing = client.get(hidden_url), client.get(missing_url)
    assert hidden.status_code == missing.status_code == 404
    # The page may name the path asked for, and nothing else differs.
    assert hidden.content.replace(hidden_url.encode(), b"") == missing.content.replace(
        missing_url.encode(), b""
    )
    attempts = events_of(Kind.OPERATION_VIEW, outcome="denied")
    assert [event.operation for event in attempts] == [operation, None]


def test_it_records_an_edit_refused_to_a_supervisor(client, supervisor, operation):
    client.force_login(supervisor)
    response = client.post(_on("operation_edit", operation), _profile_form(operation, 1))
    assert response.status_code == 403
    event = only_event_of(Kind.EDIT)
    assert (event.user, event.outcome, event.operation) == (supervisor, "denied", operation)


def test_it_records_nothing_for_anonymous_visitors(client, operation):
    before = AuditEvent.objects.count()
    assert client.get(_on("operation_detail", operation)).status_code == 302
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("who", ["other_planner", "ngo_reviewer"])
def test_it_records_a_refused_brief_download_against_the_briefs_operation(
    client, request, who, approved_operation, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    full = render_briefs(approved_operation)[Brief.Variant.FULL]
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(reverse("assessments:brief_download", args=[full.pk]))
    assert response.status_code == 404
    event = only_event_of(Kind.BRIEF_DOWNLOAD)
    assert (event.user, event.outcome) == (user, "denied")
    assert (event.operation, event.task_force_id) == (
        approved_operation,
        approved_operation.task_force_id,
    )


def test_it_answers_a_refused_download_as_a_missing_brief_at_the_same_cost(
    client, other_planner, approved_operation, django_assert_num_queries
):
    brief = Brief.objects.filter(version__assessment__operation=approved_operation).first()
    client.force_login(other_planner)
    client.get(reverse("assessments:operation_list"))  # the session is loaded once
    answers = []
    for pk in (brief.pk, brief.pk + 1000):
        url = reverse("assessments:brief_download", args=[pk])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        answers.append((response.status_code, response.content.replace(url.encode(), b"")))
        answers[-1] += (len(queries),)
    assert answers[0] == answers[1] and answers[0][0] == 404
    attempts = events_of(Kind.BRIEF_DOWNLOAD, outcome="denied")
    assert [event.operation for event in attempts] == [approved_operation, None]
