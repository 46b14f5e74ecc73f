"""Every form, fuzzed: whatever is typed, never a 500, every error on its field, and what
was typed shown again, escaped. Each example's request is rolled back, so the examples of
one test all start from the same state.
"""

from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from assessments import checklist
from assessments.forms.operations import OperationForm
from assessments.forms.reviews import AfterActionReviewForm

from .conftest import PASSWORD
from .hostile import (
    FUZZ,
    RAW_MARKUP,
    assert_form_page_is_sound,
    one_of_or_typed,
    typed,
    typed_or,
)
from .isolation import rolled_back
from .two_factor import VerifyingClient, totp_token
from .workflow_builders import PAST, approve, seen, submitted_operation

PROFILE_TEXT = (
    "codename",
    "target_name",
    "target_address",
    "planned_date",
    "estimated_persons_on_site",
    "estimated_potential_victims",
    "expected_languages",
    "suspect_details",
)
PROFILE_CHOICE = ("site_type", "exploitation_type", "minors_suspected")


def _profile_post():
    fields = {name: typed() for name in PROFILE_TEXT}
    fields |= {
        name: one_of_or_typed(checklist.PROFILE_FIELDS[name].values) for name in PROFILE_CHOICE
    }
    fields["suspect_roles"] = st.lists(
        one_of_or_typed(checklist.PROFILE_FIELDS["suspect_roles"].values), max_size=4
    )
    # A partner organisation's id, or not.
    fields["receiving_organisation"] = st.one_of(st.integers().map(str), typed())
    return st.fixed_dictionaries({}, optional=fields)


