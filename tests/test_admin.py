import pytest
from django.urls import reverse

from assessments import services
from assessments.models import (
    Assessment,
    AssessmentVersion,
    Membership,
    Operation,
    PartnerOrganisation,
    PartnerReviewer,
    TaskForce,
)

RESTRICTED = (
    "Golden Thread Garments",
    "14 Riverside Road",
    "Mr K.",
    "target_name",
    "target_address",
    "suspect_roles",
    "suspect_details",
)


@pytest.fixture
def informed(operation, planner):
    """KESTREL with informant details in its current version."""
    services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={"informant_details": "Informant NIGHTJAR, cousin of the guard"},
    )
    return operation


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "model",
    [
        TaskForce,
        Membership,
        PartnerOrganisation,
        PartnerReviewer,
        Operation,
        Assessment,
        AssessmentVersion,
    ],
)
def test_it_lists_every_model(admin_client, informed, supervisor, ngo_reviewer, model):
    url = reverse(f"admin:assessments_{model._meta.model_name}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in RESTRICTED:
        assert text not in html
    assert "NIGHTJAR" not in html


def test_it_searches_operations_by_codename(admin_client, informed, other_operation):
    url = reverse("admin:assessments_operation_changelist")
    html = admin_client.get(url, {"q": "KEST"}).content.decode()
    assert "KESTREL" in html and "HERON" not in html
    # Restricted fields are not searched.
    assert "KESTREL" not in admin_client.get(url, {"q": "Golden"}).content.decode()


def test_it_shows_an_operation_without_its_restricted_fields(admin_client, informed):
    url = reverse("admin:assessments_operation_change", args=[informed.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "KESTREL" in html
    for text in RESTRICTED:
        assert text not in html
    assert 'name="_save"' not in html


def test_it_shows_a_version_without_its_content(admin_client, informed):
    version = AssessmentVersion.objects.get(number=2)
    response = admin_client.get(
        reverse("admin:assessments_assessmentversion_change", args=[version.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert version.content_hash in html
    assert "NIGHTJAR" not in html
    for text in RESTRICTED:
        assert text not in html


def test_it_lets_no_one_add_change_or_delete_operations_or_versions(admin_client, informed):
    version = AssessmentVersion.objects.get(number=2)
    for model, pk in (
        (Operation, informed.pk),
        (AssessmentVersion, version.pk),
        (Assessment, informed.assessment.pk),
    ):
        name = model._meta.model_name
        assert admin_client.get(reverse(f"admin:assessments_{name}_add")).status_code == 403
        change = reverse(f"admin:assessments_{name}_change", args=[pk])
        admin_client.post(change, {"codename": "CHANGED", "number": 9})
        delete = reverse(f"admin:assessments_{name}_delete", args=[pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    informed.refresh_from_db()
    assert informed.codename == "KESTREL"
    assert AssessmentVersion.objects.filter(number=2).get().content["answers"]["informant_details"]


def test_it_manages_task_forces_with_their_members(admin_client, planner, task_force):
    url = reverse("admin:assessments_taskforce_change", args=[task_force.pk])
    html = admin_client.get(url).content.decode()
    assert "memberships-TOTAL_FORMS" in html
    membership = Membership.objects.get(user=planner)
    response = admin_client.post(
        url,
        {
            "name": "Mekong Delta Task Force",
            "time_zone": "Asia/Ho_Chi_Minh",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-task_force": task_force.pk,
            "memberships-0-user": planner.pk,
            "memberships-0-role": "supervisor",
            "memberships-1-task_force": task_force.pk,
            "memberships-1-user": "",
            "memberships-1-role": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership.refresh_from_db()
    assert membership.role == "supervisor"
    assert TaskForce.objects.get().name == "Mekong Delta Task Force"
    assert TaskForce.objects.get().time_zone == "Asia/Ho_Chi_Minh"


def test_it_manages_partner_organisations_with_their_reviewers(admin_client, ngo_reviewer, partner):
    url = reverse("admin:assessments_partnerorganisation_change", args=[partner.pk])
    html = admin_client.get(url).content.decode()
    assert "reviewers-TOTAL_FORMS" in html


def test_it_finds_users_by_autocomplete(admin_client, planner, task_force):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "assessments",
            "model_name": "membership",
            "field_name": "user",
            "term": "ali",
        },
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["alice"]


def test_it_is_closed_to_people_who_are_not_staff(client, planner):
    client.force_login(planner)
    response = client.get(reverse("admin:assessments_operation_changelist"))
    assert response.status_code == 302
