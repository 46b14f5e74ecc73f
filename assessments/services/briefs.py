"""Signed briefs: request them, render them (in a worker), sweep the stuck, verify a file.

A brief exists only for the approved version: the one that holds all its required,
unsuperseded approvals (`versions.approved_version`), and an NGO brief only for the
organisation that version names. `brief_request` and `documents.brief_document` (which
every render, the worker's and `render_brief`'s, goes through) both check it, after the
state table (`states.write_check`).

The row is the state machine, a task message only a wake-up call: queued -> rendering
-> ready, or failed after MAX_ATTEMPTS; withdrawn once it is no longer in force. A
worker claims a brief with one conditional UPDATE, so two workers (or one message
delivered twice) never render the same brief; a worker that dies leaves its claim to
expire at `deadline`, after which the sweep, the message redelivered by the broker or a
new request claims it again. Only the latest claim may store its file, so whatever
happens there is exactly one signed brief in force per version and variant.

A full brief names the target and the suspects, so the file is stored encrypted like the
restricted fields (assessments.fields); `brief_pdf` gives the signed PDF back. `sha256`
is that of the signed PDF, which is what a verifier holds; `signed_digest` what its
signature covers, which a copy changed since still carries.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..fields import decrypt_bytes, encrypt_bytes, uses_newest_key
from ..models import AuditEvent, Brief, BriefAcknowledgement, PartnerOrganisation
from . import notifications
from .audit import audit_record
from .documents import NOT_APPROVED, brief_document, brief_signed_digest
from .queue import BRIEF_RENDER, queue_after_commit
from .states import Refused, Write, write_check
from .versions import approved_version, locked_assessment

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
UNFINISHED = (Brief.Status.QUEUED, Brief.Status.RENDERING)


class BriefRenderFailed(Exception):
    """Rendering or signing failed; the brief is queued again for the task's retry."""


def _deadline():
    return timezone.now() + timezone.timedelta(seconds=settings.BRIEF_DEADLINE_SECONDS)


def _queue(briefs):
    for brief in briefs:
        queue_after_commit(BRIEF_RENDER, brief.pk)


def _requeue(brief):
    """Put a failed brief, or one stuck past its deadline, back in the queue."""
    brief.status, brief.attempts, brief.error = Brief.Status.QUEUED, 0, ""
    brief.deadline = _deadline()
    brief.save(update_fields=["status", "attempts", "error", "deadline", "updated_at"])


def _stuck(brief):
    return brief.status == Brief.Status.FAILED or (
        brief.status in UNFINISHED
        and brief.deadline is not None
        and brief.deadline < timezone.now()
    )


@transaction.atomic
def brief_request(*, operation, user=None, request=None):
    """The briefs in force of the approved version of `operation`: creates the missing
    ones and queues them (a failed or stuck one is queued again). Safe to call any number
    of times. Raises Refused when the state or the approvals allow no brief."""
    assessment = locked_assessment(operation)
    write_check(assessment=assessment, write=Write.BRIEF_REQUEST)
    version = approved_version(operation=operation)
    if version is None:
        raise Refused(NOT_APPROVED % {"number": assessment.version_number})
    organisation = version.receiving_organisation
    variants = [Brief.Variant.FULL] + ([Brief.Variant.NGO] if organisation else [])
    briefs, queued = [], []
    in_force = Brief.objects.exclude(status=Brief.Status.WITHDRAWN)
    for variant in variants:
        brief, created = in_force.get_or_create(
            version=version,
            variant=variant,
            defaults={
                # Only the NGO brief is shared; the full brief stays with the task force.
                "shared_with": organisation if variant == Brief.Variant.NGO else None,
                "requested_by": user,
                "deadline": _deadline(),
            },
        )
        if created:
            _replaces(brief)
        elif _stuck(brief):
            _requeue(brief)
            created = True
        if created:
            queued.append(brief)
        briefs.append(brief)
    if queued:
        _queue(queued)
        audit_record(
            kind=AuditEvent.Kind.BRIEF_REQUEST,
            request=request,
            user=user,
            operation=operation,
            summary=f"version {version.number}: "
            + ", ".join(brief.get_variant_display() for brief in queued),
        )
    return briefs


