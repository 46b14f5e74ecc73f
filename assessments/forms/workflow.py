"""The form of the decision page: approve, return or reject an assessment.

The decision form carries the version and content hash the decider saw, so that the
service can refuse a decision on a version that has moved on since the page was shown,
and the password (and authenticator code) that re-authenticate the decider.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms.account import ReauthenticationForm
from assessments.forms.fields import FreeTextField


class DecisionForm(ReauthenticationForm):
    """The decision, with the password (and code) that re-authenticate the decider."""

    APPROVE, RETURN, REJECT = "approve", "return", "reject"

    version = forms.IntegerField(widget=forms.HiddenInput)
    content_hash = forms.CharField(max_length=64, widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (RETURN, _("Return")), (REJECT, _("Reject"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose approve, return or reject.")},
    )
    rationale = FreeTextField(
        label=_("Rationale, comments or reason"),
        required=False,
        help_text=_(
            "Approving: why the operation may go ahead as planned. Returning: what the "
            "planners must change. Rejecting: why it must not go ahead."
        ),
    )
    conditions = FreeTextField(
        label=_("Further conditions (approval only)"),
        required=False,
        rows=3,
        help_text=_("One per line, added to the verdict's conditions listed above."),
    )

    # The service's own words (services.workflow): it refuses the same, but only after
    # the password and code were checked, and the code used up.
    TEXT_REQUIRED = {
        APPROVE: _("Write the rationale of your approval."),
        RETURN: _("Write what the planners must change before it comes back."),
        REJECT: _("Write why the operation is rejected."),
    }

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action and not (cleaned.get("rationale") or "").strip():
            self.add_error("rationale", self.TEXT_REQUIRED[action])
        return cleaned

    def conditions_list(self):
        return [line for line in self.cleaned_data["conditions"].splitlines() if line.strip()]
