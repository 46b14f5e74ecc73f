"""Forms of the after-action review: what the operation found, and a supervisor's
sign-off (or return), which re-authenticates them like a decision."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments import checklist
from assessments.forms.account import ReauthenticationForm
from assessments.forms.fields import FreeTextField

PERSON_FIELDS = (
    "persons_identified_as_victims",
    "minors_identified",
    "potential_victims_detained",
    "potential_victims_charged",
    "potential_victims_deported",
)


def _count(label, *, help_text=""):
    # Not required while a draft: the service asks for the counts when it is submitted.
    return forms.IntegerField(
        label=label, min_value=0, max_value=checklist.MAX_INT, required=False, help_text=help_text
    )


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
        choices=[("yes", _("Yes")), ("no", _("No")), ("", _("Not known yet"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    lessons = FreeTextField(
        label=_("Lessons"),
        required=False,
        rows=5,
        help_text=_("What worked, what did not, what to do differently next time."),
    )

    def __init__(self, data=None, *, review=None, **kwargs):
        # What was saved, read back (a bound form shows what was posted instead).
        if review is not None and data is None:
            kwargs["initial"] = self.initial_from(review)
        super().__init__(data, **kwargs)
        # One count per aftercare service of the checklist, after the person counts.
        for value, label in checklist.choices_for("aftercare_services"):
            self.fields[f"service_{value}"] = _count(
                _("Accepted: %(service)s") % {"service": gettext(label)},
                help_text=_("Persons who accepted it; empty for none."),
            )

    @staticmethod
    def initial_from(review):
        initial = {
            name: getattr(review, name)
            for name in AfterActionReviewForm.base_fields
            if name != "prosecution_opened"
        }
        initial["prosecution_opened"] = {True: "yes", False: "no", None: ""}[
            review.prosecution_opened
        ]
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


class ReviewDecisionForm(ReauthenticationForm):
    """Sign the review off, or return it with comments; checked before the password and
    code, so that a missing comment does not use the code up."""

    SIGN_OFF, RETURN = "sign_off", "return"

    action = forms.ChoiceField(
        choices=[(SIGN_OFF, _("Sign off")), (RETURN, _("Return"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose to sign it off or to return it.")},
    )
    comments = FreeTextField(
        label=_("Comments (to return it)"),
        required=False,
        rows=3,
        help_text=_("What the planners must add or correct."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.RETURN and not (cleaned.get("comments") or "").strip():
            self.add_error("comments", _("Write what the planners must add or correct."))
        return cleaned
