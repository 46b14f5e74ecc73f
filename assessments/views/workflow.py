"""The workflow's pages: submit, decide (approve, return, reject), the after-action
review, and what waits for me. The rules live in services.workflow; these pages show
its refusals in words."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe

from assessments import access, display, reauth, services
from assessments.forms.workflow import DecisionForm
from assessments.services import passkeys, two_factor
from assessments.waiting import (
    operations_awaiting_sign_off,
    operations_due_for_review,
    operations_returned_to,
    operations_to_approve,
)

from .panels import approval_step, panel_context, plan_sections, rules_change


def _refused(request, operation, refusal):
    messages.error(request, refusal.reason)
    return redirect("assessments:operation_detail", pk=operation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_submit(request, pk):
    """Submitting is a step: the page sums up what the approvers will see (verdict,
    unanswered items, open findings) and the planner confirms."""
    operation = access.operation_for(request.user, pk, edit=True)
    if request.method == "POST":
        try:
            services.assessment_submit(operation=operation, user=request.user, request=request)
        except services.Refused as refusal:
            return _refused(request, operation, refusal)
        messages.success(request, gettext("Submitted for approval: the approvers are told."))
        return redirect("assessments:operation_detail", pk=operation.pk)
    services.audit_operation_view(request=request, operation=operation, page="submission page")
    version = services.current_version(operation=operation)
    verdict = version.verdict
    context = {
        "operation": operation,
        "version": version,
        "verdict": verdict,
        "refusal": services.submission_refusal(operation.assessment),
        "missing": [display.question(key) for key in verdict["missing"]],
        "open_findings": [
            finding for finding in verdict["findings"] if finding["severity"] in ("gate", "major")
        ],
    }
    return render(request, "assessments/submit.html", context)


def _decide(request, operation, form):
    """Carry out the decision of a valid form; raises services.Refused."""
    data = form.cleaned_data
    seen = {"version": data["version"], "content_hash": data["content_hash"]}
    common = {"operation": operation, "user": request.user, "request": request, **seen}
    action = data["action"]
    if action == DecisionForm.APPROVE:
        services.assessment_approve(
            **common, rationale=data["rationale"], conditions=form.conditions_list()
        )
        operation.assessment.refresh_from_db()
        step = approval_step(operation)
        if step:
            return gettext("Your approval is recorded. %(step)s") % {"step": step}
        return gettext("Approved: the briefs are being signed.")
    if action == DecisionForm.RETURN:
        services.assessment_return(**common, comments=data["rationale"])
        return gettext("Returned to the planners with your comments.")
    services.assessment_reject(**common, reason=data["rationale"])
    return gettext("Rejected.")


@login_required
@require_http_methods(["GET", "POST"])
def assessment_decision(request, pk):
    operation = access.operation_to_decide(request.user, pk)
    if request.method == "GET":
        services.audit_operation_view(request=request, operation=operation, page="decision page")
    # No decision on old rules: a verdict of older rules is scored again before anyone
    # reads it here. A decision posted from a page that showed the old one is not taken.
    rescored = services.assessment_rescore(
        operation=operation, user=request.user, request=request, where="decision page"
    )
    version = services.current_version(operation=operation)
    form = DecisionForm(
        None if rescored else request.POST or None,
        initial={"version": version.number, "content_hash": version.content_hash},
        needs_token=two_factor.totp_device_of(request.user) is not None,
    )
    if form.is_bound and form.is_valid():
        if not reauth.reauthentication_check(
            request=request,
            password=form.cleaned_data["password"],
            token=form.cleaned_data.get("token", ""),
            passkey=form.cleaned_data.get("passkey", ""),
            operation=operation,
        ):
            form.add_error(
                None, gettext("Your password or code is not right: nothing was decided.")
            )
        else:
            try:
                done = _decide(request, operation, form)
            except services.Refused as refusal:
                form.add_error(refusal.field, refusal.reason)
            else:
                messages.success(request, done)
                return redirect("assessments:operation_detail", pk=operation.pk)
    context = {
        "operation": operation,
        "version": version,
        "rescored": rescored,
        "scored_before": _scored_before(operation, rescored),
        "rules_change": rules_change(operation, version),
        "form": form,
        "sections": plan_sections(version),
        "can_approve": version.verdict["decision"] != "no_go"
        and operations_to_approve(request.user).filter(pk=operation.pk).exists(),
        "passkey_options": passkeys.passkey_request_options(request=request),
        **panel_context(request.user, operation),
    }
    return render(request, "assessments/decision.html", context)


def _scored_before(operation, rescored):
    """The version a rescoring scored again (for its verdict under the old rules)."""
    if rescored is None:
        return None
    return operation.assessment.versions.get(number=rescored.number - 1)


@login_required
@require_safe
def waiting(request):
    today = datetime.date.today()
    context = {
        "to_approve": operations_to_approve(request.user),
        "returned": operations_returned_to(request.user),
        "due_for_review": operations_due_for_review(request.user, today),
        "awaiting_sign_off": operations_awaiting_sign_off(request.user),
    }
    return render(request, "assessments/waiting.html", context)
