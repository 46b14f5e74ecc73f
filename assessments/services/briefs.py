"""Signed briefs: request them, render them (in a worker), sweep the stuck, verify a file.

The row is the state machine, a task message only a wake-up call: queued -> rendering
-> ready, or failed after MAX_ATTEMPTS. A worker claims a brief with one conditional
UPDATE, so two workers (or one message delivered twice) never render the same brief;
a worker that dies leaves its claim to expire at `deadline`, after which the sweep, or
the message redelivered by the broker, claims it again. Only the latest claim may store
its file, so whatever happens there is exactly one signed brief per version and variant.

A full brief names the target and the suspects, so the file is stored encrypted like the
restricted fields (assessments.fields); `brief_pdf` gives the signed PDF back. `sha256`
is that of the signed PDF, which is what a verifier holds.
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from .. import brief_content, signing
from ..fields import decrypt_bytes, encrypt_bytes, uses_newest_key
from ..models import Assessment, AuditEvent, Brief
from ..pdf import pdf_render
from .assessments import current_version
from .audit import audit_record

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# An assessment has an approved version, and so briefs, in these states.
BRIEF_STATUSES = (
    Assessment.Status.APPROVED,
    Assessment.Status.AFTER_ACTION_REVIEW,
    Assessment.Status.CLOSED,
)
TEMPLATES = {Brief.Variant.FULL: "briefs/full.html", Brief.Variant.NGO: "briefs/ngo.html"}


class BriefNotAvailable(Exception):
    """Briefs exist only for an approved assessment."""


class BriefRenderFailed(Exception):
    """Rendering or signing failed; the brief is queued again for the task's retry."""


def _deadline():
    return timezone.now() + timezone.timedelta(seconds=settings.BRIEF_DEADLINE_SECONDS)


def _queue_on_commit(brief_ids):
    # Imported here: the tasks module imports the services.
    from .. import tasks

    # After the commit: a worker that picked the task up earlier would not see the row.
    for brief_id in brief_ids:
        transaction.on_commit(lambda brief_id=brief_id: tasks.brief_render.delay(brief_id))


@transaction.atomic
def brief_request(*, operation, user=None, request=None):
    """The briefs of the approved version of `operation`: creates the missing ones and
    queues them (a failed one is queued again). Safe to call any number of times."""
    assessment = Assessment.objects.select_for_update().get(operation=operation)
    if assessment.status not in BRIEF_STATUSES:
        raise BriefNotAvailable
    version = current_version(operation=operation)
    organisation = operation.receiving_organisation
    variants = [Brief.Variant.FULL] + ([Brief.Variant.NGO] if organisation else [])
    briefs, queued = [], []
    for variant in variants:
        brief, created = Brief.objects.get_or_create(
            version=version,
            variant=variant,
            defaults={"shared_with": organisation, "requested_by": user, "deadline": _deadline()},
        )
        if not created and brief.status == Brief.Status.FAILED:
            brief.status, brief.attempts, brief.error = Brief.Status.QUEUED, 0, ""
            brief.deadline = _deadline()
            brief.save(update_fields=["status", "attempts", "error", "deadline", "updated_at"])
            created = True
        if created:
            queued.append(brief)
        briefs.append(brief)
    if queued:
        _queue_on_commit([brief.pk for brief in queued])
        audit_record(
            kind=AuditEvent.Kind.BRIEF_REQUEST,
            request=request,
            user=user,
            operation=operation,
            summary=f"version {version.number}: "
            + ", ".join(brief.get_variant_display() for brief in queued),
        )
    return briefs


def receiving_organisation_set(*, operation, organisation, request=None):
    """Name the partner that receives the people found (None: none yet).

    Briefs already signed stay shared with the organisation named when they were
    approved; the next approval shares with this one.
    """
    operation.receiving_organisation = organisation
    operation.save(update_fields=["receiving_organisation"])
    audit_record(
        kind=AuditEvent.Kind.EDIT,
        request=request,
        operation=operation,
        summary=f"receiving organisation: {organisation.name if organisation else 'none'}",
    )


def brief_document(*, version, variant, organisation):
    """The signed PDF (bytes) of one brief of `version`; renders and signs in-process."""
    approvals = brief_content.approvals_of(version)
    build = (
        brief_content.full_context if variant == Brief.Variant.FULL else brief_content.ngo_context
    )
    context = build(version=version, approvals=approvals, organisation=organisation)
    pdf = pdf_render(TEMPLATES[variant], context)
    approvers = ", ".join(f"{approval['name']} ({approval['role']})" for approval in approvals)
    return signing.pdf_sign(
        pdf,
        title=f"{context['codename']} v{version.number}: {Brief.Variant(variant).label}",
        approvers=gettext("Approved by %(approvers)s") % {"approvers": approvers or "-"},
        reason=gettext("Approved brief, version %(number)d") % {"number": version.number},
    )


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
    brief = Brief.objects.select_related("version__assessment__operation__task_force").get(
        pk=brief_id
    )
    try:
        signed = brief_document(
            version=brief.version, variant=brief.variant, organisation=brief.shared_with
        )
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
        rendered_at=timezone.now(),
        deadline=None,
        error="",
    )
    if stored is None:
        # Our claim expired and another worker took the brief over: its file counts.
        default_storage.delete(name)
        return False
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
            queued.append(brief.pk)
    with transaction.atomic():
        _queue_on_commit(queued)
    return len(queued)


@dataclass
class Verification:
    """What the verify page tells about an uploaded file."""

    signature: signing.Validation
    brief: Brief | None = None
    approvals: list | None = None
    superseded: bool = False


def brief_verify(*, data):
    """Check the signature of `data` (bytes of a PDF) and look it up among our briefs."""
    validation = signing.pdf_validate(data)
    brief = (
        Brief.objects.select_related("version__assessment__operation")
        .filter(sha256=hashlib.sha256(data).hexdigest(), status=Brief.Status.READY)
        .first()
    )
    if brief is None:
        return Verification(signature=validation)
    version = brief.version
    superseded = (
        version.number != version.assessment.version_number
        or version.approvals.filter(superseded_at__isnull=False).exists()
    )
    return Verification(
        signature=validation,
        brief=brief,
        approvals=brief_content.approvals_of(version),
        superseded=superseded,
    )
