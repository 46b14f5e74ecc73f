"""Revising a plan after it left the planner's hands, and an operation that did not take
place. The rules live in services.revisions; these pages ask for confirmation first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from assessments import access, services
from assessments.forms.revisions import NotCarriedOutForm

from .panels import plan_banner


@login_required
@require_http_methods(["GET", "POST"])
def assessment_revise(request, pk):
    operation = access.operation_for(request.user, pk, edit=True)
    if request.method == "POST":
        try:
            services.assessment_revise(operation=operation, user=request.user, request=request)
        except services.Refused as refusal:
            messages.error(request, refusal.reason)
        else:
            messages.success(
                request,
                gettext("The plan is a draft again: change it, then submit it for approval."),
            )
        return redirect("assessments:operation_detail", pk=operation.pk)
    services.audit_operation_view(request=request, operation=operation, page="revision page")
    context = {
        "operation": operation,
        "consequences": services.revision_consequences(operation=operation),
        **plan_banner(request.user, operation),
    }
    return render(request, "assessments/revise.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_not_carried_out(request, pk):
    operation = access.operation_to_decide(request.user, pk)
    if request.method == "GET":
        services.audit_operation_view(
            request=request, operation=operation, page="not carried out page"
        )
    form = NotCarriedOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_not_carried_out(
                operation=operation,
                user=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except services.Refused as refusal:
            form.add_error(refusal.field, refusal.reason)
        else:
            messages.success(request, gettext("Recorded: the operation did not take place."))
            return redirect("assessments:operation_detail", pk=operation.pk)
    context = {
        "operation": operation,
        "form": form,
        "allowed": services.not_carried_out_allowed(operation.assessment),
        "consequences": services.revision_consequences(operation=operation),
    }
    return render(request, "assessments/not_carried_out.html", context)
