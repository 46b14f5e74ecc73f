"""The workflows: create an operation, save its assessment, import and export.

Keyword-only functions named <thing>_<action>; views, forms, commands and tasks call
these and nothing writes the models any other way. Every save of an assessment is a new
version scored by `scoring`; a save made over a version someone else has since replaced
raises Conflict instead of overwriting their work.
"""

import datetime
import hashlib
import json

from django.db import IntegrityError, transaction

from .. import checklist, scoring
from ..models import Assessment, AssessmentVersion, Operation


class Conflict(Exception):
    """Someone saved since `base_version`. `changes` says what they changed and who."""

    def __init__(self, *, base_version, current_version, changes):
        self.base_version = base_version
        self.current_version = current_version
        self.changes = changes
        super().__init__(f"version {base_version} was replaced by version {current_version}")


def content_hash(content):
    """SHA-256 of the canonical JSON of an assessment: what an approval binds to."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _invalid(key, message, **params):
    problem = checklist.Problem(key, message, tuple(sorted(params.items())))
    return checklist.InvalidAssessment([problem])


def _profile_fields(profile):
    """Model field values for a validated contract profile (null -> blank)."""
    fields = {}
    for key, value in profile.items():
        if key == "receiving_organisation":
            continue  # a link to a partner, set by receiving_organisation_set only
        item = checklist.PROFILE_FIELDS[key]
        if value is None and item.type in (checklist.TEXT, checklist.CHOICE):
            value = ""
        elif value is None and item.type == checklist.MULTI:
            value = []
        elif value is not None and item.type == checklist.DATE:
            # A string would be saved fine but left on the instance, where profile() and
            # templates expect a date.
            value = datetime.date.fromisoformat(value)
        fields[key] = value
    return fields


def _add_version(*, assessment, content, user):
    verdict = scoring.score_assessment(content)
    number = assessment.version_number + 1
    version = AssessmentVersion.objects.create(
        assessment=assessment,
        number=number,
        content=content,
        verdict=verdict,
        content_hash=content_hash(content),
        created_by=user,
    )
    assessment.version_number = number
    assessment.classification = verdict["classification"]
    assessment.decision = verdict["decision"]
    assessment.score = verdict["score"]
    assessment.threat_tier = verdict["threat_tier"]
    assessment.save()
    return version


@transaction.atomic
def operation_create(*, task_force, user, profile, answers=None):
    """A new operation with its assessment at version 1. Raises InvalidAssessment."""
    content = checklist.parse_assessment(
        {
            "checklist_version": checklist.CHECKLIST_VERSION,
            "operation": profile,
            "answers": answers or {},
        }
    )
    if Operation.objects.filter(
        task_force=task_force, codename=content["operation"]["codename"]
    ).exists():
        raise _invalid(
            "operation.codename",
            checklist.gettext_noop("another operation of this task force has this codename."),
        )
    try:
        with transaction.atomic():
            operation = Operation.objects.create(
                task_force=task_force, created_by=user, **_profile_fields(content["operation"])
            )
    except IntegrityError:  # the same codename, created a moment ago by someone else
        raise _invalid(
            "operation.codename",
            checklist.gettext_noop("another operation of this task force has this codename."),
        ) from None
    assessment = Assessment.objects.create(operation=operation)
    _add_version(assessment=assessment, content=content, user=user)
    return operation


def assessment_import(*, task_force, user, data):
    """Create an operation from contract JSON: all of it or, on any problem, nothing."""
    problems = checklist.validate_assessment(data)
    if problems:
        raise checklist.InvalidAssessment(problems)
    return operation_create(
        task_force=task_force, user=user, profile=data["operation"], answers=data["answers"]
    )


def assessment_export(*, operation):
    """The current assessment of `operation` as contract JSON."""
    return in_contract_order(current_version(operation=operation).content)


def in_contract_order(content):
    """`content` with its keys in the contract's order, for people to read.

    PostgreSQL's jsonb stores keys in an order of its own (shortest first).
    """
    return {
        "checklist_version": content["checklist_version"],
        "operation": {key: content["operation"].get(key) for key in checklist.PROFILE_FIELDS},
        "answers": {key: content["answers"].get(key) for key in checklist.ITEMS},
    }


def current_version(*, operation):
    # Read from the versions, not from `operation.assessment`: a cached assessment on the
    # instance goes stale as soon as assessment_save stores a newer version.
    return (
        AssessmentVersion.objects.select_related("created_by")
        .filter(assessment__operation=operation)
        .latest("number")
    )


def _conflicting_changes(*, assessment, base_version, submitted, user):
    """What others changed since `base_version` among the keys `submitted` sets, with who.

    A key both sides set to the same value is no conflict, nor is one only `user`
    changed: a save whose answer was lost on a slow line, or sent by the page as it
    closed, must not turn the planner's next keystroke into a conflict with themselves.
    """
    contents = [assessment.versions.get(number=base_version).content]
    authors = []
    author_ids = []
    for version in (
        assessment.versions.filter(number__gt=base_version)
        .select_related("created_by")
        .order_by("number")
    ):
        contents.append(version.content)
        authors.append(str(version.created_by))
        author_ids.append(version.created_by_id)
    changes = []
    for block, values in submitted.items():
        for key, mine in values.items():
            history = [content[block].get(key) for content in contents]
            if history[-1] in (history[0], mine):
                continue
            changers = {
                author_id
                for author_id, before, after in zip(author_ids, history, history[1:], strict=False)
                if before != after
            }
            if changers == {user.pk}:
                continue
            by = {
                author
                for author, before, after in zip(authors, history, history[1:], strict=False)
                if before != after
            }
            changes.append(
                {
                    "block": block,
                    "key": key,
                    "base": history[0],
                    "theirs": history[-1],
                    "mine": mine,
                    "by": sorted(by),
                }
            )
    return changes


@transaction.atomic
def assessment_save(*, operation, user, base_version, answers=None, profile=None):
    """Save the answers and profile fields the user changed, as a new version.

    `answers` and `profile` hold only what the user changed since `base_version`, the
    version their page was showing. Changes others saved since then to other keys are
    kept; if someone else changed one of the same keys, raises Conflict listing what
    they changed and saves nothing: the caller keeps what the user typed and lets them
    choose. Raises InvalidAssessment on a bad value. Returns the new version, or the
    current one when nothing changed.
    """
    submitted = {"operation": profile or {}, "answers": answers or {}}
    assessment = Assessment.objects.select_for_update().get(operation=operation)
    if base_version != assessment.version_number:
        changes = _conflicting_changes(
            assessment=assessment, base_version=base_version, submitted=submitted, user=user
        )
        if changes:
            raise Conflict(
                base_version=base_version,
                current_version=assessment.version_number,
                changes=changes,
            )
    current = assessment.versions.get(number=assessment.version_number)
    content = checklist.parse_assessment(
        {
            "checklist_version": checklist.CHECKLIST_VERSION,
            "operation": {**current.content["operation"], **submitted["operation"]},
            "answers": {**current.content["answers"], **submitted["answers"]},
        }
    )
    if content == current.content:
        return current
    if profile:
        codename = content["operation"]["codename"]
        taken = Operation.objects.filter(task_force=operation.task_force_id, codename=codename)
        if taken.exclude(pk=operation.pk).exists():
            raise _invalid(
                "operation.codename",
                checklist.gettext_noop("another operation of this task force has this codename."),
            )
        for key, value in _profile_fields(content["operation"]).items():
            setattr(operation, key, value)
        operation.save()
    version = _add_version(assessment=assessment, content=content, user=user)
    # An edit after submission or approval supersedes the approvals. Imported here:
    # workflow needs briefs, which needs this module.
    from .workflow import assessment_edited

    assessment_edited(assessment=assessment, version=version, user=user)
    return version
