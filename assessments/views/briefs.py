"""The signed briefs: an operation's briefs page and its self-updating status, a brief's
own page, downloads, the briefs shared with a partner organisation, acknowledging one,
the verify page; and the draft preview of a brief before it is approved."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments import access, services
from assessments.brief_content import planned_week
from assessments.forms.briefs import VerifyForm
from assessments.models import AuditEvent, Brief, BriefAcknowledgement

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


def _history_context(operation):
    """The briefs withdrawn from the operation, and who acknowledged which NGO brief."""
    briefs = Brief.objects.filter(version__assessment__operation=operation)
    return {
        "withdrawn": briefs.filter(status=Brief.Status.WITHDRAWN)
        .exclude(sha256="")
        .select_related("version", "replaced_by__version")
        .order_by("-withdrawn_at"),
        "acknowledgements": BriefAcknowledgement.objects.filter(brief__in=briefs)
        .select_related("brief__version", "reviewer", "organisation")
        .order_by("-created_at"),
    }


@login_required
@require_safe
def operation_briefs(request, pk):
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(request=request, operation=operation, page="briefs page")
    current = services.current_version(operation=operation)
    approved = services.approved_version(operation=operation)
    context = {
        **_briefs_context(request, operation),
        **_history_context(operation),
        # The version being prepared, whose briefs the draft previews show; none once
        # the current version is approved and its briefs are the signed ones.
        "preview_version": current if approved is None or approved.pk != current.pk else None,
    }
    return render(request, "briefs/operation_briefs.html", context)


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
def brief_detail(request, pk):
    """One brief: its state, what replaced it, who acknowledged it; for its readers."""
    brief = access.brief_for(request.user, pk)
    version = brief.version
    operation = version.assessment.operation
    services.audit_operation_view(
        request=request,
        operation=operation,
        page=f"{brief.variant} brief of version {version.number}",
    )
    replacement = brief.replaced_by
    acknowledgements = brief.acknowledgements.select_related("reviewer", "organisation")
    if access.is_partner_only(request.user):
        acknowledgements = acknowledgements.filter(organisation=brief.shared_with_id)
    context = {
        "brief": brief,
        "operation": operation,
        "week": planned_week(version.profile()["planned_date"]),
        "replacement": (
            replacement
            if replacement and access.briefs_for(request.user).filter(pk=replacement.pk).exists()
            else None
        ),
        "acknowledgements": acknowledgements,
        "no_longer_shared": services.brief_no_longer_shared(brief),
        "acknowledged": acknowledgements.filter(reviewer=request.user).exists(),
        "can_acknowledge": brief.variant == Brief.Variant.NGO
        and brief.status == Brief.Status.READY
        and brief.shared_with.reviewers.filter(user=request.user).exists(),
        "member": access.task_forces_for(request.user).filter(pk=operation.task_force_id).exists(),
    }
    return render(request, "briefs/brief_detail.html", context)


@login_required
@require_safe
def brief_download(request, pk):
    """The signed PDF of a brief in force; a withdrawn one is never handed out as if it
    were, and its page says what became of it."""
    brief = access.brief_for(request.user, pk)
    if brief.status != Brief.Status.READY:
        messages.error(request, gettext("This brief is not available for download."))
        return redirect("assessments:brief_detail", pk=brief.pk)
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
def brief_preview(request, pk, variant):
    """The brief of the version being prepared as it will read, for its task force: a
    PDF marked DRAFT on every page, shown in the browser, never signed nor stored (and,
    as every page to a signed-in user, not cached: security.middleware.NoStoreMiddleware)."""
    operation = access.operation_for(request.user, pk)
    if variant not in Brief.Variant.values:
        raise Http404
    try:
        pdf = services.brief_preview(operation=operation, variant=variant)
    except services.Refused as refusal:
        messages.error(request, refusal.reason)
        return redirect("assessments:operation_briefs", pk=operation.pk)
    services.audit_operation_view(
        request=request, operation=operation, page=f"draft preview of the {variant} brief"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"{operation.codename}-DRAFT-{variant}.pdf"
    )
    return response


@login_required
@require_POST
def brief_acknowledge(request, pk):
    brief = access.brief_for(request.user, pk)
    try:
        services.brief_acknowledge(brief=brief, user=request.user, request=request)
    except services.Refused as refusal:
        messages.error(request, refusal.reason)
    else:
        messages.success(request, gettext("Receipt acknowledged: the task force can see it."))
    return redirect("assessments:brief_detail", pk=brief.pk)


def _shared_row(brief, user):
    version = brief.version
    return {
        "brief": brief,
        "codename": version.assessment.operation.codename,
        "week": planned_week(version.profile()["planned_date"]),
        "acknowledged": any(ack.reviewer_id == user.pk for ack in brief.acknowledgements.all()),
        "no_longer_shared": services.brief_no_longer_shared(brief),
    }


@login_required
@require_safe
def shared_briefs(request):
    """The NGO briefs shared with the user's organisation, current and withdrawn; 404 for
    everyone else."""
    if not access.is_partner_reviewer(request.user):
        raise Http404
    briefs = (
        access.briefs_shared_with(request.user)
        .select_related(
            "version__assessment__operation", "version__receiving_organisation", "replaced_by"
        )
        .prefetch_related("acknowledgements")
        .order_by("status", "-rendered_at")
    )
    rows = [_shared_row(brief, request.user) for brief in briefs]
    return render(request, "briefs/shared.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def brief_verify(request):
    # Bound on every POST, an empty one too: it must say which field is missing.
    form = VerifyForm(request.POST, request.FILES) if request.method == "POST" else VerifyForm()
    verification = None
    if form.is_bound and form.is_valid():
        verification = services.brief_verify(data=form.cleaned_data["file"], request=request)
    context = {"form": form, "verification": verification, "file_name": form.file_name}
    return render(request, "briefs/verify.html", context)
