"""The audit trail's filters (a GET form): who, which operation, what kind, how it
ended, and between which dates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import AuditEvent

DATE_INVALID = _("Enter a date as YYYY-MM-DD, for example 2026-03-31.")


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_INVALID},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class AuditFilterForm(forms.Form):
    user = forms.CharField(label=_("User name contains"), max_length=150, required=False)
    operation = forms.CharField(
        label=_("Operation codename contains"), max_length=100, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *AuditEvent.Kind.choices]
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Any outcome")), *AuditEvent.Outcome.choices],
    )
    date_from = _date_field(_("From (date)"))
    date_to = _date_field(_("To (date, included)"))

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filters(self):
        """The valid filters as {name: value}; a field in error is left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