def _replaces(brief):
    """Link the briefs that a revision withdrew (of earlier versions, same variant, shared
    with the same organisation) to `brief`, which replaces them: their readers are sent
    on to it. A brief of an organisation the new version no longer names is replaced by
    nothing: `brief_no_longer_shared` says so to its readers."""
    Brief.objects.filter(
        version__assessment=brief.version.assessment_id,
        variant=brief.variant,
        shared_with=brief.shared_with_id,
        status=Brief.Status.WITHDRAWN,
        withdrawal=Brief.Withdrawal.SUPERSEDED,
        replaced_by__isnull=True,
    ).exclude(version=brief.version).update(replaced_by=brief)


def brief_no_longer_shared(brief):
    """True for a withdrawn NGO brief whose operation is approved again naming another
    receiving organisation (or none): no brief will replace it for its readers."""
    if (
        brief.variant != Brief.Variant.NGO
        or brief.replaced_by_id
        or brief.status != (Brief.Status.WITHDRAWN)
    ):
        return False
    approved = approved_version(operation=brief.version.assessment.operation)
    return approved is not None and approved.receiving_organisation_id != brief.shared_with_id


def brief_acknowledge(*, brief, user, request=None):
    """A reviewer of the organisation an NGO brief is shared with confirms that it was
    received; the task force sees who acknowledged which version, and when."""
    if brief.variant != Brief.Variant.NGO or brief.status != Brief.Status.READY:
        raise Refused(_("Only an NGO brief in force can be acknowledged."))
    organisation = PartnerOrganisation.objects.filter(
        pk=brief.shared_with_id, reviewers__user=user
    ).first()
    if organisation is None:
        raise Refused(_("Only a reviewer of the organisation it is shared with acknowledges it."))
    acknowledgement, created = BriefAcknowledgement.objects.get_or_create(
        brief=brief, reviewer=user, defaults={"organisation": organisation}
    )
    if created:
        audit_record(
            kind=AuditEvent.Kind.BRIEF_ACKNOWLEDGE,
            request=request,
            user=user,
            operation=brief.version.assessment.operation,
            summary=f"NGO brief of version {brief.version.number} acknowledged "
            f"for {organisation.name}",
        )
    return acknowledgement


def briefs_missing(*, operation):
    """True when a brief of the approved version is missing, failed or stuck: what the
    briefs page offers to make."""
    version = approved_version(operation=operation)
    if version is None:
        return False
    in_force = list(version.briefs.exclude(status=Brief.Status.WITHDRAWN))
    wanted = 2 if version.receiving_organisation_id else 1
    return len(in_force) < wanted or any(_stuck(brief) for brief in in_force)


def briefs_withdraw(*, version, reason):
    """Withdraw the briefs in force of `version` (a Brief.Withdrawal); returns them."""
    briefs = list(version.briefs.exclude(status=Brief.Status.WITHDRAWN))
    now = timezone.now()
    for brief in briefs:
        brief.status, brief.withdrawn_at, brief.withdrawal = Brief.Status.WITHDRAWN, now, reason
        brief.deadline = None
        brief.save(update_fields=["status", "withdrawn_at", "withdrawal", "deadline", "updated_at"])
    return briefs


def _claim(brief_id):
    """Take `brief_id` for this worker; the claim's number, or None if not ours."""
    claimable = Q(status=Brief.Status.QUEUED) | Q(
        status=Brief.Status.RENDERING, deadline__lt=timezone.now()
    )
    claimed = Brief.objects.filter(claimable, pk=brief_id).update(
        status=Brief.Status.RENDERING,
        attempts=F("attempts") + 1,
        deadline=_deadline(),
        updated_at=timezone.now(),
    )
    if claimed != 1:
        return None
    return Brief.objects.values_list("attempts", flat=True).get(pk=brief_id)


def _settle(brief_id, claim, **fields):
    """Write `fields` if our claim still stands (nobody took the brief over since)."""
    with transaction.atomic():
        brief = Brief.objects.select_for_update().get(pk=brief_id)
        if brief.status != Brief.Status.RENDERING or brief.attempts != claim:
            return None
        for name, value in fields.items():
            setattr(brief, name, value)
        brief.save(update_fields=[*fields, "updated_at"])
        return brief


