"""Red team: two planners give two operations the same codename at the same moment.

Each save checks the codename is free, then stores it; the database's unique constraint
refuses the second. Creating an operation answered that as "the codename is taken", but
renaming one on the profile let the IntegrityError through: a 500, and the planner's
typing lost. Here the check is made to miss the other save, as it does when both run at
once.
"""

from unittest import mock

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Operation
from assessments.services import assessments as assessment_services


@pytest.fixture
def racing(task_force, planner):
    """IBIS exists; the next codename check does not see it (ask for `operation` first)."""
    services.operation_create(task_force=task_force, user=planner, profile={"codename": "IBIS"})
    named = assessment_services._named
    calls = []

    def missing_the_other_save(task_force, codename):
        calls.append(codename)
        found = named(task_force, codename)
        return found.none() if len(calls) == 1 else found

    with mock.patch.object(assessment_services, "_named", missing_the_other_save):
        yield


def test_the_service_says_the_codename_is_taken(planner, operation, racing):
    with pytest.raises(services.CodenameTaken):
        services.assessment_save(
            operation=operation, user=planner, base_version=1, profile={"codename": "ibis"}
        )
    assert Operation.objects.get(pk=operation.pk).codename == "KESTREL"


def test_the_profile_page_names_the_codename_field(client, planner, operation, racing):
    client.force_login(planner)
    profile = operation.profile()
    data = {key: value for key, value in profile.items() if value is not None}
    data["expected_languages"] = ", ".join(profile["expected_languages"] or [])
    data.update(base_version=1, codename="ibis", target_address="Typed by Alice")
    response = client.post(reverse("assessments:operation_edit", args=[operation.pk]), data)
    assert response.status_code == 200
    assert "IBIS" in response.context["form"].errors["codename"][0]
    assert "Typed by Alice" in response.content.decode()
