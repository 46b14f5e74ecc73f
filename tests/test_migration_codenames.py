"""Migrations 0016 and 0017 on a database where codenames of one task force differ only
in case: the first created keeps its codename, the others are renamed with their id
added, each rename on record in the history and the audit trail, and from then on the
database refuses such a pair."""

import pytest
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse

from assessments import checklist, services
from assessments.models import AuditEvent, Operation, VersionConversion
from tests.builders import best_assessment
from tests.conftest import PASSWORD
from tests.migration_support import leaf, migrate

BEFORE = [("assessments", "0015_audit_subject")]


@pytest.fixture
def old_apps(transactional_db):
    yield migrate(BEFORE)
    migrate(leaf())


class Before:
    """Rows as 0015 left them (historical models): exact-case codenames unique only."""

    def __init__(self, apps):
        self.model = apps.get_model
        self.planner = self.model("auth", "User").objects.create(
            username="alice", password=make_password(PASSWORD)
        )
        self.mekong = self._task_force("Mekong")
        self.andaman = self._task_force("Andaman")

    def _task_force(self, name):
        task_force = self.model("assessments", "TaskForce").objects.create(name=name)
        self.model("assessments", "Membership").objects.create(
            user=self.planner, task_force=task_force, role="planner"
        )
        return task_force

    def operation(self, task_force, codename, versions=1):
        operation = self.model("assessments", "Operation").objects.create(
            task_force=task_force, codename=codename, created_by=self.planner
        )
        assessment = self.model("assessments", "Assessment").objects.create(
            operation=operation, version_number=versions
        )
        for number in range(1, versions + 1):
            content = checklist.parse_assessment(best_assessment())
            content["operation"]["codename"] = codename
            content["answers"]["independent_corroborations"] = number
            self.model("assessments", "AssessmentVersion").objects.create(
                assessment=assessment,
                number=number,
                content=content,
                verdict={"decision": "go", "scoring_version": "2"},
                content_hash=services.content_hash(content),
                created_by=self.planner,
            )
        return operation


@pytest.fixture
def migrated(old_apps):
    before = Before(old_apps)
    ids = {
        "LOTUS": before.operation(before.mekong, "LOTUS").pk,
        "lotus": before.operation(before.mekong, "lotus", versions=2).pk,
        "Lotus": before.operation(before.mekong, "Lotus").pk,
        "andaman lotus": before.operation(before.andaman, "lotus").pk,
        "HERON": before.operation(before.mekong, "HERON").pk,
    }
    # 0013 converted the latest version of "Lotus" already: the rename joins that record.
    version = before.model("assessments", "AssessmentVersion").objects.get(
        assessment__operation_id=ids["Lotus"]
    )
    before.model("assessments", "VersionConversion").objects.create(
        version=version,
        checklist_version="2",
        content_as_saved=version.content,
        changes=[
            {"key": "operation.target_name", "change": "characters", "characters": ["U+202E"]}
        ],
    )
    migrate(leaf())
    return {name: Operation.objects.get(pk=pk) for name, pk in ids.items()}


def test_the_first_created_keeps_its_codename_and_the_others_get_their_id(migrated):
    codenames = {name: operation.codename for name, operation in migrated.items()}
    lotus, mixed = migrated["lotus"].pk, migrated["Lotus"].pk
    assert codenames == {
        "LOTUS": "LOTUS",
        "lotus": f"lotus-{lotus}",
        "Lotus": f"Lotus-{mixed}",
        "andaman lotus": "lotus",  # another task force: no clash
        "HERON": "HERON",
    }


def test_the_latest_version_takes_the_new_codename_and_keeps_what_was_saved(migrated):
    operation = migrated["lotus"]
    latest = services.current_version(operation=operation)
    assert latest.number == 2
    assert latest.content["operation"]["codename"] == operation.codename
    assert latest.content_as_saved()["operation"]["codename"] == "lotus"
    assert services.content_hash(latest.content_as_saved()) == latest.content_hash
    assert latest.conversion.changes == [
        {
            "key": "operation.codename",
            "change": "codename",
            "was": "lotus",
            "now": operation.codename,
            "taken": "LOTUS",
        }
    ]
    # The version before keeps the codename it was saved under: that is what it was.
    first = operation.assessment.versions.get(number=1)
    assert first.content["operation"]["codename"] == "lotus"
    assert not VersionConversion.objects.filter(version=first).exists()
    # A version converted before keeps that record, the rename added to it.
    mixed = services.current_version(operation=migrated["Lotus"])
    assert [change["change"] for change in mixed.conversion.changes] == ["characters", "codename"]


def test_each_rename_is_in_the_audit_trail_of_its_task_force(migrated):
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.CONVERSION).order_by("pk")
    assert [(event.operation, event.task_force) for event in events] == [
        (migrated["lotus"], migrated["lotus"].task_force),
        (migrated["Lotus"], migrated["Lotus"].task_force),
    ]
    assert events[0].summary == (
        f"codename 'lotus' changed to {migrated['lotus'].codename!r}: operation 'LOTUS' "
        "of the task force has it, ignoring case (migration 0016)"
    )


def test_the_history_says_why_it_was_renamed(migrated, client):
    operation = migrated["lotus"]
    client.force_login(operation.created_by)
    html = client.get(reverse("assessments:assessment_history", args=[operation.pk])).content
    html = html.decode()
    assert "Codename changed in place by RaidAssess" in html
    assert (
        f"Codename: “lotus” is now “{operation.codename}”: operation “LOTUS” of the task force "
        "had the same codename but for upper and lower case" in html
    )
    # The rename is an entry of its own, apart from the save before it.
    assert "history-conversion-entry" in html


def test_from_then_on_the_database_refuses_a_codename_in_another_case(migrated):
    operation = migrated["LOTUS"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Operation.objects.create(
            task_force=operation.task_force, codename="LoTuS", created_by=operation.created_by
        )


def test_a_renamed_operation_is_edited_and_exported_under_its_new_codename(migrated):
    operation = migrated["lotus"]
    version = services.assessment_save(
        operation=operation,
        user=operation.created_by,
        base_version=2,
        answers={"independent_corroborations": 7},
    )
    assert version.content["operation"]["codename"] == operation.codename
    _version, exported = services.assessment_export(operation=operation)
    assert exported["operation"]["codename"] == operation.codename
