"""An assessment's history as people read it: entries of one or more versions each.

Every save is a version and stays one: nothing here merges, changes or drops a stored
row, and every version can still be opened and compared. But a planner filling in a
section saves at each answer and each pause in typing, dozens of times in one sitting,
and a reader wants to know who worked on the plan, when, and what came of it. So
consecutive saves by one person, with nobody else saving in between, read as one entry
from its first version to its last. An entry ends where

- someone else saves: another person, or RaidAssess scoring the plan again under new
  rules (a rule change is always an entry of its own, as it changes no answer);
- a version was converted in place for a later checklist: an entry of its own too, so
  that what the conversion did is read on that version;
- the workflow took a step on a version (submitted, returned, approved, revised ...):
  what the approvers saw, and what an approval binds to, stays the end of an entry.

Only the versions' numbers, authors, kinds and times are read here (one query each for
versions, workflow steps and approvals), never their encrypted content: the page reads
the content of the entries it shows, and no more.
"""

import datetime
from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef

from ..models import Approval, AssessmentVersion, StatusChange, VersionConversion

EDITS = "edits"
RULE_CHANGE = "rule_change"
CONVERSION = "conversion"


@dataclass(frozen=True)
class Entry:
    """Versions `first` to `last` (both included) of one kind, by one author."""

    kind: str
    first: int
    last: int
    author_id: int | None
    started_at: datetime.datetime
    ended_at: datetime.datetime

    @property
    def numbers(self):
        return range(self.first, self.last + 1)

    @property
    def size(self):
        return self.last - self.first + 1


def _kind(version_kind, converted):
    if version_kind == AssessmentVersion.Kind.RESCORED:
        return RULE_CHANGE
    return CONVERSION if converted else EDITS


def history_entries(*, assessment):
    """The entries of `assessment`'s history, newest first (see the module docstring)."""
    versions = (
        assessment.versions.order_by("number")
        .annotate(converted=Exists(VersionConversion.objects.filter(version=OuterRef("pk"))))
        .values_list("number", "kind", "created_by_id", "created_at", "converted")
    )
    steps = set(
        StatusChange.objects.filter(assessment=assessment).values_list("version__number", flat=True)
    ) | set(
        Approval.objects.filter(assessment=assessment).values_list("version__number", flat=True)
    )
    entries = []
    for number, version_kind, author_id, created_at, converted in versions:
        kind = _kind(version_kind, converted)
        previous = entries[-1] if entries else None
        if (
            previous is not None
            and kind == previous.kind == EDITS
            and author_id == previous.author_id
            and previous.last not in steps
        ):
            entries[-1] = replace(previous, last=number, ended_at=created_at)
        else:
            entries.append(Entry(kind, number, number, author_id, created_at, created_at))
    entries.reverse()
    return entries
