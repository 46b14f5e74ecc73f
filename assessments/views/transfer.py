"""Export an assessment as contract JSON, and create an operation from one."""

import json
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from assessments import access, checklist, services
from assessments.forms.operations import ImportForm
from assessments.models import AuditEvent

UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9_.-]+")


@login_required
@require_safe
@never_cache  # it holds the target address and suspects: no copy in any cache
def assessment_export(request, pk):
    operation = access.operation_for(request.user, pk)
    version = services.current_version(operation=operation)
    services.audit_record(
        kind=AuditEvent.Kind.EXPORT,
        request=request,
        operation=operation,
        summary=f"JSON export of version {version.number}",
    )
    response = HttpResponse(
        json.dumps(services.in_contract_order(version.content), indent=2, ensure_ascii=False)
        + "\n",
        content_type="application/json; charset=utf-8",
    )
    name = UNSAFE_FILENAME.sub("-", operation.codename).strip("-.") or "operation"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{version.number}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def assessment_import(request):
    task_forces = access.task_forces_to_plan_in(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, task_forces=task_forces)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            operation = services.assessment_import(
                task_force=form.chosen_task_force,
                user=request.user,
                data=form.cleaned_data["data"],
            )
        except checklist.InvalidAssessment as invalid:
            problems = [
                {"key": problem.key, "message": problem.render(gettext)}
                for problem in invalid.problems
            ]
        else:
            services.audit_record(
                kind=AuditEvent.Kind.IMPORT,
                request=request,
                operation=operation,
                summary=f"operation {operation.codename} imported from JSON",
            )
            messages.success(
                request,
                _("Operation %(codename)s imported.") % {"codename": operation.codename},
            )
            return redirect("assessments:operation_detail", pk=operation.pk)
    if request.method == "POST":
        count = len(problems) or sum(len(errors) for errors in form.errors.values())
        services.audit_record(
            kind=AuditEvent.Kind.IMPORT,
            request=request,
            task_force=form.chosen_task_force,
            outcome=AuditEvent.Outcome.FAILURE,
            summary=f"import refused: {count} problem(s)",
        )
    return render(request, "assessments/import.html", {"form": form, "problems": problems})
