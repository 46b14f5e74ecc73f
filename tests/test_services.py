import datetime

import pytest

from assessments import checklist, services
from assessments.models import Assessment, AssessmentVersion, Operation

from .builders import best_assessment


def _current(operation):
    return services.current_version(operation=operation)


def test_it_creates_an_operation_at_version_one_with_its_verdict(operation, planner):
    version = _current(operation)
    assert version.number == 1
    assert version.created_by == planner
    assert version.content["operation"]["codename"] == "KESTREL"
    assert version.content["answers"]["victim_presence"] is None
    assessment = Assessment.objects.get(operation=operation)
    assert (assessment.classification, assessment.decision) == ("blind", "no_go")
    assert assessment.score == version.verdict["score"]
    assert assessment.threat_tier == version.verdict["threat_tier"]
    # The profile on the instance is usable at once: the date is a date.
    assert operation.planned_date == datetime.date(2026, 12, 14)
    assert operation.profile()["planned_date"] == "2026-12-14"


def test_it_refuses_a_codename_the_task_force_already_has(operation, planner, task_force):
    with pytest.raises(checklist.InvalidAssessment) as error:
        services.operation_create(
            task_force=task_force, user=planner, profile={"codename": "KESTREL"}
        )
    assert [problem.key for problem in error.value.problems] == ["operation.codename"]
    assert Operation.objects.count() == 1


def test_it_allows_the_same_codename_in_another_task_force(
    operation, other_planner, other_task_force
):
    services.operation_create(
        task_force=other_task_force, user=other_planner, profile={"codename": "KESTREL"}
    )
    assert Operation.objects.filter(codename="KESTREL").count() == 2


def test_it_refuses_renaming_to_a_codename_in_use(operation, planner, task_force):
    services.operation_create(task_force=task_force, user=planner, profile={"codename": "IBIS"})
    with pytest.raises(checklist.InvalidAssessment):
        services.assessment_save(
            operation=operation, user=planner, base_version=1, profile={"codename": "IBIS"}
        )
    assert _current(operation).number == 1


def test_each_save_is_a_new_version(operation, planner):
    version = services.assessment_save(
        operation=operation, user=planner, base_version=1, answers={"victim_presence": "confirmed"}
    )
    assert version.number == 2
    assert version.content["answers"]["victim_presence"] == "confirmed"
    assert AssessmentVersion.objects.get(number=1).content["answers"]["victim_presence"] is None
    assert Assessment.objects.get().version_number == 2


def test_it_saves_no_version_when_nothing_changed(operation, planner):
    version = services.assessment_save(
        operation=operation, user=planner, base_version=1, profile={"codename": "KESTREL"}
    )
    assert version.number == 1
    assert AssessmentVersion.objects.count() == 1


def test_it_merges_changes_to_different_keys(operation, planner, second_planner):
    services.assessment_save(
        operation=operation, user=second_planner, base_version=1, answers={"leak_risk": "low"}
    )
    version = services.assessment_save(
        operation=operation,
        user=planner,
        base_version=1,
        answers={"media_presence": "excluded"},
        profile={"site_type": "farm"},
    )
    assert version.number == 3
    assert version.content["answers"]["leak_risk"] == "low"
    assert version.content["answers"]["media_presence"] == "excluded"
    operation.refresh_from_db()
    assert operation.site_type == "farm"


def test_it_raises_a_conflict_when_someone_else_changed_the_same_key(
    operation, planner, second_planner
):
    services.assessment_save(
        operation=operation, user=second_planner, base_version=1, answers={"leak_risk": "low"}
    )
    with pytest.raises(services.Conflict) as conflict:
        services.assessment_save(
            operation=operation,
            user=planner,
            base_version=1,
            answers={"leak_risk": "high", "media_presence": "excluded"},
        )
    assert conflict.value.current_version == 2
    assert conflict.value.changes == [
        {
            "block": "answers",
            "key": "leak_risk",
            "base": None,
            "theirs": "low",
            "mine": "high",
            "by": ["bruno"],
        }
    ]
    # Nothing of the conflicting save was stored.
    assert _current(operation).number == 2
    assert _current(operation).content["answers"]["media_presence"] is None


def test_it_sees_no_conflict_when_both_set_the_same_value(operation, planner, second_planner):
    services.assessment_save(
        operation=operation, user=second_planner, base_version=1, answers={"leak_risk": "low"}
    )
    version = services.assessment_save(
        operation=operation, user=planner, base_version=1, answers={"leak_risk": "low"}
    )
    assert version.number == 2


def test_it_rejects_bad_values_and_saves_nothing(operation, planner):
    with pytest.raises(checklist.InvalidAssessment) as error:
        services.assessment_save(
            operation=operation,
            user=planner,
            base_version=1,
            answers={"victim_presence": "maybe", "leak_risk": "low"},
        )
    assert [problem.key for problem in error.value.problems] == ["answers.victim_presence"]
    assert AssessmentVersion.objects.count() == 1


def test_it_imports_all_or_nothing(planner, task_force):
    data = best_assessment()
    data["answers"]["victim_presence"] = "maybe"
    data["answers"]["unknown_key"] = True
    with pytest.raises(checklist.InvalidAssessment) as error:
        services.assessment_import(task_force=task_force, user=planner, data=data)
    assert {problem.key for problem in error.value.problems} == {
        "answers.victim_presence",
        "answers.unknown_key",
    }
    assert not Operation.objects.exists()
    assert not Assessment.objects.exists()


def test_it_imports_and_exports_the_same_assessment(planner, task_force):
    data = best_assessment()
    operation = services.assessment_import(task_force=task_force, user=planner, data=data)
    version, exported = services.assessment_export(operation=operation)
    assert exported == checklist.parse_assessment(data)
    assert version.number == 1
    assert Assessment.objects.get().decision == "go"


def test_the_content_hash_is_stable_and_follows_the_content(operation):
    content = _current(operation).content
    reordered = dict(reversed(list(content.items())))
    assert services.content_hash(reordered) == services.content_hash(content)
    assert _current(operation).content_hash == services.content_hash(content)
    assert len(services.content_hash(content)) == 64
    changed = {**content, "answers": {**content["answers"], "leak_risk": "low"}}
    assert services.content_hash(changed) != services.content_hash(content)


def test_the_current_version_is_fresh_after_a_save(operation, planner):
    assert operation.assessment.version_number == 1  # cached on the instance
    services.assessment_save(
        operation=operation, user=planner, base_version=1, answers={"leak_risk": "low"}
    )
    assert _current(operation).number == 2
