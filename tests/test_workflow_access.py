"""Every workflow URL answers 404 to another task force and to NGO reviewers, as if the
operation did not exist, and changes nothing."""

import pytest
from django.urls import reverse

from assessments.models import Approval, AuditEvent
from tests.conftest import PASSWORD
from tests.workflow_builders import PAST, approve, seen, status_of, submitted_operation

URLS = ("assessment_submit", "assessment_decision", "after_action_review")


@pytest.fixture
def submitted(task_force, planner):
    return submitted_operation(task_force, planner, planned_date=PAST)


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("user", ["other_planner", "ngo_reviewer", "admin_user"])
def test_outsiders_get_404_on_every_workflow_url(client, submitted, name, user, request):
    client.force_login(request.getfixturevalue(user))
    url = reverse(f"assessments:{name}", args=[submitted.pk])
    if name != "assessment_submit":
        assert client.get(url).status_code == 404
    data = {**seen(submitted), "action": "approve", "rationale": "x", "password": PASSWORD}
    assert client.post(url, data).status_code == 404
    assert status_of(submitted) == "submitted"
    assert not Approval.objects.exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.REAUTHENTICATION).exists()


def test_outsiders_see_nothing_waiting(client, submitted, supervisor, other_planner):
    approve(submitted, supervisor)
    client.force_login(other_planner)
    html = client.get(reverse("assessments:waiting")).content.decode()
    assert submitted.codename not in html


def test_signed_out_users_are_sent_to_sign_in(client, submitted):
    for name in URLS:
        response = client.get(reverse(f"assessments:{name}", args=[submitted.pk]))
        assert response.status_code == 302
    response = client.get(reverse("assessments:waiting"))
    assert response.status_code == 302 and "login" in response["Location"]
