import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments import services
from assessments.models import Membership, Operation

from .builders import best_assessment

IMPORT = reverse("assessments:assessment_import")


def _export(operation):
    return reverse("assessments:assessment_export", args=[operation.pk])


def _upload(content, name="plan.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_it_exports_the_current_version_as_a_json_download(client, planner, operation):
    services.assessment_save(
        operation=operation, user=planner, base_version=1, answers={"victim_presence": "reported"}
    )
    client.force_login(planner)
    response = client.get(_export(operation))
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
    response = client.get(_export(operation))
    assert response["Content-Disposition"] == 'attachment; filename="a-b-..-c-v1.json"'


@pytest.mark.parametrize("persona", ["supervisor", "commander"])
def test_it_exports_to_the_whole_task_force(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_export(operation)).status_code == 200


@pytest.mark.parametrize("persona", ["other_planner", "ngo_reviewer", "admin_user"])
def test_it_exports_nothing_to_anyone_else(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_export(operation))
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
    exported = json.loads(client.get(_export(operation)).content)
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
    assert "<code>answers.victim_presence</code>: &#x27;maybe&#x27; is not one of" in html
    assert "<code>answers.colour</code>: is not a checklist key." in html
    assert "<code>operation.codename</code>: is required." in html
    assert not Operation.objects.exists()
    # The pasted text is kept for the planner to fix.
    assert response.context["form"]["text"].value() == text


def test_it_refuses_a_codename_the_task_force_already_has(client, planner, task_force, operation):
    client.force_login(planner)
    response = client.post(
        IMPORT, {"text": json.dumps(best_assessment()), "task_force": task_force.pk}
    )
    assert "another operation of this task force is named" in response.content.decode()
    assert Operation.objects.count() == 1


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


def test_it_accepts_no_post_on_export(client, planner, operation):
    client.force_login(planner)
    assert client.post(_export(operation)).status_code == 405


def test_it_writes_the_keys_in_the_contracts_order(client, planner, operation):
    client.force_login(planner)
    exported = json.loads(client.get(_export(operation)).content)
    assert list(exported) == ["checklist_version", "operation", "answers"]
    assert list(exported["operation"])[:3] == ["codename", "site_type", "exploitation_type"]
    assert list(exported["answers"])[:2] == ["evidence_sources", "independent_corroborations"]


def test_it_refuses_a_key_given_twice_naming_it(client, planner, task_force):
    client.force_login(planner)
    text = json.dumps(best_assessment())[:-1] + ', "operation": {"codename": "X"}}'
    response = client.post(IMPORT, {"text": text, "task_force": task_force.pk})
    assert response.status_code == 200
    assert "operation: is given twice in the JSON." in response.content.decode()
    assert not Operation.objects.exists()
