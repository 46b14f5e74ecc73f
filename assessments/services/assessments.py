"""The workflows: create an operation, save its assessment, import and export.

Keyword-only functions named <thing>_<action>; views, forms, commands and tasks call
these and nothing writes the models any other way. Every save of an assessment is a new
version scored by `scoring`; a save made over a version someone else has since replaced
raises Conflict instead of overwriting their work. What a save may change depends on the
state (`states.write_check`); each service records its own audit event.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.utils import timezone

from .. import checklist
from ..models import Assessment, AuditEvent, Operation, PartnerOrganisation
from .audit import audit_record
from .rescoring import rescore_if_rules_changed
from .states import Write, write_check
from .versions import current_version, latest_version, locked_assessment, version_add

CODENAME_TAKEN = checklist.gettext_noop(
    "another operation of this task force is named {taken} (codenames are compared "
    "ignoring upper and lower case)."
)
CODENAME_LENGTH = Operation._meta.get_field("codename").max_length
UNKNOWN_ORGANISATION = checklist.gettext_noop(
    "no partner organisation is named {value}: choose one the administrators have added."
)
PLANNED_DATE_PASSED = checklist.gettext_noop(
    "{value} has passed: an imported plan is for a day to come. Change the date in the file."
)
# The create form's words (forms.operations), for a date changed on a stored plan.
NEW_PLANNED_DATE_PASSED = checklist.gettext_noop(
    "This day has passed: plan the operation for a day to come."
)


class CodenameTaken(checklist.InvalidAssessment):
    """The codename is another operation's of the task force, ignoring case. `suggestion`
    is a codename it does not have: what an import may be made under instead."""

    def __init__(self, *, taken, suggestion):
        problem = checklist.Problem("operation.codename", CODENAME_TAKEN, (("taken", repr(taken)),))
        super().__init__([problem])
        self.taken = taken
        self.suggestion = suggestion


class Conflict(Exception):
    """Someone saved since `base_version`. `changes` says what they changed and who."""

    def __init__(self, *, base_version, current_version, changes):
        self.base_version = base_version
        self.current_version = current_version
        self.changes = changes
        super().__init__(f"version {base_version} was replaced by version {current_version}")


def _invalid(key, message, **params):
    problem = checklist.Problem(key, message, tuple(sorted(params.items())))
    return checklist.InvalidAssessment([problem])


def _organisation(name):
    """The partner organisation a profile names (by its name), or None."""
    if name is None:
        return None
    organisation = PartnerOrganisation.objects.filter(name=name).first()
    if organisation is None:
        raise _invalid("operation.receiving_organisation", UNKNOWN_ORGANISATION, value=repr(name))
    return organisation


def _named(task_force, codename):
    """The operations of `task_force` named `codename`, ignoring case (as the database's
    unique constraint compares them: both sides lowered by the database)."""
    return Operation.objects.alias(lowered=Lower("codename")).filter(
        task_force=task_force, lowered=Lower(Value(codename))
    )


def codename_suggestion(*, task_force, codename):
    """`codename` with the first "-2", "-3" ... that no operation of `task_force` has."""
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{codename[: CODENAME_LENGTH - len(suffix)]}{suffix}"
        if not _named(task_force, candidate).exists():
            return candidate
        number += 1


def _codename_check(task_force, codename, *, operation=None):
    """Raise CodenameTaken when another operation of `task_force` is named `codename`."""
    taken = _named(task_force, codename)
    if operation is not None:
        taken = taken.exclude(pk=operation.pk)
    other = taken.values_list("codename", flat=True).first()
    if other is not None:
        raise CodenameTaken(
            taken=other, suggestion=codename_suggestion(task_force=task_force, codename=codename)
        )


def _profile_fields(profile):
    """Model field values for a validated contract profile (null -> blank)."""
    fields = {}
    for key, value in profile.items():
        item = checklist.PROFILE_FIELDS[key]
        if key == "receiving_organisation":
            value = _organisation(value)
        elif value is None and item.type in (checklist.TEXT, checklist.CHOICE):
            value = ""
        elif value is None and item.type == checklist.MULTI:
            value = []
        elif value is not None and item.type == checklist.DATE:
            # A string would be saved fine but left on the instance, where profile() and
            # templates expect a date.
            value = datetime.date.fromisoformat(value)
        fields[key] = value
    return fields


def _parsed(profile, answers):
    return checklist.parse_assessment(
        {"checklist_version": checklist.CHECKLIST_VERSION, "operation": profile, "answers": answers}
    )


@transaction.atomic
def _create(*, task_force, user, content):
    codename = content["operation"]["codename"]
    _codename_check(task_force, codename)
    fields = _profile_fields(content["operation"])
    try:
        with transaction.atomic():
            operation = Operation.objects.create(task_force=task_force, created_by=user, **fields)
    except IntegrityError:  # the same codename, created a moment ago by someone else
        _codename_check(task_force, codename)
        raise
    assessment = Assessment.objects.create(operation=operation)
    version_add(
        assessment=assessment,
        content=content,
        created_by=user,
        organisation=fields["receiving_organisation"],
    )
    return operation


def operation_create(*, task_force, user, profile, answers=None, request=None):
    """A new operation with its assessment at version 1. Raises InvalidAssessment."""
    operation = _create(task_force=task_force, user=user, content=_parsed(profile, answers or {}))
    audit_record(
        kind=AuditEvent.Kind.OPERATION_CREATE,
        request=request,
        user=user,
        operation=operation,
        summary=f"operation {operation.codename} created",
    )
    return operation


def _passed(planned):
    return bool(planned) and datetime.date.fromisoformat(planned) < timezone.localdate()


def _refuse_past_planned_date(content):
    """An imported plan, like one created on the form, is for a day to come; stored and
    demo operations keep theirs."""
    planned = content["operation"]["planned_date"]
    if _passed(planned):
        raise _invalid("operation.planned_date", PLANNED_DATE_PASSED, value=planned)


def assessment_import(*, task_force, user, data, codename=None, request=None):
    """Create an operation from contract JSON: all of it or, on any problem, nothing.

    An import never writes into an existing operation: it makes a new one, in draft,
    named `codename` when given (the file's own codename is another operation's: an
    export imported back as a copy). Raises CodenameTaken, with a free codename to
    offer, when the codename is taken ignoring case."""
    try:
        content = checklist.parse_assessment(data)
        named = content["operation"]["codename"]
        if codename is not None:
            profile = {**content["operation"], "codename": codename}
            content = checklist.parse_assessment({**content, "operation": profile})
        _refuse_past_planned_date(content)
        operation = _create(task_force=task_force, user=user, content=content)
    except checklist.InvalidAssessment as invalid:
        assessment_import_refused(
            task_force=task_force, user=user, count=len(invalid.problems), request=request
        )
        raise
    renamed = f" (the file names it {named})" if operation.codename != named else ""
    audit_record(
        kind=AuditEvent.Kind.IMPORT,
        request=request,
        user=user,
        operation=operation,
        summary=f"operation {operation.codename} imported from JSON{renamed}",
    )
    return operation


def assessment_import_refused(*, task_force, user, count, request=None):
    """Record an import refused for `count` problems (of the file or of its content)."""
    audit_record(
        kind=AuditEvent.Kind.IMPORT,
        request=request,
        user=user,
        task_force=task_force,
        outcome=AuditEvent.Outcome.FAILURE,
        summary=f"import refused: {count} problem(s)",
    )


def assessment_export(*, operation, user=None, request=None):
    """The current assessment of `operation` as contract JSON, and its version; the
    export is recorded."""
    version = current_version(operation=operation)
    audit_record(
        kind=AuditEvent.Kind.EXPORT,
        request=request,
        user=user,
        operation=operation,
        summary=f"JSON export of version {version.number}",
    )
    return version, in_contract_order({**version.content, "operation": version.profile()})


def in_contract_order(content):
    """`content` with its keys in the contract's order, for people to read, in the current
    checklist version: a version saved under an older one lists the items added since as
    unanswered, which is what they are.

    PostgreSQL's jsonb stores keys in an order of its own (shortest first).
    """
    return {
        "checklist_version": checklist.CHECKLIST_VERSION,
        "operation": {key: content["operation"].get(key) for key in checklist.PROFILE_FIELDS},
        "answers": {key: content["answers"].get(key) for key in checklist.ITEMS},
    }


def _conflicting_changes(*, assessment, base, current, submitted, user):
    """What others changed since `base` (a version) among the keys `submitted` sets, with
    who; `current` is the latest version.

    A key both sides set to the same value is no conflict, nor is one only `user`
    changed: a save whose answer was lost on a slow line, or sent by the page as it
    closed, must not turn the planner's next keystroke into a conflict with themselves.

    Read as little as that takes, under the row lock: a key whose latest value is the
    base's or the user's is settled by those two versions; only for another, and only
    when someone else saved since `base`, are the versions in between read (in one
    query), to know who changed it.
    """
    unsettled = [
        (block, key, mine)
        for block, values in submitted.items()
        for key, mine in values.items()
        if current.content[block].get(key) not in (base.content[block].get(key), mine)
    ]
    since = assessment.versions.filter(number__gt=base.number)
    # RaidAssess's own versions (None: a rescoring) change no answer of anyone's.
    if not unsettled or set(since.values_list("created_by_id", flat=True)) <= {user.pk, None}:
        return []
    versions = [base, *since.select_related("created_by").order_by("number")]
    changes = []
    for block, key, mine in unsettled:
        history = [version.content[block].get(key) for version in versions]
        changed_by = [
            version.created_by
            for version, before in zip(versions[1:], history, strict=False)
            if version.content[block].get(key) != before and version.created_by_id is not None
        ]
        if {author.pk for author in changed_by} <= {user.pk}:
            continue
        changes.append(
            {
                "block": block,
                "key": key,
                "base": history[0],
                "theirs": history[-1],
                "mine": mine,
                "by": sorted({str(author) for author in changed_by}),
            }
        )
    return changes


def _writes(submitted, current):
    """The state-table writes that `submitted` makes: only the keys it changes count."""
    writes = set()
    for key, value in submitted["answers"].items():
        if value != current["answers"].get(key):
            writes.add(Write.ANSWERS)
    for key, value in submitted["operation"].items():
        if value != current["operation"].get(key):
            writes.add(
                Write.RECEIVING_ORGANISATION if key == "receiving_organisation" else Write.PROFILE
            )
    return writes


@transaction.atomic
def assessment_save(
    *, operation, user, base_version, answers=None, profile=None, request=None, where=""
):
    """Save the answers and profile fields the user changed, as a new version.

    `answers` and `profile` hold only what the user changed since `base_version`, the
    version their page was showing. Changes others saved since then to other keys are
    kept; if someone else changed one of the same keys, raises Conflict listing what
    they changed and saves nothing: the caller keeps what the user typed and lets them
    choose. Raises Refused when the state allows no such change, InvalidAssessment on a
    bad value. Returns the new version (recorded in the audit trail, `where` saying from
    which page), or the current one when nothing changed.
    """
    submitted = {"operation": profile or {}, "answers": answers or {}}
    assessment = locked_assessment(operation)
    current = latest_version(assessment)
    base = {"operation": current.profile(), "answers": current.content["answers"]}
    for write in sorted(_writes(submitted, base)):
        write_check(assessment=assessment, write=write)
    if base_version != assessment.version_number:
        changes = _conflicting_changes(
            assessment=assessment,
            base=assessment.versions.get(number=base_version),
            current=current,
            submitted=submitted,
            user=user,
        )
        if changes:
            raise Conflict(
                base_version=base_version,
                current_version=assessment.version_number,
                changes=changes,
            )
    # A verdict of older rules is scored again first, as its own entry of the history:
    # the planner's save then stands on the current rules, and says only what they did.
    current = rescore_if_rules_changed(
        assessment, user=user, current=current, request=request, where=where
    )
    content = _parsed(
        {**base["operation"], **submitted["operation"]},
        {**base["answers"], **submitted["answers"]},
    )
    # Compared as the current checklist reads both: a version saved under an older one
    # lacks the keys added since, which is no change of anyone's.
    if content == _parsed(base["operation"], base["answers"]):
        return current
    planned = content["operation"]["planned_date"]
    if planned != base["operation"].get("planned_date") and _passed(planned):
        # A stored plan keeps its date; a new one is a day to come, as on the create form
        # and in an import: a plan sent back for a new date cannot be approved for a day
        # already behind it.
        raise _invalid("operation.planned_date", NEW_PLANNED_DATE_PASSED)
    fields = _profile_fields(content["operation"])
    if content["operation"] != base["operation"]:
        _codename_check(
            operation.task_force_id, content["operation"]["codename"], operation=operation
        )
        for key, value in fields.items():
            setattr(operation, key, value)
        try:
            with transaction.atomic():
                operation.save()
        except IntegrityError:  # the same codename, given a moment ago to another one
            _codename_check(
                operation.task_force_id, content["operation"]["codename"], operation=operation
            )
            raise
    version = version_add(
        assessment=assessment,
        content=content,
        created_by=user,
        organisation=fields["receiving_organisation"],
    )
    audit_record(
        kind=AuditEvent.Kind.EDIT,
        request=request,
        user=user,
        operation=operation,
        summary=f"version {version.number} saved" + (f" ({where})" if where else ""),
    )
    return version