@FUZZ
@given(data=_profile_post())
def test_it_never_fails_on_a_new_operation_profile(planner_client, data):
    with rolled_back():
        response = planner_client.post(reverse("assessments:operation_create"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        # An empty POST reads as a first visit: a blank (unbound) form, no errors.
        form = response.context["form"]
        assert form.errors or not form.is_bound
        assert_form_page_is_sound(response, data, PROFILE_TEXT)


@FUZZ
@given(data=_profile_post())
def test_it_never_fails_on_an_edited_profile(planner_client, operation, data):
    url = reverse("assessments:operation_edit", args=[operation.pk])
    with rolled_back():
        response = planner_client.post(url, {"base_version": "1", **data})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert_form_page_is_sound(response, data, PROFILE_TEXT)


def _item_value(item):
    if item.type in (checklist.CHOICE, checklist.BOOL):
        values = item.values if item.type == checklist.CHOICE else ("true", "false", "")
        return one_of_or_typed(values)
    if item.type == checklist.MULTI:
        return st.lists(one_of_or_typed(item.values), max_size=4)
    return typed()


TYPED_ITEMS = (checklist.INT, checklist.TEXT, checklist.DATE)


@st.composite
def _section_post(draw):
    section = draw(st.sampled_from(checklist.SECTIONS))
    answers = draw(
        st.fixed_dictionaries({}, optional={item.key: _item_value(item) for item in section.items})
    )
    changed = draw(st.one_of(st.just(",".join(answers)), typed(), st.none()))
    post = {"base_version": "1", **answers}
    if changed is not None:
        post["changed"] = changed
    return section, post


@FUZZ
@given(section_post=_section_post(), htmx=st.booleans())
def test_it_never_fails_on_a_checklist_section(planner_client, operation, section_post, htmx):
    section, post = section_post
    url = reverse("assessments:checklist_section", args=[operation.pk, section.key])
    headers = {"HX-Request": "true"} if htmx else {}
    with rolled_back():
        response = planner_client.post(url, post, headers=headers)
    assert response.status_code in (200, 302, 400, 409, 422)
    if response.status_code == 422:
        html = response.content.decode()
        form = response.context["form"]
        for key in form.errors:
            assert f'href="#item-{key}"' in html, f"{key} missing from the error summary"
        typed_keys = [item.key for item in section.items if item.type in TYPED_ITEMS]
        for key in typed_keys:
            if key in post:
                assert form[key].value() == post[key]
        for raw in RAW_MARKUP:
            assert raw not in html


@FUZZ
@given(data=st.data())
def test_it_never_fails_on_a_decision(supervisor_client, supervisor, planner, task_force, data):
    with rolled_back():
        operation = submitted_operation(task_force, planner)
        post = {
            "action": data.draw(one_of_or_typed(("approve", "return", "reject"))),
            "rationale": data.draw(typed()),
            "conditions": data.draw(typed()),
            "password": data.draw(typed_or(PASSWORD)),
            "token": data.draw(typed_or(totp_token(supervisor))),
            **{key: data.draw(typed_or(str(value))) for key, value in seen(operation).items()},
        }
        response = supervisor_client.post(
            reverse("assessments:assessment_decision", args=[operation.pk]), post
        )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("assessments:operation_detail", args=[operation.pk])
    else:
        assert response.context["form"].errors
        assert_form_page_is_sound(response, post, ("rationale", "conditions"))


def _review_post():
    counts = {name: typed_or("3") for name in AfterActionReviewForm.base_fields}
    counts["evidence_seized"] = st.lists(
        one_of_or_typed(checklist.ITEMS["objective_seize"].values), max_size=3
    )
    counts["prosecution_opened"] = one_of_or_typed(("yes", "no"))
    counts["lessons"] = typed()
    services_ = {
        f"service_{value}": typed_or("1") for value in checklist.ITEMS["aftercare_services"].values
    }
    return st.fixed_dictionaries({}, optional={**counts, **services_})


@FUZZ
@given(post=_review_post())
def test_it_never_fails_on_an_after_action_review(
    planner_client, planner, supervisor, task_force, post
):
    with rolled_back():
        operation = submitted_operation(task_force, planner, planned_date=PAST)
        approve(operation, supervisor)
        url = reverse("assessments:after_action_review", args=[operation.pk])
        response = planner_client.post(url, post)
    # Saved (302), or the form again naming what is wrong (422).
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        typed_fields = [
            name for name in post if name not in ("evidence_seized", "prosecution_opened")
        ]
        assert_form_page_is_sound(response, post, typed_fields)


AUDIT_FILTERS = st.fixed_dictionaries(
    {},
    optional={
        "user": typed(),
        "operation": typed(),
        "kind": typed(),
        "outcome": one_of_or_typed(("success", "failure")),
        "date_from": one_of_or_typed(("2026-01-01", "2026-02-30")),
        "date_to": one_of_or_typed(("2025-12-31", "2026-13-01")),
        "page": typed(),
    },
)


@FUZZ
@given(filters=AUDIT_FILTERS)
def test_it_never_fails_on_audit_filters(supervisor_client, operation, filters):
    response = supervisor_client.get(reverse("assessments:audit_list"), filters)
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["filter_form"]
    for name in form.errors:
        assert f'id="id_{name}-error"' in html
    for name in ("user", "operation", "date_from", "date_to"):
        if name in filters:
            assert form[name].value() == filters[name]
            assert escape(filters[name]) in html
    for raw in RAW_MARKUP:
        assert raw not in html
    export = supervisor_client.get(reverse("assessments:audit_export"), filters)
    assert export.status_code == (400 if form.errors else 200)


LIST_FILTERS = st.fixed_dictionaries(
    {},
    optional={
        name: typed() for name in ("q", "status", "decision", "classification", "sort", "page")
    },
)


@FUZZ
@given(filters=LIST_FILTERS)
def test_it_never_fails_on_list_filters(planner_client, operation, filters):
    response = planner_client.get(reverse("assessments:operation_list"), filters)
    assert response.status_code == 200
    html = response.content.decode()
    if "q" in filters and len(filters["q"]) <= 100:
        assert escape(filters["q"]) in html
    for raw in RAW_MARKUP:
        assert raw not in html


# The sign-in forms: (URL name, persona fixture or None, {field: strategy}).
ACCOUNT_FORMS = [
    ("login", None, {"username": typed_or("alice"), "password": typed_or(PASSWORD)}),
    ("two_factor_setup", "planner", {"token": typed()}),
    ("recovery_codes_create", "supervisor", {"codes-password": typed(), "codes-token": typed()}),
    ("two_factor_disable", "planner", {"disable-password": typed(), "disable-token": typed()}),
]


@FUZZ
@given(data=st.data())
def test_it_never_fails_on_the_sign_in_forms(request, planner, supervisor, data):
    name, persona, fields = data.draw(st.sampled_from(ACCOUNT_FORMS))
    client = VerifyingClient()
    if persona:
        client.force_login(request.getfixturevalue(persona))
    post = data.draw(st.fixed_dictionaries({}, optional=fields))
    with rolled_back():
        response = client.post(reverse(name), post)
    # 429: django-axes' lockout, after five wrong passwords in a row.
    assert response.status_code in (200, 302, 429)
    html = response.content.decode()
    for raw in RAW_MARKUP:
        assert raw not in html


@FUZZ
@given(token=typed())
def test_it_never_fails_on_a_second_step_code(client, supervisor, token):
    client.force_login(supervisor, verified=False)
    with rolled_back():
        response = client.post(reverse("two_factor_verify"), {"token": token})
    assert response.status_code == 200
    assert 'id="error_1_id_token"' in response.content.decode()


def test_it_keeps_the_profile_form_fields_in_step_with_the_fuzzing():
    fuzzed = {*PROFILE_TEXT, *PROFILE_CHOICE, "suspect_roles", "receiving_organisation"}
    assert fuzzed == set(OperationForm.base_fields)
