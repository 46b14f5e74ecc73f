"""The audit trail: a filtered table of events, newest first, and its CSV export.

Who reads which events is `access.audit_events_for`; anyone else gets 404.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from assessments import access, services
from assessments.forms.audit import AuditFilterForm
from assessments.models import AuditEvent

PAGE_SIZE = 50
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK = 500


def _filtered(events, filters):
    if filters.get("user"):
        events = events.filter(username__icontains=filters["user"])
    if filters.get("operation"):
        events = events.filter(operation__codename__icontains=filters["operation"])
    for name in ("kind", "outcome"):
        if filters.get(name):
            events = events.filter(**{name: filters[name]})
    if filters.get("date_from"):
        events = events.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        events = events.filter(created_at__date__lte=filters["date_to"])
    return events.select_related("operation", "task_force").order_by("-created_at", "-pk")


def _selection(request):
    """The filter form and the events it selects among those the user may read."""
    events = access.audit_events_for(request.user)
    form = AuditFilterForm(request.GET)
    return form, _filtered(events, form.filters())


def _list_page(request, form, events, status=200):
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter_form": form,
        "filtered": bool(form.filters()) or bool(form.errors),
        "page": page,
        "export_query": query.urlencode(),
    }
    return render(request, "assessments/audit_list.html", context, status=status)


@login_required
@require_safe
def audit_list(request):
    form, events = _selection(request)
    return _list_page(request, form, events)


def neutralised(cell):
    """The cell as text a spreadsheet shows as text, never runs as a formula."""
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, line):
        return line


def _csv_lines(events):
    writer = csv.writer(_Echo())
    yield writer.writerow(
        [
            gettext("When (UTC)"),
            gettext("User"),
            gettext("Kind"),
            gettext("Outcome"),
            gettext("Operation"),
            gettext("Task force"),
            gettext("Address"),
            gettext("What"),
        ]
    )
    for event in events.iterator(chunk_size=EXPORT_CHUNK):
        row = [
            event.created_at.isoformat(),
            event.username,
            event.kind,
            event.outcome,
            event.operation.codename if event.operation else "",
            event.task_force.name if event.task_force else "",
            event.address or "",
            event.summary,
        ]
        yield writer.writerow([neutralised(cell) for cell in row])


@login_required
@require_safe
@never_cache
def audit_export(request):
    form, events = _selection(request)
    if form.errors:
        # Never export more than was asked for: show what is wrong with the filters.
        return _list_page(request, form, events, status=400)
    filters = form.filters()
    services.audit_record(
        kind=AuditEvent.Kind.AUDIT_EXPORT,
        request=request,
        summary="audit trail CSV export, filters: "
        + (", ".join(f"{name}={value}" for name, value in filters.items()) or "none"),
    )
    response = StreamingHttpResponse(_csv_lines(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    return response
