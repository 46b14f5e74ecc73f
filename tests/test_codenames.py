"""Codenames are unique within a task force ignoring case: `lotus` and `LOTUS` are one
name to anyone reading them out. The services say so in words; the database refuses it
even to code that skips them."""

import pytest
from django.db import IntegrityError, transaction

from assessments import services
from assessments.models import Operation

from .builders import best_assessment
from .workflow_builders import edit


def _create(task_force, user, codename):
    return services.operation_create(
        task_force=task_force, user=user, profile={"codename": codename}
    )


def _problem(invalid):
    (problem,) = invalid.problems
    return problem.key, problem.render()


@pytest.mark.parametrize("codename", ["kestrel", "Kestrel", "KESTREL"])
def test_it_refuses_to_create_a_codename_that_differs_only_in_case(
    task_force, planner, operation, codename
):
    with pytest.raises(services.CodenameTaken) as refused:
        _create(task_force, planner, codename)
    assert _problem(refused.value) == (
        "operation.codename",
        "another operation of this task force is named 'KESTREL' (codenames are compared "
        "ignoring upper and lower case).",
    )
    assert refused.value.suggestion == f"{codename}-2"
    assert Operation.objects.count() == 1


def test_it_refuses_an_import_under_a_codename_taken_in_another_case(
    task_force, planner, operation
):
    data = best_assessment()
    data["operation"]["codename"] = "kestrel"
    with pytest.raises(services.CodenameTaken):
        services.assessment_import(task_force=task_force, user=planner, data=data)
    assert Operation.objects.count() == 1


def test_it_refuses_to_rename_an_operation_to_another_ones_codename(task_force, planner, operation):
    other = _create(task_force, planner, "OSPREY")
    with pytest.raises(services.CodenameTaken):
        services.assessment_save(
            operation=other, user=planner, base_version=1, profile={"codename": "Kestrel"}
        )
    other.refresh_from_db()
    assert other.codename == "OSPREY"


def test_an_operation_may_change_the_case_of_its_own_codename(task_force, planner, operation):
    services.assessment_save(
        operation=operation, user=planner, base_version=1, profile={"codename": "Kestrel"}
    )
    operation.refresh_from_db()
    assert operation.codename == "Kestrel"


def test_another_task_force_may_have_the_same_codename(operation, other_task_force, other_planner):
    assert _create(other_task_force, other_planner, "kestrel").codename == "kestrel"


def test_the_suggestion_skips_codenames_taken_in_any_case(task_force, planner, operation):
    _create(task_force, planner, "kestrel-2")
    _create(task_force, planner, "KESTREL-3")
    assert services.codename_suggestion(task_force=task_force, codename="Kestrel") == "Kestrel-4"
    long = "K" * 100
    assert services.codename_suggestion(task_force=task_force, codename=long) == "K" * 98 + "-2"


def test_the_database_refuses_it_to_code_that_skips_the_services(task_force, planner, operation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Operation.objects.create(task_force=task_force, codename="kEsTrEl", created_by=planner)


def test_an_edit_keeps_working_on_a_codename_in_mixed_case(task_force, planner):
    operation = _create(task_force, planner, "MiXeD")
    assert edit(operation, planner, victim_presence="reported").number == 2
