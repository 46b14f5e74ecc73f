"""The after-action review: the planners write it (saved, read back, submitted), a
supervisor signs it off or returns it, and the page sets what the operation found beside
what the approved plan predicted. The rules live in services.reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from assessments import access, display, reauth, services
from assessments.forms.reviews import AfterActionReviewForm, ReviewDecisionForm
from assessments.models import AfterActionReview, Membership
from assessments.services import passkeys, two_factor

from .panels import rules_change

Status = AfterActionReview.Status
# Each harm in a whole sentence, singular and plural, so that each language orders it.
HARM_WORDS = {
    "potential_victims_detained": ngettext_lazy(
        "%(count)s potential victim detained", "%(count)s potential victims detained", "count"
    ),
    "potential_victims_charged": ngettext_lazy(
        "%(count)s potential victim charged", "%(count)s potential victims charged", "count"
    ),
    "potential_victims_deported": ngettext_lazy(
        "%(count)s potential victim deported", "%(count)s potential victims deported", "count"
    ),
}


def _shown(value, empty=None):
    if value is None:
        return empty if empty is not None else gettext("Not written yet")
    return value


def comparison(review, version):
    """Predicted (the approved version) beside actual (the review), row by row."""
    profile, answers = version.profile(), version.content["answers"]

    def planned(key, block=answers):
        return display.answer(key, block.get(key))

    rows = [
        (_("Persons on site"), planned("estimated_persons_on_site", profile), review.persons_found),
        (
            _("Victims expected, identified"),
            planned("estimated_potential_victims", profile),
            review.persons_identified_as_victims,
        ),
        (_("Minors"), planned("minors_suspected", profile), review.minors_identified),
        (
            _("Hours until a service provider met them"),
            planned("service_provider_access_hours"),
            _shown(review.hours_until_service_provider, gettext("No provider met them")),
        ),
        (
            _("Evidence to seize, seized"),
            planned("objective_seize"),
            display.answer("objective_seize", review.evidence_seized)
            if review.evidence_seized
            else gettext("Nothing seized"),
        ),
        (
            _("Prosecution"),
            planned("prosecution_plan"),
            display.answer("prosecution_plan", review.prosecution_opened),
        ),
    ]
    offered = answers.get("aftercare_services") or []
    services_rows = [
        {
            "label": label,
            "offered": value in offered,
            "accepted": review.services_accepted.get(value, 0),
        }
        for value, label in display.choices("aftercare_services")
    ]
    return {
        "rows": [
            {"label": label, "predicted": predicted, "actual": _shown(actual)}
            for label, predicted, actual in rows
        ],
        "services": services_rows,
        "harms": [HARM_WORDS[name] % {"count": count} for name, count in review.harms().items()],
    }


def _page(request, operation, review, form=None, decision=None, status=200):
    """The review page, for every reader; who may write, submit or sign off decides the
    forms it holds."""
    role = access.role_of(request.user, operation.task_force_id)
    editable = review is None or review.status in (Status.DRAFT, Status.RETURNED)
    approved = review.approved_version if review else services.approved_version(operation=operation)
    context = {
        "operation": operation,
        "review": review,
        "approved": approved,
        "form": form or AfterActionReviewForm(review=review),
        "writer": role in access.EDITOR_ROLES and editable,
        "signer": role == Membership.Role.SUPERVISOR
        and review
        and review.status == Status.SUBMITTED,
        "decision": decision
        or ReviewDecisionForm(needs_token=two_factor.totp_device_of(request.user) is not None),
        "passkey_options": passkeys.passkey_request_options(request=request),
        "comparison": comparison(review, approved) if review and approved else None,
        "rules_change": rules_change(operation, approved) if approved else None,
        "missing": [
            str(AfterActionReview._meta.get_field(name).verbose_name) for name in review.missing()
        ]
        if review
        else [],
    }
    return render(request, "assessments/after_action_review.html", context, status=status)


def _review_of(operation):
    return (
        AfterActionReview.objects.filter(operation=operation)
        .select_related(
            "approved_version__receiving_organisation", "saved_by", "submitted_by", "signed_off_by"
        )
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def after_action_review(request, pk):
    operation = access.operation_for(request.user, pk)
    review = _review_of(operation)
    if request.method == "GET":
        services.audit_operation_view(
            request=request, operation=operation, page="after-action review"
        )
        return _page(request, operation, review)
    operation = access.operation_for(request.user, pk, edit=True)
    form = AfterActionReviewForm(request.POST, review=review)
    if not form.is_valid():
        return _page(request, operation, review, form=form, status=422)
    try:
        services.after_action_review_save(
            operation=operation, user=request.user, values=form.values(), request=request
        )
        if request.POST.get("submit"):
            services.after_action_review_submit(
                operation=operation, user=request.user, request=request
            )
    except services.Refused as refusal:
        form.add_error(refusal.field, refusal.reason)
        return _page(request, operation, _review_of(operation), form=form, status=409)
    messages.success(
        request,
        gettext("Review submitted: a supervisor signs it off.")
        if request.POST.get("submit")
        else gettext("Review saved as a draft: submit it once it is complete."),
    )
    return redirect("assessments:after_action_review", pk=operation.pk)


@login_required
@require_POST
def after_action_review_decision(request, pk):
    """A supervisor signs the review off or returns it, re-authenticated like a decision."""
    operation = access.operation_to_decide(request.user, pk)
    review = _review_of(operation)
    decision = ReviewDecisionForm(
        request.POST, needs_token=two_factor.totp_device_of(request.user) is not None
    )
    if not decision.is_valid():
        return _page(request, operation, review, decision=decision, status=422)
    confirmed = reauth.reauthentication_check(
        request=request,
        password=decision.cleaned_data["password"],
        token=decision.cleaned_data.get("token", ""),
        passkey=decision.cleaned_data.get("passkey", ""),
        operation=operation,
        summary="re-authentication before signing off a review",
    )
    if not confirmed:
        decision.add_error(None, gettext("Your password or code is not right: nothing was done."))
        return _page(request, operation, review, decision=decision, status=422)
    try:
        if decision.cleaned_data["action"] == ReviewDecisionForm.SIGN_OFF:
            services.after_action_review_sign_off(
                operation=operation, user=request.user, request=request
            )
            done = gettext("Review signed off.")
        else:
            services.after_action_review_return(
                operation=operation,
                user=request.user,
                comments=decision.cleaned_data["comments"],
                request=request,
            )
            done = gettext("Review returned to the planners with your comments.")
    except services.Refused as refusal:
        decision.add_error(refusal.field, refusal.reason)
        return _page(request, operation, review, decision=decision, status=409)
    messages.success(request, done)
    return redirect("assessments:after_action_review", pk=operation.pk)
