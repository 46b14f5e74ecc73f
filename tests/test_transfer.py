import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import AuditEvent, Membership, Operation

from .builders import best_assessment

IMPORT = reverse("assessments:assessment_import")


def _export(operation):
    return reverse("assessments:assessment_export", args=[operation.pk])


def _download(client, operation):
    """The file, as the export page's button asks for it."""
    return client.post(_export(operation))


def _upload(content, name="plan.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_it_exports_the_current_version_as_a_json_download(client, planner, operation):
    services.assessment_save(
        operation=operation, user=planner, base_version=1, answers={"victim_presence": "reported"}
    )
    client.force_login(planner)
    response = _download(client, operation)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="KESTREL-v2.json"'
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content) == services.current_version(operation=operation).content
    assert response.content.decode().startswith('{\n  "checklist_version": "2"')


def test_it_names_the_file_safely_whatever_the_codename(client, planner, task_force):
    operation = services.operation_create(
        task_force=task_force, user=planner, profile={"codename": 'a "b"/..\\c'}
    )
    client.force_login(planner)
    response = _download(client, operation)
    assert response["Content-Disposition"] == 'attachment; filename="a-b-..-c-v1.json"'


@pytest.mark.parametrize("persona", ["supervisor", "commander"])
def test_it_exports_to_the_whole_task_force(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_export(operation)).status_code == 200
    assert _download(client, operation).status_code == 200


@pytest.mark.parametrize("persona", ["other_planner", "ngo_reviewer", "admin_user"])
def test_it_exports_nothing_to_anyone_else(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    for response in (client.get(_export(operation)), _download(client, operation)):
        assert response.status_code == 404
        assert b"Golden Thread" not in response.content


def test_it_asks_visitors_to_sign_in(client, operation):
    assert client.get(_export(operation)).status_code == 302
    assert client.get(IMPORT).status_code == 302


def test_it_round_trips_an_assessment(client, planner, task_force, operation):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers=best_assessment()["answers"],
    )
    client.force_login(planner)
    exported = json.loads(_download(client, operation).content)
    exported["operation"]["codename"] = "KESTREL-2"
    response = client.post(
        IMPORT, {"file": _upload(json.dumps(exported).encode()), "task_force": task_force.pk}
    )
    copy = Operation.objects.get(codename="KESTREL-2")
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:operation_detail", args=[copy.pk])
    imported = services.current_version(operation=copy)
    original = services.current_version(operation=operation)
    assert imported.content["answers"] == original.content["answers"]
    assert imported.verdict == original.verdict
    assert copy.target_address == operation.target_address
    assert copy.created_by == planner
    html = client.get(response["Location"]).content.decode()
    assert "Operation KESTREL-2 imported." in html


def test_it_imports_pasted_json(client, planner, task_force):
    client.force_login(planner)
    data = best_assessment()
    response = client.post(IMPORT, {"text": json.dumps(data), "task_force": task_force.pk})
    assert response.status_code == 302
    assert Operation.objects.get().codename == "KESTREL"


