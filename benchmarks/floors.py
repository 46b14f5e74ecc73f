"""The floors: what the cheapest Django view showing the same thing costs on the same
server, in the same run.

Each floor reads what its page shows in one query, with no session, no access check,
no audit event and no navigation, and renders it through a bare template: the price of
Django, PostgreSQL, the decryption and the template engine for that page, below which
the app cannot go. They are mounted by the bench's URLconf only (`benchmarks.urls`).
"""

from django.db.models import F
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from assessments import checklist
from assessments.forms.checklist import ChecklistSectionForm
from assessments.forms.operations import SORTS
from assessments.models import Assessment, AssessmentVersion, Operation
from assessments.views.operations import LIST_COLUMNS, PAGE_SIZE

# The floor sorts by plain columns: the app's ranked decision and classification sorts
# cost it a CASE more, which is the app's to pay.
PLAIN_SORTS = {
    **SORTS,
    "decision": "assessment__decision",
    "classification": "assessment__classification",
}


@require_safe
def operation_list(request, task_force):
    """25 rows of a task force's operations: a filter, a sort, a page, one query."""
    rows = Operation.objects.filter(task_force=task_force)
    for name in ("status", "decision", "classification"):
        if request.GET.get(name):
            rows = rows.filter(**{f"assessment__{name}": request.GET[name]})
    sort = request.GET.get("sort", "-changed")
    field = PLAIN_SORTS[sort.lstrip("-")]
    descending = sort.startswith("-")
    rows = rows.order_by(F(field).desc() if descending else F(field).asc(), "pk")
    page = max(int(request.GET.get("page", 1)), 1)
    start = (page - 1) * PAGE_SIZE
    context = {"rows": rows.values("pk", *LIST_COLUMNS)[start : start + PAGE_SIZE]}
    return render(request, "floors/operation_list.html", context)


@require_safe
def checklist_section(request, pk, section):
    """A section's questions with the latest answers, as a bare crispy form."""
    sections = {section.key: section for section in checklist.SECTIONS}
    if section not in sections:
        raise Http404
    version = AssessmentVersion.objects.filter(assessment__operation=pk).latest("number")
    form = ChecklistSectionForm(sections[section], answers=version.content["answers"])
    return render(request, "floors/checklist_section.html", {"form": form})


@require_POST
def answer_save(request, pk):
    """Save one row, as a save has to at least."""
    Assessment.objects.filter(operation=pk).update(updated_at=timezone.now())
    return render(request, "floors/saved.html", {"now": timezone.now()})


@require_safe
def version_list(request, pk):
    """The latest 50 versions of an assessment: number, author, time."""
    versions = (
        AssessmentVersion.objects.filter(assessment__operation=pk)
        .order_by("-number")
        .values("number", "created_at", "created_by__username")[:50]
    )
    return render(request, "floors/version_list.html", {"versions": versions})


@require_safe
def version_diff(request, pk):
    """The keys two versions answer differently, with both answers."""
    numbers = (int(request.GET["a"]), int(request.GET["b"]))
    found = {
        version.number: version.content
        for version in AssessmentVersion.objects.filter(
            assessment__operation=pk, number__in=numbers
        ).only("number", "content")
    }
    a, b = (found[number]["answers"] for number in numbers)
    rows = [(key, a.get(key), b.get(key)) for key in checklist.ITEMS if a.get(key) != b.get(key)]
    return render(request, "floors/version_diff.html", {"rows": rows})


urlpatterns = [
    path("task-forces/<int:task_force>/operations/", operation_list),
    path("operations/<int:pk>/checklist/<str:section>/", checklist_section),
    path("operations/<int:pk>/save/", answer_save),
    path("operations/<int:pk>/versions/", version_list),
    path("operations/<int:pk>/diff/", version_diff),
]
