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

UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9_.-]+")


@login_required
@require_safe
@never_cache  # it holds the target address and suspects: no copy in any cache
def assessment_export(request, pk):
    operation = access.operation_for(request.user, pk)
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
                request=request,
            )
        except checklist.InvalidAssessment as invalid:
            problems = [
                {"key": problem.key, "message": problem.render(gettext)}
                for problem in invalid.problems
            ]
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
    return render(request, "assessments/import.html", {"form": form, "problems": problems})