def test_it_lists_every_problem_and_creates_nothing(client, planner, task_force):
    client.force_login(planner)
    data = best_assessment()
    data["answers"]["victim_presence"] = "maybe"
    data["answers"]["colour"] = "blue"
    data["operation"]["codename"] = ""
    text = json.dumps(data)
    response = client.post(IMPORT, {"text": text, "task_force": task_force.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was imported: 3 problems" in html
    # Where, in the words of the page, then what, then the path in the file.
    assert (
        "<strong>Section A, “How certain is it that trafficking victims are on site?”</strong>: "
        "&#x27;maybe&#x27; is not one of its answers: None (none), Assumed (assumed), Reported "
        "by one source (reported), Corroborated (corroborated), Confirmed (confirmed). "
        '<code class="small">answers.victim_presence</code>'
    ) in html
    assert (
        "<strong>Answers</strong>: is not a checklist key. "
        '<code class="small">answers.colour</code>'
    ) in html
    assert (
        "<strong>Operation profile, “Codename”</strong>: is required. "
        '<code class="small">operation.codename</code>'
    ) in html
    assert not Operation.objects.exists()
    # The pasted text is kept for the planner to fix.
    assert response.context["form"]["text"].value() == text


def test_it_offers_to_import_under_another_codename_when_the_codename_is_taken(
    client, planner, task_force, operation
):
    client.force_login(planner)
    text = json.dumps({**best_assessment(), "operation": {"codename": "kestrel"}})
    response = client.post(IMPORT, {"text": text, "task_force": task_force.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "your task force already has an operation named KESTREL" in html
    assert "Import as a new operation named" in html
    assert response.context["form"]["codename"].value() == "kestrel-2"
    assert response.context["form"]["text"].value() == text  # nothing given is lost
    assert Operation.objects.count() == 1

    response = client.post(IMPORT, {"text": text, "codename": "kestrel-2"})
    copy = Operation.objects.get(codename="kestrel-2")
    assert response["Location"] == reverse("assessments:operation_detail", args=[copy.pk])
    operation.refresh_from_db()
    assert operation.codename == "KESTREL"
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT).latest("pk")
    assert event.summary == "operation kestrel-2 imported from JSON (the file names it kestrel)"


def test_it_keeps_an_uploaded_files_content_when_it_asks_for_a_codename(
    client, planner, task_force, operation
):
    client.force_login(planner)
    text = json.dumps(best_assessment())
    response = client.post(IMPORT, {"file": _upload(text.encode(), name="kestrel-v1.json")})
    assert response.context["form"]["text"].value() == text
    assert "What kestrel-v1.json holds is kept in the box below" in response.content.decode()
    client.post(IMPORT, {"text": text, "codename": "KESTREL copy"})
    assert Operation.objects.filter(codename="KESTREL copy").exists()


def test_it_keeps_an_uploaded_files_content_when_the_file_has_problems(client, planner):
    client.force_login(planner)
    text = json.dumps({**best_assessment(), "colour": "blue"})
    response = client.post(IMPORT, {"file": _upload(text.encode())})
    assert response.context["form"]["text"].value() == text
    assert "<strong>The file</strong>: is not a checklist key." in response.content.decode()


def test_it_asks_again_when_the_new_codename_is_taken_too(client, planner, task_force, operation):
    services.operation_create(task_force=task_force, user=planner, profile={"codename": "IBIS"})
    client.force_login(planner)
    text = json.dumps(best_assessment())
    response = client.post(IMPORT, {"text": text, "codename": "ibis"})
    html = response.content.decode()
    assert "your task force already has an operation named IBIS" in html
    assert response.context["form"]["codename"].value() == "ibis"
    assert Operation.objects.count() == 2


def test_a_new_codename_is_checked_like_the_files(client, planner, task_force, operation):
    client.force_login(planner)
    text = json.dumps(best_assessment())
    response = client.post(IMPORT, {"text": text, "codename": "KESTREL\u202e"})
    assert [problem["key"] for problem in response.context["problems"]] == ["operation.codename"]
    assert "Import as a new operation named" in response.content.decode()
    assert Operation.objects.count() == 1


def test_the_receiving_organisation_travels_with_the_export(
    client, planner, task_force, operation, partner
):
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        profile={"receiving_organisation": partner.name},
    )
    client.force_login(planner)
    exported = json.loads(_download(client, operation).content)
    assert exported["operation"]["receiving_organisation"] == "Safe Harbour"
    client.post(IMPORT, {"text": json.dumps(exported), "codename": "KESTREL-2"})
    copy = Operation.objects.get(codename="KESTREL-2")
    assert copy.receiving_organisation == partner
    assert services.current_version(operation=copy).receiving_organisation == partner


def test_an_organisation_this_deployment_does_not_know_is_named(client, planner):
    client.force_login(planner)
    data = best_assessment()
    data["operation"]["receiving_organisation"] = "Harbour of Hope"
    html = client.post(IMPORT, {"text": json.dumps(data)}).content.decode()
    assert "<strong>Operation profile, “Receiving organisation”</strong>: no partner" in html
    assert not Operation.objects.exists()


def test_it_refuses_a_plan_for_a_day_gone_by_keeping_the_text(client, planner, task_force):
    client.force_login(planner)
    data = best_assessment()
    data["operation"]["planned_date"] = "2020-03-01"
    text = json.dumps(data)
    response = client.post(IMPORT, {"text": text, "task_force": task_force.pk})
    assert response.status_code == 200
    assert (
        "<strong>Operation profile, “Planned date”</strong>: 2020-03-01 has passed: an imported "
        "plan is for a day to come. Change the date in the file."
    ) in response.content.decode()
    assert not Operation.objects.exists()
    assert response.context["form"]["text"].value() == text
    refused = AuditEvent.objects.get(kind=AuditEvent.Kind.IMPORT)
    assert refused.outcome == AuditEvent.Outcome.FAILURE


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"text": '{"checklist_version": "1",'}, "This is not valid JSON (line 1, column 27"),
        ({"text": ""}, "Upload a file or paste the JSON."),
        ({"file": _upload(b"\xff\xfe{}")}, "The file is not UTF-8 text."),
        ({"file": _upload(b"{}", name="plan.txt")}, "Choose a .json file."),
        ({"file": _upload(b" " * (1024 * 1024 + 1))}, "The file is larger than 1 MB."),
        ({"text": "[1, 2]"}, "The assessment must be a JSON object."),
    ],
    ids=["bad-json", "empty", "not-utf8", "not-json-name", "too-large", "not-an-object"],
)
def test_it_explains_what_is_wrong_with_the_input(client, planner, task_force, fields, message):
    client.force_login(planner)
    response = client.post(IMPORT, {**fields, "task_force": task_force.pk})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Operation.objects.exists()


