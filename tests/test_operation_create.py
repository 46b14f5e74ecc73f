import re

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Membership, Operation

URL = reverse("assessments:operation_create")

PROFILE = {
    "codename": "OSPREY",
    "site_type": "fishing_vessel",
    "exploitation_type": "labour",
    "target_name": "Sea Horizon 7",
    "target_address": "Berth 12, North Pier",
    "planned_date": "2026-12-06",
    "estimated_persons_on_site": "24",
    "estimated_potential_victims": "19",
    "minors_suspected": "no",
    "expected_languages": " Burmese, Khmer ",
    "suspect_roles": ["employer", "broker"],
    "suspect_details": "Captain and first mate.",
}


def test_it_asks_visitors_to_sign_in(client, db):
    assert client.get(URL).status_code == 302


def test_it_shows_the_form_with_the_restricted_fields_marked(client, planner):
    client.force_login(planner)
    html = client.get(URL).content.decode()
    assert "Restricted: never shared with partner organisations" in html
    assert 'type="date"' in html
    assert re.search(r'type="checkbox"[^>]*name="suspect_roles" value="pimp"', html)
    assert "Fishing vessel" in html
    assert 'name="task_force"' not in html  # one task force: nothing to choose


def test_it_creates_the_operation_at_version_one(client, planner, task_force):
    client.force_login(planner)
    response = client.post(URL, PROFILE)
    operation = Operation.objects.get(codename="OSPREY")
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:operation_detail", args=[operation.pk])
    assert operation.task_force == task_force
    assert operation.expected_languages == ["Burmese", "Khmer"]
    assert operation.suspect_roles == ["employer", "broker"]
    assert operation.planned_date.isoformat() == "2026-12-06"
    version = services.current_version(operation=operation)
    assert version.number == 1
    assert version.created_by == planner
    assert version.content["operation"]["estimated_persons_on_site"] == 24
    assert version.content["operation"]["planned_date"] == "2026-12-06"


def test_it_stores_blank_fields_as_unanswered(client, planner):
    client.force_login(planner)
    client.post(URL, {"codename": "BARE"})
    content = services.current_version(operation=Operation.objects.get()).content
    assert content["operation"]["site_type"] is None
    assert content["operation"]["expected_languages"] is None


def test_it_lets_planners_of_several_task_forces_choose_among_theirs_only(
    client, planner, other_task_force, django_user_model
):
    from assessments.models import TaskForce

    Membership.objects.create(user=planner, task_force=other_task_force, role="planner")
    supervised = TaskForce.objects.create(name="Supervised only")
    Membership.objects.create(user=planner, task_force=supervised, role="supervisor")
    client.force_login(planner)
    html = client.get(URL).content.decode()
    assert 'name="task_force"' in html
    assert "Andaman task force" in html
    assert "Supervised only" not in html

    response = client.post(URL, {**PROFILE, "task_force": supervised.pk})
    assert response.status_code == 200
    assert not Operation.objects.exists()

    client.post(URL, {**PROFILE, "task_force": other_task_force.pk})
    assert Operation.objects.get().task_force == other_task_force


def test_it_keeps_what_was_typed_when_a_field_is_wrong(client, planner):
    client.force_login(planner)
    response = client.post(
        URL, {**PROFILE, "codename": "", "estimated_persons_on_site": "-3", "planned_date": "soon"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    assert "This field is required." in html
    assert "Ensure this value is greater than or equal to 0." in html
    assert "Enter a valid date." in html
    assert "Berth 12, North Pier" in html
    assert "Captain and first mate." in html
    assert re.search(r'value="broker"\s+id="[^"]+" checked', html)
    assert not re.search(r'value="guard"\s+id="[^"]+" checked', html)
    assert not Operation.objects.exists()


@pytest.mark.parametrize(
    "languages, message",
    [
        ("Khmer,,Lao", "with a name between each two commas"),
        ("Khmer, " + "x" * 101, "longer than 100 characters"),
        ("Khmer, Lao, Khmer", "Listed twice: Khmer"),
    ],
)
def test_it_checks_each_language(client, planner, languages, message):
    client.force_login(planner)
    response = client.post(URL, {**PROFILE, "expected_languages": languages})
    assert message in response.content.decode()
    assert not Operation.objects.exists()


def test_it_names_the_codename_field_when_the_codename_is_taken(client, planner, operation):
    client.force_login(planner)
    response = client.post(URL, {**PROFILE, "codename": "Kestrel"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["codename"] == [
        "another operation of this task force is named 'KESTREL' (codenames are compared "
        "ignoring upper and lower case)."
    ]
    assert Operation.objects.count() == 1


@pytest.mark.parametrize("persona", ["supervisor", "commander", "ngo_reviewer", "admin_user"])
def test_it_forbids_people_who_plan_in_no_task_force(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, PROFILE).status_code == 403
    assert not Operation.objects.exists()


def test_it_answers_only_get_and_post(client, planner):
    client.force_login(planner)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405
