"""Convert what checklist version 2 refuses in the stored versions, each change on record.

Version 1 read a date with Python's date.fromisoformat, which also takes an ISO week date
("2026-W51-1"), and let control and text-direction characters into text and free lists
of any length. Version 2 takes dates only as YYYY-MM-DD, refuses those characters (a
bidirectional override makes a text, or a codename, read otherwise than it is stored)
and bounds free lists at 50 entries. Every stored version must read under version 2:
to be scored again, exported and imported again, revised, or set beside what the
current rules say.

A stored version is the record of what was saved and approved, so it is not rewritten
silently. Only the refused value changes (a date becomes its YYYY-MM-DD day, or is
cleared when no reading of it is a day; the characters are removed; a list keeps its
first 50 entries), and a VersionConversion records each change and the content exactly
as saved. content_hash stays the hash of that content, so approvals and signed briefs
still bind to it; the history page shows the changes on the version, and the audit trail
has one event per version converted. The operation's own columns, a mirror of its latest
profile, are converted the same way. A codename that would become another operation's
(in its task force, ignoring case) gets "-<operation id>" added.

The rules are written out here, as checklist version 2 has them now: a migration must do
on any later day what it does today, whatever the checklist becomes by then. Nothing
converts back: the content as saved stays in the conversion, for the record.
"""

import datetime
import re
import unicodedata

from django.db import migrations

CHECKLIST_VERSION = "2"
REFUSED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_LIST_ENTRIES = 50
CODENAME_LENGTH = 100
DATES = {"operation": ("planned_date",)}
TEXTS = {
    "operation": (
        "target_name",
        "target_address",
        "suspect_details",
        "receiving_organisation",
    ),
    "answers": (
        "offence_basis",
        "informant_details",
        "leak_mitigations",
        "suspect_identification_method",
        "retaliation_mitigations",
        "raid_necessity_justification",
    ),
}
FREE_LISTS = {"operation": ("expected_languages",)}
# The operation's columns that mirror its latest profile and may hold refused text.
OPERATION_TEXTS = ("target_name", "target_address", "suspect_details")


def _refused(text):
    return sorted({f"U+{ord(character):04X}" for character in REFUSED.findall(text)})


def _date(value):
    """(value, change) for a stored date; no change when version 2 reads it as it is."""
    if not isinstance(value, str):
        return value, None
    if ISO_DATE.fullmatch(value):
        try:
            datetime.date.fromisoformat(value)
            return value, None
        except ValueError:
            pass
    try:
        day = datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None, {"change": "date_cleared", "was": value}
    return day, {"change": "date", "was": value, "now": day}


def _text(value):
    if not isinstance(value, str) or not REFUSED.search(value):
        return value, None
    return REFUSED.sub("", value), {"change": "characters", "characters": _refused(value)}


def _codename(value):
    """A codename loses the invisible characters too: it is a name told apart by sight."""
    if not isinstance(value, str):
        return value, None
    found = {
        f"U+{ord(character):04X}"
        for character in value
        if REFUSED.fullmatch(character) or unicodedata.category(character) == "Cf"
    }
    if not found:
        return value, None
    kept = "".join(
        character for character in value if f"U+{ord(character):04X}" not in found
    )
    return kept, {"change": "characters", "characters": sorted(found)}


def _free_list(value):
    if not isinstance(value, list):
        return value, None
    found = set()
    entries = []
    for entry in value:
        if isinstance(entry, str) and REFUSED.search(entry):
            found.update(_refused(entry))
            entry = REFUSED.sub("", entry)
            if not entry.strip() or entry in entries:
                continue  # nothing left of it, or the same as an entry before it
        entries.append(entry)
    entries = entries[:MAX_LIST_ENTRIES]
    if entries == value:
        return value, None
    return entries, {
        "change": "list",
        "characters": sorted(found),
        "was": len(value),
        "now": len(entries),
    }


CONVERSIONS = (
    *((block, key, _date) for block, keys in DATES.items() for key in keys),
    ("operation", "codename", _codename),
    *((block, key, _text) for block, keys in TEXTS.items() for key in keys),
    *((block, key, _free_list) for block, keys in FREE_LISTS.items() for key in keys),
)


def converted(content):
    """(content, changes): `content` with what version 2 refuses converted."""
    result = {
        **content,
        "operation": dict(content.get("operation") or {}),
        "answers": dict(content.get("answers") or {}),
    }
    changes = []
    for block, key, convert in CONVERSIONS:
        if key in result[block]:
            value, change = convert(result[block][key])
            if change is not None:
                result[block][key] = value
                changes.append({"key": f"{block}.{key}", **change})
    return result, changes


def _unique_codename(Operation, operation, codename):
    """`codename`, or with "-<id>" added when another operation of the task force has it."""
    others = Operation.objects.filter(
        task_force_id=operation.task_force_id, codename__iexact=codename
    ).exclude(pk=operation.pk)
    if not others.exists():
        return codename, None
    suffix = f"-{operation.pk}"
    return f"{codename[: CODENAME_LENGTH - len(suffix)]}{suffix}", suffix


def convert_operations(apps, schema_editor):
    Operation = apps.get_model("assessments", "Operation")
    for operation in Operation.objects.order_by("pk").iterator():
        fields = {}
        for name in OPERATION_TEXTS:
            value, change = _text(getattr(operation, name))
            if change is not None:
                fields[name] = value
        languages, change = _free_list(operation.expected_languages)
        if change is not None:
            fields["expected_languages"] = languages
        codename, change = _codename(operation.codename)
        if change is not None:
            fields["codename"], _suffix = _unique_codename(Operation, operation, codename)
        if fields:
            Operation.objects.filter(pk=operation.pk).update(**fields)


def convert_versions(apps, schema_editor):
    Operation = apps.get_model("assessments", "Operation")
    AssessmentVersion = apps.get_model("assessments", "AssessmentVersion")
    VersionConversion = apps.get_model("assessments", "VersionConversion")
    AuditEvent = apps.get_model("assessments", "AuditEvent")
    versions = AssessmentVersion.objects.select_related("assessment__operation").order_by("pk")
    for version in versions.iterator():
        content, changes = converted(version.content)
        if not changes:
            continue
        operation = version.assessment.operation
        for change in changes:
            if change["key"] == "operation.codename":
                codename, suffix = _unique_codename(
                    Operation, operation, content["operation"]["codename"]
                )
                content["operation"]["codename"] = codename
                if suffix:
                    change["suffix"] = suffix
        VersionConversion.objects.create(
            version=version,
            checklist_version=CHECKLIST_VERSION,
            content_as_saved=version.content,
            changes=changes,
        )
        AssessmentVersion.objects.filter(pk=version.pk).update(content=content)
        AuditEvent.objects.create(
            kind="conversion",
            operation=operation,
            task_force_id=operation.task_force_id,
            # The keys only: the values may name people and places.
            summary=(
                f"version {version.number}: "
                + ", ".join(change["key"] for change in changes)
                + f" converted for checklist version {CHECKLIST_VERSION} (migration 0011)"
            )[:500],
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0012_rule_changes_and_conversions")]

    operations = [
        migrations.RunPython(convert_operations, migrations.RunPython.noop),
        migrations.RunPython(convert_versions, migrations.RunPython.noop),
    ]
