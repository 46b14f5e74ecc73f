"""The audit trail pages: who may read which events, the filters, the pages, and the CSV
export (streamed, safe to open in a spreadsheet, itself recorded)."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import AuditEvent, Membership, TaskForce

from .audit_support import events_of, only_event_of
from .two_factor import enrol

Kind = AuditEvent.Kind
LIST = reverse("assessments:audit_list")
EXPORT = reverse("assessments:audit_export")


@pytest.fixture
def other_supervisor(django_user_model, other_task_force):
    user = django_user_model.objects.create_user("sam")
    Membership.objects.create(user=user, task_force=other_task_force, role="supervisor")
    enrol(user)
    return user


@pytest.fixture
def trail(operation, other_operation, planner, other_planner):
    """Events of both task forces, and one of no task force (a failed sign-in)."""
    AuditEvent.objects.all().delete()
    services.audit_record(kind=Kind.OPERATION_VIEW, user=planner, operation=operation)
    services.audit_record(
        kind=Kind.EDIT, user=planner, operation=operation, summary="version 2 saved (profile)"
    )
    services.audit_record(kind=Kind.OPERATION_VIEW, user=other_planner, operation=other_operation)
    services.audit_record(
        kind=Kind.SIGN_IN_FAILED, username="mallory", outcome=AuditEvent.Outcome.FAILURE
    )
    return AuditEvent.objects.order_by("pk")


def _signed_in(client, user):
    client.force_login(user)
    AuditEvent.objects.filter(kind=Kind.SIGN_IN).delete()
    return client


def _listed(client, **query):
    response = client.get(LIST, query)
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def _csv(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_it_shows_an_admin_every_event_newest_first(client, admin_user, trail):
    assert _listed(_signed_in(client, admin_user)) == list(reversed(trail))


def test_it_shows_a_supervisor_only_the_events_of_their_task_force(
    client, supervisor, trail, task_force
):
    listed = _listed(_signed_in(client, supervisor))
    assert listed == [event for event in reversed(trail) if event.task_force == task_force]
    assert len(listed) == 2


def test_it_shows_a_supervisor_of_another_task_force_none_of_ours(
    client, other_supervisor, trail, other_task_force
):
    _signed_in(client, other_supervisor)
    listed = _listed(client)
    assert [event.task_force for event in listed] == [other_task_force]
    rows = _csv(client.get(EXPORT))[1:]
    assert [row[4] for row in rows] == ["HERON"]
    assert "KESTREL" not in str(rows) and "mallory" not in str(rows)


def _sign_in_failures(*usernames):
    AuditEvent.objects.all().delete()
    for username in usernames:
        services.audit_record(
            kind=Kind.SIGN_IN_FAILED, username=username, outcome=AuditEvent.Outcome.FAILURE
        )
    services.audit_record(kind=Kind.LOCKOUT, username=usernames[0], outcome="denied")


def test_a_supervisor_reads_the_failed_sign_ins_of_their_members_only(
    client, supervisor, planner, commander, other_planner, other_supervisor
):
    _sign_in_failures("alice", "chan", "sita", "oscar", "mallory", "ALICE")
    services.audit_record(kind=Kind.SIGN_IN, user=planner)  # a sign-in is not theirs
    services.audit_record(kind=Kind.SIGN_OUT, user=planner)
    listed = _listed(_signed_in(client, supervisor))
    assert sorted((event.kind, event.username) for event in listed) == [
        (Kind.LOCKOUT, "alice"),
        (Kind.SIGN_IN_FAILED, "alice"),
        (Kind.SIGN_IN_FAILED, "chan"),
        (Kind.SIGN_IN_FAILED, "sita"),
    ]
    rows = _csv(client.get(EXPORT))[1:]
    assert sorted(row[1] for row in rows) == ["alice", "alice", "chan", "sita"]
    # Another task force's supervisor reads their own member's, and none of ours.
    listed = _listed(_signed_in(client, other_supervisor))
    assert [(event.kind, event.username) for event in listed] == [(Kind.SIGN_IN_FAILED, "oscar")]


def test_a_supervisor_reads_the_failed_sign_ins_of_a_member_of_two_task_forces(
    client, supervisor, other_supervisor, other_planner, task_force
):
    Membership.objects.create(user=other_planner, task_force=task_force, role="planner")
    _sign_in_failures("oscar")
    for user in (supervisor, other_supervisor):
        assert {event.username for event in _listed(_signed_in(client, user))} == {"oscar"}


@pytest.mark.parametrize("persona", ["planner", "commander", "ngo_reviewer", "other_planner"])
def test_it_answers_404_to_everyone_else(client, request, trail, persona):
    _signed_in(client, request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 404
    assert client.get(EXPORT).status_code == 404
    assert not events_of(Kind.AUDIT_EXPORT)


def test_it_sends_anonymous_visitors_to_sign_in(client, trail):
    for url in (LIST, EXPORT):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_it_links_the_trail_for_those_who_may_read_it(client, planner, supervisor, admin_user):
    for user, shown in ((planner, False), (supervisor, True), (admin_user, True)):
        _signed_in(client, user)
        html = client.get(reverse("assessments:operation_list")).content.decode()
        assert (f'href="{LIST}"' in html) is shown, user


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"user": "ALI"}, [1, 0]),
        ({"operation": "heron"}, [2]),
        ({"kind": Kind.EDIT}, [1]),
        ({"outcome": "failure"}, [3]),
        ({"user": "alice", "kind": Kind.OPERATION_VIEW}, [0]),
    ],
)
def test_it_filters(client, admin_user, trail, query, expected):
    events = list(trail)
    assert _listed(_signed_in(client, admin_user), **query) == [events[i] for i in expected]


def _dated(trail):
    """The four events on 1, 2, 3 and 4 March 2026, noon UTC."""
    for day, event in enumerate(trail, start=1):
        at = datetime.datetime(2026, 3, day, 12, tzinfo=datetime.UTC)
        AuditEvent.objects.filter(pk=event.pk).update(created_at=at)
    return list(trail)


def test_it_filters_by_dates_both_included(client, admin_user, trail):
    events = _dated(trail)
    _signed_in(client, admin_user)
    assert _listed(client, date_from="2026-03-02", date_to="2026-03-03") == [events[2], events[1]]
    assert _listed(client, date_to="2026-03-01") == [events[0]]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"date_from": "31/12/2026"}, "date_from", "Enter a date as YYYY-MM-DD"),
        ({"date_to": "2026-02-30"}, "date_to", "Enter a date as YYYY-MM-DD"),
        (
            {"date_from": "2026-03-04", "date_to": "2026-03-01"},
            "date_to",
            "The end date is before the start date.",
        ),
    ],
)
def test_it_names_the_field_of_a_bad_date_and_keeps_what_was_typed(
    client, admin_user, trail, query, field, message
):
    _signed_in(client, admin_user)
    response = client.get(LIST, {**query, "kind": Kind.EDIT})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}-error"' in html
    assert message in html
    assert f'value="{query[field]}"' in html
    # The other filters still apply.
    assert [event.kind for event in response.context["page"].object_list] == [Kind.EDIT]
    refused = client.get(EXPORT, query)
    assert refused.status_code == 400
    assert not refused.streaming
    assert not events_of(Kind.AUDIT_EXPORT)


def _many(count, operation):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            kind=Kind.OPERATION_VIEW,
            username=f"user{number}",
            operation=operation,
            task_force=operation.task_force,
            created_at=timezone.now(),
        )
        for number in range(count)
    )


def test_it_shows_fifty_events_a_page(client, admin_user, operation):
    AuditEvent.objects.all().delete()
    _many(120, operation)
    _signed_in(client, admin_user)
    assert len(_listed(client)) == 50
    assert len(_listed(client, page=3)) == 20


def test_it_makes_as_many_queries_for_many_events_as_for_few(client, supervisor, operation):
    _signed_in(client, supervisor)
    client.get(LIST)  # the first page counts what waits for the badge; the next keep it
    counts = []
    for count in (3, 60):
        AuditEvent.objects.all().delete()
        _many(count, operation)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_it_exports_the_filtered_events_as_csv_and_records_the_export(client, admin_user, trail):
    _signed_in(client, admin_user)
    response = client.get(EXPORT, {"kind": Kind.OPERATION_VIEW}, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    assert "no-store" in response["Cache-Control"]
    rows = _csv(response)
    assert rows[0] == [
        "When (UTC)",  # the export keeps UTC, in ISO 8601
        "User",
        "Kind",
        "Outcome",
        "Operation",
        "Task force",
        "Address",
        "What",
    ]
    assert [(row[1], row[4], row[5]) for row in rows[1:]] == [
        ("oscar", "HERON", "Andaman task force"),
        ("alice", "KESTREL", "Mekong task force"),
    ]
    export = only_event_of(Kind.AUDIT_EXPORT)
    assert (export.user, export.address) == (admin_user, "192.0.2.99")
    assert export.summary == "audit trail CSV export, filters: kind=operation_view"


def test_it_neutralises_cells_a_spreadsheet_would_run_as_formulas(client, admin_user, db):
    for text in ('=HYPERLINK("http://evil.example","x")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"):
        services.audit_record(kind=Kind.SIGN_IN_FAILED, username=text[:20], summary=text)
    services.audit_record(kind=Kind.SIGN_IN_FAILED, username="plain", summary="a = b")
    _signed_in(client, admin_user)
    rows = _csv(client.get(EXPORT, {"kind": Kind.SIGN_IN_FAILED}))[1:]
    cells = [cell for row in rows for cell in (row[1], row[7])]
    assert cells
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert ("plain", "a = b") in [(row[1], row[7]) for row in rows]


def test_it_exports_the_task_force_of_an_event_that_names_no_operation(client, admin_user, db):
    task_force = TaskForce.objects.create(name="Gulf task force")
    services.audit_record(kind=Kind.PERMISSION_CHANGE, task_force=task_force, summary="x")
    _signed_in(client, admin_user)
    rows = _csv(client.get(EXPORT, {"kind": Kind.PERMISSION_CHANGE}))
    assert rows[1][4:6] == ["", "Gulf task force"]
