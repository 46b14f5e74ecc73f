"""The signed briefs: an operation's briefs page and its self-updating status, downloads,
the briefs shared with a partner organisation, and the verify page."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import access, services
from assessments.forms.briefs import VerifyForm
from assessments.models import AuditEvent, Brief

UNFINISHED = (Brief.Status.QUEUED, Brief.Status.RENDERING)


def _briefs_context(request, operation):
    """The briefs in force of the approved version (none while no version is approved)."""
    version = services.approved_version(operation=operation)
    briefs = (
        list(
            access.briefs_for(request.user)
            .filter(version=version)
            .exclude(status=Brief.Status.WITHDRAWN)
        )
        if version
        else []
    )
    return {
        "operation": operation,
        "version": version,
        "briefs": briefs,
        "polling": any(brief.status in UNFINISHED for brief in briefs),
        "missing": services.briefs_missing(operation=operation),
    }


@login_required
@require_safe
def operation_briefs(request, pk):
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(request=request, operation=operation, page="briefs page")
    return render(request, "briefs/operation_briefs.html", _briefs_context(request, operation))


@login_required
@require_safe
def brief_status(request, pk):
    """The status element alone, polled by htmx until every brief is ready or failed."""
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(request=request, operation=operation, page="briefs status")
    return render(request, "briefs/_status.html", _briefs_context(request, operation))


@login_required
@require_POST
def brief_request(request, pk):
    operation = access.operation_for(request.user, pk)
    try:
        services.brief_request(operation=operation, user=request.user, request=request)
    except services.Refused as refusal:
        messages.error(request, refusal.reason)
    return redirect("assessments:operation_briefs", pk=operation.pk)


@login_required
@require_safe
def brief_download(request, pk):
    brief = access.brief_for(request.user, pk)
    if brief.status != Brief.Status.READY:
        raise Http404
    operation = brief.version.assessment.operation
    services.audit_record(
        kind=AuditEvent.Kind.BRIEF_DOWNLOAD,
        request=request,
        operation=operation,
        summary=f"{brief.variant} brief of version {brief.version.number}",
    )
    name = f"{operation.codename}-v{brief.version.number}-{brief.variant}.pdf"
    return FileResponse(
        BytesIO(services.brief_pdf(brief)),
        as_attachment=True,
        filename=name,
        content_type="application/pdf",
    )


@login_required
@require_safe
def shared_briefs(request):
    """The NGO briefs shared with the user's organisation; 404 for everyone else."""
    if not access.is_partner_reviewer(request.user):
        raise Http404
    briefs = (
        access.briefs_shared_with(request.user)
        .select_related("version__assessment__operation", "shared_with")
        .order_by("-rendered_at")
    )
    return render(request, "briefs/shared.html", {"briefs": briefs})


@login_required
@require_http_methods(["GET", "POST"])
def brief_verify(request):
    # Bound on every POST, an empty one too: it must say which field is missing.
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    verification = None
    if form.is_bound and form.is_valid():
        verification = services.brief_verify(data=form.cleaned_data["file"])
        services.audit_record(
            kind=AuditEvent.Kind.BRIEF_VERIFY,
            request=request,
            outcome=(
                AuditEvent.Outcome.SUCCESS
                if verification.signature.ok and verification.brief
                else AuditEvent.Outcome.FAILURE
            ),
            operation=verification.brief.version.assessment.operation
            if verification.brief
            else None,
            summary="issued here" if verification.brief else "not a brief issued here",
        )
    return render(request, "briefs/verify.html", {"form": form, "verification": verification})
