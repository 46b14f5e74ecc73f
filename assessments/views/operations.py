"""The operations list, an operation's page, and creating and editing its profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from assessments import access, checklist, display, scoring, services
from assessments.forms.operations import (
    DEFAULT_SORT,
    SORTS,
    OperationFilterForm,
    OperationForm,
    initial_from_profile,
)
from assessments.models import Assessment
from assessments.templatetags.time_tags import when

from .history import describe_changes
from .panels import panel_context, plan_banner, progress, rules_change

PAGE_SIZE = 25
# What the list shows, and nothing more: the restricted columns are most of a row's bytes
# (encrypted), and the sort of a deep page would drag them along.
LIST_COLUMNS = (
    "codename",
    "site_type",
    "planned_date",
    "task_force__name",
    "assessment__status",
    "assessment__classification",
    "assessment__decision",
    "assessment__score",
    "assessment__threat_tier",
    "assessment__updated_at",
)

# A page of the list is read as values and put in words here, once per row: model
# instances and a template filter per cell cost more than the rest of the page.
LIST_VALUES = ("pk", *LIST_COLUMNS)

# Worst first, so that an ascending sort puts what needs attention at the top.
DECISION_ORDER = ("no_go", "urgent_go", "conditional_go", "go")


RANKS = {
    "decision_rank": ("assessment__decision", DECISION_ORDER),
    "classification_rank": ("assessment__classification", scoring.CLASSIFICATIONS),
}


def _rank(field, values):
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


def _filtered(operations, filters):
    if filters.get("q"):
        # The codename only: restricted fields are never searched (encrypted at rest).
        operations = operations.filter(codename__icontains=filters["q"])
    for name in ("status", "decision", "classification"):
        if filters.get(name):
            operations = operations.filter(**{f"assessment__{name}": filters[name]})
    sort = filters.get("sort", DEFAULT_SORT)
    field = SORTS[sort.lstrip("-")]
    # Only when the list is sorted by one: a rank joins the assessment, also in the count.
    if field in RANKS:
        operations = operations.alias(**{field: _rank(*RANKS[field])})
    descending = sort.startswith("-")
    # The primary key breaks ties, so that pages neither repeat nor skip a row.
    return operations.order_by(f"-{field}" if descending else field, "-pk" if descending else "pk")


def _detail_link():
    """The link to an operation's page, as (before, after) its id: reversed once for the
    25 rows of a page, not once for each (a twentieth of the page's time)."""
    marker = "7300001"
    before, _marker, after = reverse("assessments:operation_detail", args=[marker]).rpartition(
        marker
    )
    return before, after


def _row(values, link):
    """One operation of the list as its cells read: each value in words."""
    planned, updated = values["planned_date"], values["assessment__updated_at"]
    row = {
        "link": f"{link[0]}{values['pk']}{link[1]}",
        "codename": values["codename"],
        "task_force": values["task_force__name"],
        "site_type": display.value_label("site_type", values["site_type"]) or "—",
        "status": Assessment.Status(values["assessment__status"]).label,
        "score": values["assessment__score"],
        # Each its own key, not a pair: a template indexes a tuple only after dir() on it.
        "planned_iso": planned and planned.isoformat(),
        "planned": planned and date_format(planned, "DATE_FORMAT"),
        "updated_iso": updated and localtime(updated).isoformat(),
        "updated": updated and when(updated),
    }
    for name in ("classification", "decision", "threat_tier"):
        value = values[f"assessment__{name}"]
        row[name], row[f"{name}_label"] = value, display.verdict_label(name, value)
    return row


@login_required
@require_safe
def operation_list(request):
    if access.is_partner_only(request.user):
        return redirect("assessments:shared_briefs")  # their home: they plan nothing
    filter_form = OperationFilterForm(request.GET)
    filters = filter_form.filters()
    operations = _filtered(access.operations_for(request.user), filters)
    # Counted without the task force's name: the count needs no join to read it.
    page = Paginator(operations, PAGE_SIZE).get_page(request.GET.get("page"))
    link = _detail_link()
    context = {
        "rows": [_row(values, link) for values in page.object_list.values(*LIST_VALUES)],
        "filter_form": filter_form,
        "filtered": any(
            filters.get(name) for name in ("q", "status", "decision", "classification")
        ),
        "sort": filters.get("sort", DEFAULT_SORT),
        "page": page,
        "can_create": access.may_plan(request.user),
    }
    return render(request, "assessments/operation_list.html", context)


@login_required
@require_safe
def operation_detail(request, pk):
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(request=request, operation=operation, page="operation page")
    version = services.current_version(operation=operation)
    context = {
        "operation": operation,
        "version": version,
        "progress": progress(version.content["answers"]),
        "rules_change": rules_change(operation, version),
        "can_edit": access.can_edit(request.user, operation),
        **panel_context(request.user, operation),
        **plan_banner(request.user, operation),
    }
    return render(request, "assessments/operation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def operation_create(request):
    task_forces = access.task_forces_to_plan_in(request.user)
    form = OperationForm(request.POST or None, task_forces=task_forces)
    if request.method == "POST" and form.is_valid():
        try:
            operation = services.operation_create(
                task_force=form.chosen_task_force,
                user=request.user,
                profile=form.profile(),
                request=request,
            )
        except checklist.InvalidAssessment as invalid:
            form.add_problems(invalid.problems)
        else:
            messages.success(
                request, _("Operation %(codename)s created.") % {"codename": operation.codename}
            )
            return redirect("assessments:operation_detail", pk=operation.pk)
    return render(request, "assessments/operation_form.html", {"form": form})


def _overwrite_base(request, current):
    """The version the user chose to save over after a conflict, if still valid."""
    try:
        number = int(request.POST.get("overwrite", ""))
    except ValueError:
        return None
    return number if 1 <= number <= current.number else None


def _profile_refusal(operation):
    """Why the profile cannot change now (the state table's reason), or None."""
    refusal = services.write_refusal(assessment=operation.assessment, write=services.Write.PROFILE)
    return refusal.reason if refusal else None


def _edit_page(request, operation, form, status=200, **extra):
    context = {"form": form, "operation": operation, **extra}
    return render(request, "assessments/operation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def operation_edit(request, pk):
    operation = access.operation_for(request.user, pk, edit=True)
    current = services.current_version(operation=operation)
    if request.method == "GET":
        services.audit_operation_view(request=request, operation=operation, page="profile form")
        profile = current.profile()
        initial = {
            **initial_from_profile(profile),
            "receiving_organisation": operation.receiving_organisation_id,
            "base_version": current.number,
        }
        form = OperationForm(initial=initial, base_version=current.number)
        return _edit_page(request, operation, form, read_only=_profile_refusal(operation))

    form = OperationForm(request.POST, base_version=current.number)
    if not form.is_valid():
        return _edit_page(request, operation, form)
    base_number = form.cleaned_data["base_version"]
    base = operation.assessment.versions.get(number=base_number)
    # Changes are what the user did to the page they saw; saving over a conflict
    # applies those same changes on top of the version they were shown to conflict.
    changed = form.changed_profile(base.profile())
    if not changed:
        messages.info(request, _("Nothing changed."))
        return redirect("assessments:operation_detail", pk=operation.pk)
    try:
        version = services.assessment_save(
            operation=operation,
            user=request.user,
            base_version=_overwrite_base(request, current) or base_number,
            profile=changed,
            request=request,
            where="profile",
        )
    except services.Conflict as error:
        conflict = {
            "current_version": error.current_version,
            "changes": describe_changes(error.changes),
        }
        return _edit_page(request, operation, form, conflict=conflict)
    except services.Refused as refusal:
        return _edit_page(request, operation, form, status=409, read_only=refusal.reason)
    except checklist.InvalidAssessment as invalid:
        form.add_problems(invalid.problems)
        return _edit_page(request, operation, form)
    messages.success(
        request, _("Profile saved as version %(number)d.") % {"number": version.number}
    )
    return redirect("assessments:operation_detail", pk=operation.pk)