def test_it_imports_only_into_task_forces_where_i_plan(
    client, planner, task_force, other_task_force, other_operation
):
    Membership.objects.create(user=planner, task_force=other_task_force, role="supervisor")
    client.force_login(planner)
    html = client.get(IMPORT).content.decode()
    assert "Andaman task force" not in html
    data = best_assessment()
    client.post(IMPORT, {"text": json.dumps(data), "task_force": other_task_force.pk})
    # One task force to plan in: the posted one is ignored, the operation lands there.
    assert Operation.objects.get(codename="KESTREL").task_force.name == "Mekong task force"


def test_it_offers_the_task_forces_where_i_plan(client, planner, task_force, other_task_force):
    Membership.objects.create(user=planner, task_force=other_task_force, role="planner")
    client.force_login(planner)
    assert "Andaman task force" in client.get(IMPORT).content.decode()
    response = client.post(IMPORT, {"text": json.dumps(best_assessment()), "task_force": "999"})
    assert "Select a valid choice." in response.content.decode()
    client.post(IMPORT, {"text": json.dumps(best_assessment()), "task_force": other_task_force.pk})
    assert Operation.objects.get().task_force == other_task_force


@pytest.mark.parametrize("persona", ["supervisor", "commander", "ngo_reviewer", "admin_user"])
def test_it_lets_only_planners_import(client, request, task_force, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(IMPORT).status_code == 403
    data = {"text": json.dumps(best_assessment()), "task_force": task_force.pk}
    assert client.post(IMPORT, data).status_code == 403
    assert not Operation.objects.exists()


def test_the_export_page_says_what_the_file_holds_before_it_downloads(client, planner, operation):
    client.force_login(planner)
    response = client.get(_export(operation))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "This file holds restricted details, unencrypted" in html
    assert "the informant details" in html
    assert "I understand: download the file" in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    # The page names no restricted detail itself, and is not yet an export.
    assert "Golden Thread" not in html
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).exists()
    html = client.get(reverse("assessments:operation_detail", args=[operation.pk])).content
    assert f'href="{_export(operation)}"'.encode() in html


def test_the_download_needs_the_pages_token(planner, operation):
    csrf_checking = Client(enforce_csrf_checks=True)
    csrf_checking.force_login(planner)
    assert csrf_checking.post(_export(operation)).status_code == 403
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).exists()


def test_it_writes_the_keys_in_the_contracts_order(client, planner, operation):
    client.force_login(planner)
    exported = json.loads(_download(client, operation).content)
    assert list(exported) == ["checklist_version", "operation", "answers"]
    assert list(exported["operation"])[:3] == ["codename", "site_type", "exploitation_type"]
    assert list(exported["answers"])[:2] == ["evidence_sources", "independent_corroborations"]


def test_it_refuses_a_key_given_twice_naming_it(client, planner, task_force):
    client.force_login(planner)
    text = json.dumps(best_assessment())[:-1] + ', "operation": {"codename": "X"}}'
    response = client.post(IMPORT, {"text": text, "task_force": task_force.pk})
    assert response.status_code == 200
    assert "Operation profile: is given twice in the JSON. (operation)" in response.content.decode()
    assert not Operation.objects.exists()
