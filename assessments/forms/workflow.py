"""Forms of the workflow pages: the decision on an assessment and the after-action review.

The decision form carries the version and content hash the decider saw, so that the
service can refuse a decision on a version that has moved on since the page was shown,
and the password (and authenticator code) that re-authenticate the decider.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments import checklist
from assessments.forms.account import ReauthenticationForm

PERSON_FIELDS = (
    "persons_identified_as_victims",
    "minors_identified",
    "potential_victims_detained",
    "potential_victims_charged",
    "potential_victims_deported",
)


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
    rationale = forms.CharField(
        label=_("Rationale, comments or reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Approving: why the operation may go ahead as planned. Returning: what the "
            "planners must change. Rejecting: why it must not go ahead."
        ),
    )
    conditions = forms.CharField(
        label=_("Further conditions (approval only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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


def _count(label, *, required=True, help_text=""):
    return forms.IntegerField(label=label, min_value=0, required=required, help_text=help_text)


class AfterActionReviewForm(forms.Form):
    """The review's fields; `values()` gives them as the service stores them."""

    persons_found = _count(_("Persons found"))
    persons_identified_as_victims = _count(_("Persons identified as victims"))
    minors_identified = _count(_("Minors among the persons found"))
    suspects_arrested = _count(_("Persons arrested (suspects)"))
    potential_victims_detained = _count(_("Potential victims detained"))
    potential_victims_charged = _count(_("Potential victims charged"))
    potential_victims_deported = _count(_("Potential victims deported"))
    hours_until_service_provider = _count(
        _("Hours until a service provider met them"),
        required=False,
        help_text=_("Leave empty if no service provider met them."),
    )
    evidence_seized = forms.MultipleChoiceField(
        label=_("Evidence seized"),
        required=False,
        choices=[(value, _(label)) for value, label in checklist.choices_for("objective_seize")],
        widget=forms.CheckboxSelectMultiple,
    )
    prosecution_opened = forms.TypedChoiceField(
        label=_("Prosecution opened"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    lessons = forms.CharField(
        label=_("Lessons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What worked, what did not, what to do differently next time."),
    )

    def __init__(self, *args, review=None, **kwargs):
        if review is not None and "data" not in kwargs and not args:
            kwargs["initial"] = self.initial_from(review)
        super().__init__(*args, **kwargs)
        # One count per aftercare service of the checklist, after the person counts.
        for value, label in checklist.choices_for("aftercare_services"):
            self.fields[f"service_{value}"] = _count(
                _("Accepted: %(service)s") % {"service": gettext(label)},
                required=False,
                help_text=_("Persons who accepted it; empty for none."),
            )

    @staticmethod
    def initial_from(review):
        initial = {
            name: getattr(review, name)
            for name in AfterActionReviewForm.base_fields
            if name != "prosecution_opened"
        }
        initial["prosecution_opened"] = "yes" if review.prosecution_opened else "no"
        for service, count in review.services_accepted.items():
            initial[f"service_{service}"] = count
        return initial

    def service_fields(self):
        return [field for field in self if field.name.startswith("service_")]

    def main_fields(self):
        return [field for field in self if not field.name.startswith("service_")]

    def clean(self):
        cleaned = super().clean()
        found = cleaned.get("persons_found")
        if found is None:
            return cleaned
        over = [name for name in PERSON_FIELDS if (cleaned.get(name) or 0) > found]
        over += [
            field.name for field in self.service_fields() if (cleaned.get(field.name) or 0) > found
        ]
        for name in over:
            self.add_error(
                name,
                gettext("This cannot be more than the persons found (%(found)d).")
                % {"found": found},
            )
        return cleaned

    def values(self):
        data = self.cleaned_data
        values = {name: data[name] for name in self.base_fields}
        values["services_accepted"] = {
            value: data[f"service_{value}"] or 0
            for value, _label in checklist.choices_for("aftercare_services")
        }
        return values
