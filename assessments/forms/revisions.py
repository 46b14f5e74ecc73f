"""Forms of the revision pages: an operation that did not take place."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.forms.fields import FreeTextField
from assessments.services import NotCarriedOut


class NotCarriedOutForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happens to the operation"),
        choices=NotCarriedOut.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to cancel it or to plan a new date.")},
    )
    reason = FreeTextField(
        label=_("Why it did not take place"),
        rows=3,
        error_messages={"required": _("Write why the operation did not take place.")},
        help_text=_("Shown to the task force only; never to the partner organisation."),
    )
