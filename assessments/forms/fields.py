"""The one field for free text a person writes outside the checklist: a decision's
rationale and conditions, comments, a reason, a review's lessons. Bounded like the
checklist's text, and refusing the same characters, never stripping them."""

from django import forms
from django.utils.translation import gettext

from assessments import checklist


def _refuse_characters(text):
    problem = checklist.text_problem(text or "")
    if problem is not None:
        raise forms.ValidationError(
            gettext("This text %(problem)s") % {"problem": problem.render(gettext)}
        )


class FreeTextField(forms.CharField):
    def __init__(self, *, rows=4, **kwargs):
        kwargs.setdefault("max_length", checklist.MAX_TEXT_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows}))
        super().__init__(**kwargs)
        self.validators.append(_refuse_characters)
