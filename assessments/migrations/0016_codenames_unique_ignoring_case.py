"""Codenames are unique within a task force ignoring case: rename the ones that clash.

`lotus` and `LOTUS` could be two operations of one task force; read out over a radio or
typed into a search they are one. Migration 0017 makes the database refuse that; this
one first renames the operations that already clash, so that it can. In each task force,
of the operations whose codenames are the same once lowered, the first created keeps
its codename and each other one gets "-<its id>" added (as 0013 did when a conversion
made two codenames one), and more if even that is taken.

A rename is never silent. The operation's latest version is the profile every page and
export reads, so its content takes the new codename in place, and a VersionConversion
keeps that content exactly as it was saved (content_hash stays its hash, so approvals
and signed briefs still bind to it) with the change, which the history shows on that
version; a version 0013 converted already gets the change added to its conversion.
Earlier versions keep the codename they were saved under: that is what they were. The
audit trail has one event per operation renamed.

The database lowers both sides, here as in the constraint and the services, so that the
three agree on which codenames are the same.
"""

from django.db import migrations
from django.db.models import Count, Value
from django.db.models.functions import Lower

CODENAME_LENGTH = 100
CHECKLIST_VERSION = "2"


def _named(Operation, task_force_id, codename):
    return Operation.objects.alias(lowered=Lower("codename")).filter(
        task_force_id=task_force_id, lowered=Lower(Value(codename))
    )


def _free_codename(Operation, operation):
    """The codename of `operation` with "-<id>" added (then "-<id>-2" ...), free in its
    task force ignoring case."""
    number = 1
    while True:
        suffix = f"-{operation.pk}" if number == 1 else f"-{operation.pk}-{number}"
        candidate = f"{operation.codename[: CODENAME_LENGTH - len(suffix)]}{suffix}"
        if not _named(Operation, operation.task_force_id, candidate).exists():
            return candidate
        number += 1


def _record_in_latest_version(apps, operation, change):
    AssessmentVersion = apps.get_model("assessments", "AssessmentVersion")
    VersionConversion = apps.get_model("assessments", "VersionConversion")
    version = (
        AssessmentVersion.objects.filter(assessment__operation=operation).order_by("-number").first()
    )
    if version is None:
        return
    conversion = VersionConversion.objects.filter(version=version).first()
    if conversion is None:
        VersionConversion.objects.create(
            version=version,
            checklist_version=CHECKLIST_VERSION,
            content_as_saved=version.content,
            changes=[change],
        )
    else:
        conversion.changes = [*conversion.changes, change]
        conversion.save(update_fields=["changes"])
    profile = {**version.content["operation"], "codename": change["now"]}
    AssessmentVersion.objects.filter(pk=version.pk).update(
        content={**version.content, "operation": profile}
    )


def rename_clashing_codenames(apps, schema_editor):
    Operation = apps.get_model("assessments", "Operation")
    AuditEvent = apps.get_model("assessments", "AuditEvent")
    lowered = Operation.objects.annotate(lowered=Lower("codename"))
    clashes = list(
        lowered.order_by()
        .values("task_force_id", "lowered")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
    )
    for clash in clashes:
        kept, *others = lowered.filter(
            task_force_id=clash["task_force_id"], lowered=clash["lowered"]
        ).order_by("created_at", "pk")
        for operation in others:
            codename = _free_codename(Operation, operation)
            Operation.objects.filter(pk=operation.pk).update(codename=codename)
            change = {
                "key": "operation.codename",
                "change": "codename",
                "was": operation.codename,
                "now": codename,
                "taken": kept.codename,
            }
            _record_in_latest_version(apps, operation, change)
            AuditEvent.objects.create(
                kind="conversion",
                operation_id=operation.pk,
                task_force_id=operation.task_force_id,
                summary=(
                    f"codename {operation.codename!r} changed to {codename!r}: operation "
                    f"{kept.codename!r} of the task force has it, ignoring case (migration 0016)"
                )[:500],
            )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0015_audit_subject")]

    operations = [migrations.RunPython(rename_clashing_codenames, migrations.RunPython.noop)]