def brief_render(*, brief_id):
    """Render and sign one brief, if it is still to do and nobody else is on it.

    Returns True when this call stored the brief. Raises BriefRenderFailed when the
    attempt failed and another is allowed, for the task to retry after a pause.
    """
    claim = _claim(brief_id)
    if claim is None:
        return False
    brief = Brief.objects.select_related(
        "version__assessment__operation__task_force", "version__receiving_organisation"
    ).get(pk=brief_id)
    try:
        signed = brief_document(version=brief.version, variant=brief.variant)
    except Refused as refusal:
        # The version lost its approvals after the brief was queued: nothing to sign.
        logger.warning("brief %s: not signed (%s)", brief_id, refusal)
        _settle(
            brief_id, claim, status=Brief.Status.FAILED, error=str(refusal)[:500], deadline=None
        )
        return False
    except Exception as error:  # anything, a time limit too: the brief must not stay stuck
        logger.exception("brief %s: attempt %s failed", brief_id, claim)
        retry = claim < MAX_ATTEMPTS
        _settle(
            brief_id,
            claim,
            status=Brief.Status.QUEUED if retry else Brief.Status.FAILED,
            error=error.__class__.__name__,
            deadline=_deadline() if retry else None,
        )
        if retry:
            raise BriefRenderFailed(brief_id) from error
        return False
    name = _store(signed)
    stored = _settle(
        brief_id,
        claim,
        status=Brief.Status.READY,
        file=name,
        sha256=hashlib.sha256(signed).hexdigest(),
        signed_digest=brief_signed_digest(signed),
        rendered_at=timezone.now(),
        deadline=None,
        error="",
    )
    if stored is None:
        # Our claim expired and another worker took the brief over: its file counts.
        default_storage.delete(name)
        return False
    if stored.variant == Brief.Variant.NGO:
        with transaction.atomic():
            notifications.notify_brief_ready(brief=brief)
    return True


def _store(pdf):
    """Save `pdf` encrypted under a new name; the name."""
    return default_storage.save(
        f"briefs/{uuid.uuid4().hex}.pdf.enc", ContentFile(encrypt_bytes(pdf))
    )


def brief_pdf(brief):
    """The signed PDF (bytes) of a ready brief, decrypted."""
    with default_storage.open(brief.file.name, "rb") as stored:
        return decrypt_bytes(stored.read())


def brief_files_rotate():
    """Re-encrypt with the newest key every brief file made with an older one, for
    `manage.py rotate_encryption_key`. Returns (rotated, already under the newest key)."""
    rotated = current = 0
    for brief in Brief.objects.exclude(file="").only("pk", "file").iterator():
        with default_storage.open(brief.file.name, "rb") as stored:
            token = stored.read()
        if uses_newest_key(token):
            current += 1
            continue
        name = _store(decrypt_bytes(token))
        # Conditional: only if the file is still the one read (a re-render may replace it).
        if Brief.objects.filter(pk=brief.pk, file=brief.file.name).update(file=name):
            default_storage.delete(brief.file.name)
            rotated += 1
        else:
            default_storage.delete(name)
    return rotated, current


def brief_sweep():
    """Queue again every brief stuck past its deadline; give up after MAX_ATTEMPTS.

    Returns how many were queued again.
    """
    queued = []
    now = timezone.now()
    stuck = Brief.objects.filter(
        status__in=[Brief.Status.QUEUED, Brief.Status.RENDERING], deadline__lt=now
    )
    for brief in stuck:
        gave_up = brief.attempts >= MAX_ATTEMPTS
        # Conditional, like a claim: a worker may finish or claim the brief meanwhile.
        changed = Brief.objects.filter(
            pk=brief.pk, status=brief.status, attempts=brief.attempts
        ).update(
            status=Brief.Status.FAILED if gave_up else Brief.Status.QUEUED,
            deadline=None if gave_up else _deadline(),
            error=gettext("Stuck: no worker finished it.") if gave_up else brief.error,
            updated_at=now,
        )
        if changed and not gave_up:
            queued.append(brief)
    with transaction.atomic():
        _queue(queued)
    return len(queued)
