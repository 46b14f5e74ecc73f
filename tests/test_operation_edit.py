import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Operation


def _url(operation):
    return reverse("assessments:operation_edit", args=[operation.pk])


def _form(operation, base_version=1, **changes):
    """The edit form as the page posts it: every field, with `changes` applied."""
    profile = operation.profile()
    data = {key: value for key, value in profile.items() if value is not None}
    data["expected_languages"] = ", ".join(profile["expected_languages"] or [])
    data["base_version"] = base_version
    data.update(changes)
    return data


def _version(operation):
    operation.assessment.refresh_from_db()
    return operation.assessment.version_number


def test_it_shows_the_current_profile(client, planner, operation):
    client.force_login(planner)
    html = client.get(_url(operation)).content.decode()
    assert 'value="KESTREL"' in html
    assert "14 Riverside Road, Sample District" in html
    assert 'value="Khmer, Lao"' in html
    assert 'name="base_version" value="1"' in html
    assert 'value="2026-12-14"' in html
    assert "Restricted: never shared with partner organisations" in html


def test_it_saves_only_what_changed_as_a_new_version(client, planner, operation):
    client.force_login(planner)
    response = client.post(_url(operation), _form(operation, site_type="farm"))
    assert response.status_code == 302
    operation.refresh_from_db()
    assert operation.site_type == "farm"
    version = services.current_version(operation=operation)
    assert version.number == 2
    assert version.content["operation"]["site_type"] == "farm"
    assert version.content["operation"]["target_name"] == "Golden Thread Garments"


def test_it_saves_no_version_when_nothing_changed(client, planner, operation):
    client.force_login(planner)
    response = client.post(_url(operation), _form(operation), follow=True)
    assert "Nothing changed." in response.content.decode()
    assert _version(operation) == 1


def test_it_keeps_what_was_typed_when_a_field_is_wrong(client, planner, operation):
    client.force_login(planner)
    response = client.post(
        _url(operation),
        _form(operation, codename="", target_address="New address typed by Alice"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html
    assert "New address typed by Alice" in html
    assert _version(operation) == 1


def test_it_names_the_codename_when_another_operation_has_it(
    client, planner, operation, task_force
):
    services.operation_create(task_force=task_force, user=planner, profile={"codename": "IBIS"})
    client.force_login(planner)
    response = client.post(_url(operation), _form(operation, codename="ibis"))
    assert (
        "another operation of this task force is named 'IBIS'"
        in (response.context["form"].errors["codename"][0])
    )
    assert _version(operation) == 1


def test_it_keeps_the_changes_others_made_to_other_fields(
    client, planner, second_planner, operation
):
    services.assessment_save(
        operation=operation, user=second_planner, base_version=1, profile={"site_type": "farm"}
    )
    client.force_login(planner)
    response = client.post(_url(operation), _form(operation, base_version=1, codename="KITE"))
    assert response.status_code == 302
    operation.refresh_from_db()
    assert (operation.codename, operation.site_type) == ("KITE", "farm")


def test_it_shows_a_conflict_and_keeps_what_was_typed(client, planner, second_planner, operation):
    page = _form(operation, base_version=1)
    services.assessment_save(
        operation=operation,
        user=second_planner,
        base_version=1,
        profile={"target_address": "7 Harbour Lane"},
    )
    client.force_login(planner)
    response = client.post(_url(operation), {**page, "target_address": "9 Canal Street"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed the same fields" in html
    assert "Address of the site" in html
    assert "7 Harbour Lane" in html  # their value
    assert "bruno" in html  # who
    assert "9 Canal Street" in html  # what Alice typed, kept
    assert 'name="overwrite" value="2"' in html
    assert _version(operation) == 2
    operation.refresh_from_db()
    assert operation.target_address == "7 Harbour Lane"

    # Saving again without choosing to overwrite meets the same conflict.
    response = client.post(_url(operation), {**page, "target_address": "9 Canal Street"})
    assert "Someone else changed the same fields" in response.content.decode()

    response = client.post(
        _url(operation), {**page, "target_address": "9 Canal Street", "overwrite": "2"}
    )
    assert response.status_code == 302
    operation.refresh_from_db()
    assert operation.target_address == "9 Canal Street"
    assert _version(operation) == 3


def test_it_rejects_a_base_version_that_does_not_exist(client, planner, operation):
    client.force_login(planner)
    for base in ("99", "0", "x"):
        response = client.post(_url(operation), _form(operation, base_version=base, codename="K"))
        assert response.status_code == 200
        assert "does not match a saved version: reload it" in response.content.decode()
    assert _version(operation) == 1


@pytest.mark.parametrize("persona", ["supervisor", "commander"])
def test_it_forbids_supervisors_and_commanders(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(operation)).status_code == 403
    assert client.post(_url(operation), _form(operation, codename="X")).status_code == 403
    assert Operation.objects.get().codename == "KESTREL"


@pytest.mark.parametrize("persona", ["other_planner", "ngo_reviewer", "admin_user"])
def test_it_hides_the_operation_from_other_task_forces(client, request, operation, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(operation)).status_code == 404
    assert client.post(_url(operation), _form(operation, codename="X")).status_code == 404
    assert Operation.objects.get().codename == "KESTREL"


def test_it_asks_visitors_to_sign_in(client, operation):
    assert client.get(_url(operation)).status_code == 302
