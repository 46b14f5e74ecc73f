"""The one state table: which writes each workflow state allows.

Every write path (pages, the admin, management commands, tasks) reaches the models
through a service, and every service asks `write_check` before it writes. A refusal is a
`Refused` whose reason names the state and what to do instead. An import never writes
into an existing operation: it creates a new one, in draft, and the table applies from
there on. The admin changes no operation, assessment, version or brief at all.

The pre-raid record (answers, profile, receiving organisation) changes while a plan is
being prepared or decided on. Once the planned date of an approved plan has passed, and
in rejected, after-action review and closed, it is frozen: it is the record of what was
approved, and the briefs stand on it. Briefs are requested and rendered only where an
approved version exists; which version that is, and that it still holds every approval
it needs, is `versions.approved_version`'s to say.
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


PRE_RAID = frozenset({Write.ANSWERS, Write.PROFILE, Write.RECEIVING_ORGANISATION})
BRIEFS = frozenset({Write.BRIEF_REQUEST, Write.BRIEF_RENDER})

# An edit while submitted or approved supersedes the standing approvals
# (workflow.assessment_edited).
STATE_TABLE = {
    Status.DRAFT: PRE_RAID,
    Status.RETURNED: PRE_RAID,
    Status.SUBMITTED: PRE_RAID,
    Status.APPROVED: PRE_RAID | BRIEFS,
    Status.REJECTED: frozenset(),
    Status.AFTER_ACTION_REVIEW: BRIEFS,
    Status.CLOSED: BRIEFS,
}
# In these states the pre-raid record freezes once the planned date has passed.
FROZEN_AFTER_PLANNED_DATE = frozenset({Status.APPROVED})

FROZEN_BY_DATE = _(
    "You cannot %(write)s: the planned date has passed, so the plan (“%(status)s”) is frozen "
    "as the record of what was approved. Record what happened in the after-action review."
)
# What to do instead, for a write the state does not allow.
INSTEAD = {
    Status.DRAFT: _("Submit it for approval: briefs are made once a version is approved."),
    Status.RETURNED: _("Change it and submit it again: briefs are made once it is approved."),
    Status.SUBMITTED: _("Wait for the decision: briefs are made once it is approved."),
    Status.APPROVED: _("Briefs are made for the approved version."),
    Status.REJECTED: _(
        "A rejected plan is frozen as the record of the decision. To plan again, create a "
        "new operation."
    ),
    Status.AFTER_ACTION_REVIEW: _(
        "The pre-raid plan is frozen as the record of what was approved. Record what happened "
        "in the after-action review."
    ),
    Status.CLOSED: _("The operation is closed and its record is frozen."),
}
REFUSED = _("You cannot %(write)s: the assessment is “%(status)s”. %(instead)s")


def allowed_writes(status, *, planned_date=None, today=None):
    """The writes the table allows in `status` on `today` (default: today)."""
    writes = STATE_TABLE[status]
    today = today or datetime.date.today()
    if status in FROZEN_AFTER_PLANNED_DATE and planned_date is not None and planned_date < today:
        writes = writes - PRE_RAID
    return writes


def write_refusal(*, assessment, write, today=None):
    """The Refused that `write` on `assessment` would meet now, or None if allowed."""
    status = Status(assessment.status)
    planned_date = assessment.operation.planned_date
    if write in allowed_writes(status, planned_date=planned_date, today=today):
        return None
    params = {"status": status.label, "write": Write(write).label}
    if write in STATE_TABLE[status]:
        return Refused(FROZEN_BY_DATE % params)
    return Refused(REFUSED % {**params, "instead": INSTEAD[status]})


def write_check(*, assessment, write, today=None):
    """Raise Refused unless the state of `assessment` allows `write`."""
    refusal = write_refusal(assessment=assessment, write=write, today=today)
    if refusal is not None:
        raise refusal
