"""Export an assessment as contract JSON (after a page that says what the file holds), and
create an operation from one."""

import json
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from assessments import access, checklist, display, services
from assessments.forms.operations import ImportForm

UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9_.-]+")


@login_required
@require_http_methods(["GET", "POST"])
@never_cache  # it holds the target address and suspects: no copy in any cache
def assessment_export(request, pk):
    """GET: what the file holds, and the button to download it; POST: the download.

    The file holds every restricted detail in clear, so it comes only after the page that
    says so: a link, a bookmark or another site cannot start the download (a POST with
    the CSRF token)."""
    operation = access.operation_for(request.user, pk)
    if request.method == "GET":
        services.audit_operation_view(request=request, operation=operation, page="export")
        version = services.current_version(operation=operation)
        return render(
            request, "assessments/export.html", {"operation": operation, "version": version}
        )
    version, data = services.assessment_export(
        operation=operation, user=request.user, request=request
    )
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        content_type="application/json; charset=utf-8",
    )
    name = UNSAFE_FILENAME.sub("-", operation.codename).strip("-.") or "operation"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{version.number}.json"'
    return response


def _import_refused(form, invalid=None):
    """The import page's context after a refusal: every problem, and what the user gave
    kept (an uploaded file's text moves to the text field)."""
    taken = invalid if isinstance(invalid, services.CodenameTaken) else None
    if taken and not form.data.get("codename"):
        form.data = form.data.copy()
        form.data["codename"] = taken.suggestion
    return {
        "problems": display.problems(invalid) if invalid else [],
        "kept_upload": form.keep_upload(),
        # Offered once the codename turned out taken, and for as long as one is typed.
        "offer_codename": bool(taken or form.data.get("codename")),
        "taken": taken,
    }


@login_required
@require_http_methods(["GET", "POST"])
def assessment_import(request):
    task_forces = access.task_forces_to_plan_in(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, task_forces=task_forces)
    context = {"form": form, "problems": [], "offer_codename": False}
    if request.method == "POST" and form.is_valid():
        try:
            operation = services.assessment_import(
                task_force=form.chosen_task_force,
                user=request.user,
                data=form.cleaned_data["data"],
                codename=form.cleaned_data["codename"] or None,
                request=request,
            )
        except checklist.InvalidAssessment as invalid:
            context.update(_import_refused(form, invalid))
        else:
            messages.success(
                request,
                _("Operation %(codename)s imported.") % {"codename": operation.codename},
            )
            return redirect("assessments:operation_detail", pk=operation.pk)
    elif request.method == "POST":
        services.assessment_import_refused(
            task_force=form.chosen_task_force,
            user=request.user,
            count=sum(len(errors) for errors in form.errors.values()),
            request=request,
        )
        context.update(_import_refused(form))
    return render(request, "assessments/import.html", context)
