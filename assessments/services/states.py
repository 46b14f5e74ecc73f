"""The one state table: which writes each workflow state allows.

Every write path (pages, the admin, management commands, tasks) reaches the models
through a service, and every service asks `write_check` before it writes. A refusal is a
`Refused` whose reason names the state and what to do instead. An import never writes
into an existing operation: it creates a new one, in draft, and the table applies from
there on. The admin changes no operation, assessment, version or brief at all.

The pre-raid record (answers, profile, receiving organisation) changes only while a plan
is being prepared: in draft and returned. A submitted or approved plan is read-only: to
change it, the planner revises it on purpose (`revisions.assessment_revise`), which
withdraws its approvals and briefs and takes it back to draft; nothing autosaved ever
supersedes an approval. Once the planned date of an approved plan has passed, and in
rejected, cancelled, after-action review and closed, the record is frozen: it is the
record of what was decided, and the briefs stand on it. Briefs are requested and
rendered only where an approved version exists; which version that is, and that it
still holds every approval it needs, is `versions.approved_version`'s to say.

Rescoring (`rescoring`: the same content scored again when the rules changed) is a write
too, and not a planner's: a plan being prepared or waiting for its decision is rescored
(a submitted one before anyone decides on it), while an approved plan keeps the verdict
it was approved on, and a frozen record its verdict for good.
"""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..models import Assessment

Status = Assessment.Status


class Refused(Exception):
    """A write or transition the workflow does not allow. `reason` is translated text for
    people; `field` names the form field it is about, if any."""

    def __init__(self, reason, *, field=None):
        self.reason = reason
        self.field = field
        super().__init__(str(reason))


class Write(models.TextChoices):
    ANSWERS = "answers", _("change the checklist answers")
    PROFILE = "profile", _("change the operation profile")
    RECEIVING_ORGANISATION = "receiving_organisation", _("change the receiving organisation")
    BRIEF_REQUEST = "brief_request", _("request briefs")
    BRIEF_RENDER = "brief_render", _("render and sign a brief")
    RESCORE = "rescore", _("score it again under the current rules")


PRE_RAID = frozenset({Write.ANSWERS, Write.PROFILE, Write.RECEIVING_ORGANISATION})
BRIEFS = frozenset({Write.BRIEF_REQUEST, Write.BRIEF_RENDER})

STATE_TABLE = {
    Status.DRAFT: PRE_RAID | {Write.RESCORE},
    Status.RETURNED: PRE_RAID | {Write.RESCORE},
    Status.SUBMITTED: frozenset({Write.RESCORE}),
    Status.APPROVED: BRIEFS,
    Status.REJECTED: frozenset(),
    Status.AFTER_ACTION_REVIEW: BRIEFS,
    Status.CLOSED: BRIEFS,
    Status.CANCELLED: frozenset(),
}

REVISE = _(
    "To change it, revise the plan from the operation page: its approvals and briefs are "
    "withdrawn and it needs approving again."
)
FROZEN = _(
    "The pre-raid plan is frozen as the record of what was approved. Record what happened in "
    "the after-action review."
)
NOT_CARRIED_OUT = _(
    "If it was not carried out, a supervisor records that on the operation page: it is then "
    "cancelled, or sent back to draft for a new date."
)
REJECTED = _(
    "A rejected plan is frozen as the record of the decision. To plan again, create a new "
    "operation."
)
CANCELLED = _("The operation was called off; its record is frozen.")
# What to do instead, for a write the state does not allow: pre-raid writes, then briefs.
INSTEAD = {
    Status.SUBMITTED: REVISE,
    Status.APPROVED: REVISE,
    Status.REJECTED: REJECTED,
    Status.AFTER_ACTION_REVIEW: FROZEN,
    Status.CLOSED: _("The operation is closed and its record is frozen."),
    Status.CANCELLED: CANCELLED,
}
INSTEAD_OF_BRIEFS = {
    Status.DRAFT: _("Submit it for approval: briefs are made once a version is approved."),
    Status.RETURNED: _("Change it and submit it again: briefs are made once it is approved."),
    Status.SUBMITTED: _("Wait for the decision: briefs are made once it is approved."),
    Status.REJECTED: REJECTED,
    Status.CANCELLED: CANCELLED,
}
FROZEN_BY_DATE = _(
    "You cannot %(write)s: the planned date has passed, so the plan (“%(status)s”) is frozen "
    "as the record of what was approved. %(instead)s"
)
REFUSED = _("You cannot %(write)s: the assessment is “%(status)s”. %(instead)s")


def planned_date_passed(assessment, today=None):
    """True once the planned date of `assessment`'s operation is behind `today`."""
    planned = assessment.operation.planned_date
    return planned is not None and planned < (today or datetime.date.today())


def write_refusal(*, assessment, write, today=None):
    """The Refused that `write` on `assessment` would meet now, or None if allowed."""
    status = Status(assessment.status)
    if write in STATE_TABLE[status]:
        return None
    params = {"status": status.label, "write": Write(write).label}
    if write in PRE_RAID and status == Status.APPROVED and planned_date_passed(assessment, today):
        return Refused(FROZEN_BY_DATE % {**params, "instead": NOT_CARRIED_OUT})
    instead = INSTEAD_OF_BRIEFS if write in BRIEFS else INSTEAD
    return Refused(REFUSED % {**params, "instead": instead[status]})


def write_check(*, assessment, write, today=None):
    """Raise Refused unless the state of `assessment` allows `write`."""
    refusal = write_refusal(assessment=assessment, write=write, today=today)
    if refusal is not None:
        raise refusal
