"""The checklist section page: showing, saving, merging and conflicts."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from assessments import checklist, services

SECTION_KEYS = [section.key for section in checklist.SECTIONS]
HTMX = {"HTTP_HX_REQUEST": "true"}


def _url(operation, section="A"):
    return reverse("assessments:checklist_section", args=[operation.pk, section])


def _current(operation):
    operation.refresh_from_db()
    return services.current_version(operation=operation)


def _post(client, operation, data, section="A", htmx=True):
    return client.post(
        _url(operation, section), {"base_version": 1, **data}, **(HTMX if htmx else {})
    )


@pytest.mark.parametrize("section", SECTION_KEYS)
def test_it_shows_each_section_to_a_planner(client, planner, operation, section):
    client.force_login(planner)
    response = client.get(_url(operation, section))
    assert response.status_code == 200
    content = response.content.decode()
    current = checklist.SECTIONS[SECTION_KEYS.index(section)]
    assert current.title in content
    for item in current.items:
        assert f'id="item-{item.key}"' in content
    assert 'id="checklist-form"' in content
    assert 'hx-post="' in content
    assert 'id="verdict"' in content


def test_it_shows_questions_help_sources_and_restricted_marks(client, planner, operation):
    client.force_login(planner)
    content = client.get(_url(operation, "A")).content.decode()
    item = checklist.ITEMS["victim_presence"]
    assert item.question in content
    assert escape(item.help) in content
    assert "Blind Sweeps and Smart Raids" in content
    assert "Restricted: never shared with partner organisations" in content
    assert content.count("Restricted: never shared") == 1  # informant_details only


def test_it_renders_inputs_by_type_with_labels(client, planner, operation):
    client.force_login(planner)
    content = client.get(_url(operation, "A")).content.decode()
    # choice: radios with an explicit "Not answered"; a fieldset named by its legend
    assert 'type="radio" name="victim_presence" value=""' in content
    assert "<legend" in content
    # int: number input, min 0; text: textarea of at most 4000 characters
    assert 'type="number" name="independent_corroborations"' in content
    assert 'min="0"' in content
    assert 'maxlength="4000"' in content
    assert 'for="id_independent_corroborations"' in content
    # multi: checkboxes
    assert 'type="checkbox" name="evidence_sources"' in content


def test_it_marks_unanswered_items_and_shows_progress(client, planner, operation):
    client.force_login(planner)
    services.assessment_save(
        operation=operation, user=planner, base_version=1, answers={"victim_presence": "reported"}
    )
    content = client.get(_url(operation, "A")).content.decode()
    # 9 items in A, informant_details optional: 1 of 8 answered; 7 badges
    assert content.count('class="badge not-answered"') == 7
    assert "1 of 8 answered" in content
    assert "1/8" in content
    assert 'aria-current="page"' in content
    assert reverse("assessments:checklist_section", args=[operation.pk, "B"]) in content


def test_it_answers_404_to_an_unknown_section(client, planner, operation):
    client.force_login(planner)
    assert client.get(_url(operation, "Z")).status_code == 404
    assert client.post(_url(operation, "Z"), {"base_version": 1}).status_code == 404


def test_it_sends_anonymous_users_to_sign_in(client, operation):
    response = client.get(_url(operation))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["other_planner", "ngo_reviewer"])
def test_it_answers_404_to_outsiders(client, operation, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(operation)).status_code == 404
    response = _post(client, operation, {"changed": "victim_presence", "victim_presence": "none"})
    assert response.status_code == 404
    assert _current(operation).number == 1


@pytest.mark.parametrize("persona", ["supervisor", "commander"])
def test_it_shows_the_section_read_only_to_approvers(client, operation, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(_url(operation))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Read only" in content
    assert "hx-post" not in content
    assert "data-autosave" not in content
    assert 'id="id_victim_presence_0" disabled' in content
    response = _post(client, operation, {"changed": "victim_presence", "victim_presence": "none"})
    assert response.status_code == 403
    assert _current(operation).number == 1


def test_it_saves_only_the_changed_keys(client, planner, operation):
    client.force_login(planner)
    response = _post(
        client,
        operation,
        {
            "changed": "victim_presence",
            "victim_presence": "confirmed",
            "offence_basis": "not changed, not saved",
        },
    )
    assert response.status_code == 200
    version = _current(operation)
    assert version.number == 2
    assert version.content["answers"]["victim_presence"] == "confirmed"
    assert version.content["answers"]["offence_basis"] is None
    content = response.content.decode()
    assert "Saved at" in content
    assert "(version 2)" in content
    assert 'data-saved-keys="victim_presence"' in content
    assert 'id="verdict"' in content and 'hx-swap-oob="true"' in content
    assert 'id="base-version" value="2" hx-swap-oob="true"' in content
    # the verdict in the response is the new version's: presence no longer unverified
    assert "Victims&#x27; presence is assumed or unknown" not in content


def test_it_returns_the_new_verdict(client, planner, operation):
    client.force_login(planner)
    before = _current(operation).verdict
    response = _post(
        client, operation, {"changed": "operation_purpose", "operation_purpose": "targeted_site"}
    )
    after = _current(operation).verdict
    assert after["score"] > before["score"]
    assert f"{after['score']} of 100" in response.content.decode()


def test_it_saves_the_whole_section_without_javascript_and_redirects(client, planner, operation):
    client.force_login(planner)
    response = _post(client, operation, {"objective_arrest": "true"}, section="C", htmx=False)
    assert response.status_code == 302
    assert response["Location"] == _url(operation, "C")
    answers = _current(operation).content["answers"]
    assert answers["objective_arrest"] is True
    assert answers["objective_seize"] is None


def test_it_shows_a_bad_value_next_to_its_field_and_keeps_it(client, planner, operation):
    client.force_login(planner)
    response = _post(
        client,
        operation,
        {"changed": "independent_corroborations", "independent_corroborations": "-1"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Not saved: correct the answers marked below." in content
    question = checklist.ITEMS["independent_corroborations"].question
    assert f"{question}: Ensure this value is greater than or equal to 0." in content
    assert 'id="state-independent_corroborations" hx-swap-oob="true"' in content
    # the input itself is not sent back, so what the planner typed stays as typed
    assert 'name="independent_corroborations"' not in content
    assert _current(operation).number == 1


def test_it_re_renders_a_bad_value_as_typed_without_javascript(client, planner, operation):
    client.force_login(planner)
    response = _post(
        client,
        operation,
        {"victim_presence": "certain", "independent_corroborations": "-1"},
        htmx=False,
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert 'value="-1"' in content
    assert checklist.ITEMS["victim_presence"].question in content
    assert "Select a valid choice. certain is not one of the available choices." in content
    assert _current(operation).number == 1


def test_it_saves_the_valid_changes_beside_a_bad_one(client, planner, operation):
    client.force_login(planner)
    response = _post(
        client,
        operation,
        {
            "changed": "victim_presence,independent_corroborations",
            "victim_presence": "confirmed",
            "independent_corroborations": "-1",
        },
    )
    assert _current(operation).content["answers"]["victim_presence"] == "confirmed"
    content = response.content.decode()
    assert 'data-saved-keys="victim_presence"' in content
    # the base version stays: the bad answer was typed over version 1
    assert 'id="base-version"' not in content


def test_it_shows_a_conflict_and_saves_nothing(client, planner, second_planner, operation):
    services.assessment_save(
        operation=operation,
        user=second_planner,
        base_version=1,
        answers={"victim_presence": "reported"},
    )
    client.force_login(planner)
    response = _post(
        client, operation, {"changed": "victim_presence", "victim_presence": "confirmed"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="conflict" data-open="true"' in content
    assert "Someone else changed the same answers" in content
    assert "bruno" in content
    assert "Reported by one source" in content  # theirs
    assert "Confirmed" in content  # mine
    assert checklist.ITEMS["victim_presence"].question in content
    assert 'name="keep_mine" value="2"' in content
    assert "Take theirs" in content
    assert 'id="base-version"' not in content
    assert _current(operation).number == 2
    assert _current(operation).content["answers"]["victim_presence"] == "reported"


def test_it_keeps_mine_after_a_conflict(client, planner, second_planner, operation):
    services.assessment_save(
        operation=operation,
        user=second_planner,
        base_version=1,
        answers={"victim_presence": "reported"},
    )
    client.force_login(planner)
    response = _post(
        client,
        operation,
        {"changed": "victim_presence", "victim_presence": "confirmed", "keep_mine": "2"},
    )
    assert 'data-open="false"' in response.content.decode()
    version = _current(operation)
    assert version.number == 3
    assert version.content["answers"]["victim_presence"] == "confirmed"


def test_it_shows_a_conflict_without_javascript_with_the_typed_values(
    client, planner, second_planner, operation
):
    services.assessment_save(
        operation=operation,
        user=second_planner,
        base_version=1,
        answers={"objective_arrest": False},
    )
    client.force_login(planner)
    response = _post(client, operation, {"objective_arrest": "true"}, section="C", htmx=False)
    assert response.status_code == 409
    content = response.content.decode()
    assert "bruno" in content
    assert 'id="id_objective_arrest_0" checked' in content  # "Yes", as typed


def test_it_merges_changes_to_different_keys(client, planner, second_planner, operation):
    services.assessment_save(
        operation=operation,
        user=second_planner,
        base_version=1,
        answers={"offence_basis": "Forced labour"},
    )
    client.force_login(planner)
    response = _post(
        client,
        operation,
        {"changed": "victim_presence", "victim_presence": "confirmed", "offence_basis": ""},
    )
    answers = _current(operation).content["answers"]
    assert answers == {**answers, "victim_presence": "confirmed", "offence_basis": "Forced labour"}
    content = response.content.decode()
    # the page showed offence_basis empty: it gets the colleague's answer
    assert 'id="item-offence_basis" data-key="offence_basis" hx-swap-oob="true"' in content
    assert "Forced labour" in content
    assert 'id="base-version" value="3"' in content


def test_it_is_no_conflict_to_change_again_what_i_saved_myself(client, planner, operation):
    # A save whose answer was lost on the line: the page still holds base version 1.
    client.force_login(planner)
    _post(client, operation, {"changed": "offence_basis", "offence_basis": "Forced lab"})
    response = _post(
        client, operation, {"changed": "offence_basis", "offence_basis": "Forced labour"}
    )
    assert 'data-open="false"' in response.content.decode()
    assert _current(operation).content["answers"]["offence_basis"] == "Forced labour"


def test_it_answers_400_to_a_base_version_from_the_future(client, planner, operation):
    client.force_login(planner)
    response = client.post(_url(operation), {"base_version": 9, "changed": ""}, **HTMX)
    assert response.status_code == 400


def test_it_escapes_text_answers(client, planner, operation):
    client.force_login(planner)
    _post(
        client,
        operation,
        {"changed": "offence_basis", "offence_basis": "<script>alert(1)</script>"},
    )
    content = client.get(_url(operation)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_it_shows_when_it_was_last_saved_and_by_whom(client, planner, operation):
    client.force_login(planner)
    content = client.get(_url(operation)).content.decode()
    assert 'id="save-status"' in content and 'aria-live="polite"' in content
    assert "Last saved at" in content and "by alice (version 1)" in content


def test_it_uses_a_constant_number_of_queries(
    client, planner, operation, django_assert_max_num_queries
):
    client.force_login(planner)
    with django_assert_max_num_queries(12):
        client.get(_url(operation, "D"))
