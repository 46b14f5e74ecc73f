"""The checklist, one section at a time, saved as the planner types, and its verdict.

The page works as a plain form (POST, then redirect); with htmx it saves itself a
second after the planner stops typing and answers with fragments: the save status,
and out of band the verdict, the progress, the new base version and the state of each
item. A save sends only the keys the planner changed, so a colleague's answers to
other questions merge in, and a colleague's answer to the same question is never
overwritten silently: the planner sees a conflict and chooses.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, checklist, services
from ..forms.checklist import ChecklistSectionForm
from .panels import plan_banner, progress, rules_change

GROUPED_TYPES = (checklist.CHOICE, checklist.BOOL, checklist.MULTI)
SECTION_INDEX = {section.key: index for index, section in enumerate(checklist.SECTIONS)}


def _section_or_404(key):
    if key not in SECTION_INDEX:
        raise Http404
    return checklist.SECTIONS[SECTION_INDEX[key]]


def _entries(form, version):
    """What the item partials need for each question of the form's section. `added`:
    the checklist has asked it only since the plan was written (on an older version)."""
    answers = version.content["answers"]
    written_on = version.content["checklist_version"]
    return [
        {
            "item": item,
            "field": form[item.key],
            "template": f"assessments/_item_{item.type}.html",
            "grouped": item.type in GROUPED_TYPES,
            "answered": checklist.is_answered(answers.get(item.key)),
            "added": item.since > written_on,
        }
        for item in form.section.items
    ]


def _refusal(user, operation):
    """Why `user` may not change the answers now, or None: the page is then read-only."""
    if not access.can_edit(user, operation):
        return gettext("Read only: only a planner of this task force can change the answers.")
    refusal = services.write_refusal(assessment=operation.assessment, write=services.Write.ANSWERS)
    return refusal.reason if refusal else None


def _context(request, operation, section, form, version, read_only=None, **extra):
    """The page's context; `read_only` is why the answers cannot change (None: they can)."""
    index = SECTION_INDEX[section.key]
    answers = version.content["answers"]
    return {
        "operation": operation,
        "section": section,
        "form": form,
        "entries": _entries(form, version),
        "version": version,
        "verdict": version.verdict,
        "rules_change": rules_change(operation, version),
        "progress": progress(answers),
        **plan_banner(request.user, operation),
        "restricted_keys": [item.key for item in section.items if item.restricted],
        "previous_section": checklist.SECTIONS[index - 1] if index > 0 else None,
        "next_section": checklist.SECTIONS[index + 1] if index + 1 < len(SECTION_INDEX) else None,
        "editable": read_only is None,
        "read_only": read_only,
        **extra,
    }


def _unbound_form(section, version, readonly=False):
    return ChecklistSectionForm(
        section,
        answers=version.content["answers"],
        readonly=readonly,
        initial={"base_version": version.number},
    )


@login_required
@require_http_methods(["GET", "POST"])
def checklist_section(request, pk, section):
    section = _section_or_404(section)
    if request.method == "POST":
        return _save(request, pk, section)
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(
        request=request, operation=operation, page=f"checklist section {section.key}"
    )
    version = services.current_version(operation=operation)
    read_only = _refusal(request.user, operation)
    form = _unbound_form(section, version, readonly=read_only is not None)
    context = _context(request, operation, section, form, version, read_only=read_only)
    return render(request, "assessments/checklist_section.html", context)


def _conflict_rows(conflict):
    return [
        {**change, "item": checklist.ITEMS[change["key"]]}
        for change in conflict.changes
        if change["block"] == "answers"
    ]


def _save(request, pk, section):
    operation = access.operation_for(request.user, pk, edit=True)
    form = ChecklistSectionForm(section, request.POST)
    form.is_valid()
    if form.control_errors():
        return HttpResponseBadRequest(gettext("The page is out of date. Reload it."))
    # The version number read with the operation, this request: the version itself is
    # read (and decrypted) once, by the save, or below when nothing changed.
    if form.cleaned_data["base_version"] > operation.assessment.version_number:
        return HttpResponseBadRequest(gettext("The page is out of date. Reload it."))
    changes = form.changed_answers()
    conflict = refused = None
    version = None
    if changes:
        try:
            version = services.assessment_save(
                operation=operation,
                user=request.user,
                base_version=form.cleaned_data["base_version"],
                answers=changes,
                request=request,
                where=f"checklist section {section.key}",
            )
        except services.Conflict as error:
            conflict = error
        except services.Refused as refusal:
            refused = refusal
        except checklist.InvalidAssessment as invalid:
            for problem in invalid.problems:
                form.add_error(problem.key.removeprefix("answers."), problem.render(gettext))
    if version is None:
        version = services.current_version(operation=operation)
    saved_keys = [] if conflict or refused else [key for key in changes if key not in form.errors]
    outcome = {
        "conflict": conflict,
        "conflict_rows": _conflict_rows(conflict) if conflict else [],
        "refused": refused,
        "read_only": refused.reason if refused else None,
    }
    if request.htmx:
        return _autosave_response(request, operation, section, form, version, outcome, saved_keys)
    if conflict or refused or form.errors:
        context = _context(request, operation, section, form, version, **outcome)
        status = 409 if conflict or refused else 422
        return render(request, "assessments/checklist_section.html", context, status=status)
    return redirect("assessments:checklist_section", pk=operation.pk, section=section.key)


def _stale_entries(form, version):
    """Items the page shows differently from the saved version though the planner did not
    touch them: a colleague answered them meanwhile. They are refreshed on the page."""
    answers = version.content["answers"]
    touched = set(form.cleaned_data.get("changed", []))
    stale = [
        key
        for key in form.items
        if key not in touched
        and key not in form.errors
        and key in form.cleaned_data
        and _normal(form.answer(key)) != _normal(answers.get(key))
    ]
    if not stale:
        return []
    fresh_form = _unbound_form(form.section, version)
    return [entry for entry in _entries(fresh_form, version) if entry["item"].key in stale]


def _normal(value):
    return value if checklist.is_answered(value) else None


def _autosave_response(request, operation, section, form, version, outcome, saved_keys):
    """200 in every case: htmx swaps only 2xx answers, and a 4xx here would read to the
    script as a lost connection."""
    stale = [] if outcome["conflict"] else _stale_entries(form, version)
    context = _context(
        request,
        operation,
        section,
        form,
        version,
        oob=True,
        **outcome,
        saved_keys=saved_keys,
        stale_entries=stale,
        stale_keys={entry["item"].key for entry in stale},
    )
    return render(request, "assessments/_autosave_response.html", context)


@login_required
@require_GET
def verdict_panel(request, pk):
    operation = access.operation_for(request.user, pk)
    services.audit_operation_view(request=request, operation=operation, page="verdict")
    version = services.current_version(operation=operation)
    context = {
        "operation": operation,
        "verdict": version.verdict,
        "version": version,
        "rules_change": rules_change(operation, version),
    }
    return render(request, "assessments/_verdict.html", context)
