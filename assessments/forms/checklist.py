"""The form for one section of the checklist, built from `checklist.SECTIONS`.

Field names are the item keys; cleaned values are contract values (None for not
answered). Autosave sends only what the planner changed: the hidden `changed` field
lists those keys, so that a save never writes back a value the page showed but a
colleague has since replaced.
"""

import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments import checklist

NOT_ANSWERED = _("Not answered")
BOOL_VALUES = {"true": True, "false": False}


def _coerce_bool(value):
    return BOOL_VALUES[value]


def _value_choices(item):
    """The item's values with their labels, from its record (translated on display)."""
    return [(value, gettext(label)) for value, label in item.labels.items()]


def _choice_field(item):
    return forms.TypedChoiceField(
        choices=[*_value_choices(item), ("", NOT_ANSWERED)],
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


def _bool_field(item):
    return forms.TypedChoiceField(
        choices=[("true", _("Yes")), ("false", _("No")), ("", NOT_ANSWERED)],
        coerce=_coerce_bool,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


def _multi_field(item):
    return forms.MultipleChoiceField(
        choices=_value_choices(item),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )


def _int_field(item):
    return forms.IntegerField(
        min_value=0,
        max_value=checklist.MAX_INT,
        widget=forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )


def _text_field(item):
    return forms.CharField(
        max_length=checklist.MAX_TEXT_LENGTH,
        empty_value=None,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )


def _date_field(item):
    return forms.DateField(widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}))


FIELD_FOR_TYPE = {
    checklist.CHOICE: _choice_field,
    checklist.BOOL: _bool_field,
    checklist.MULTI: _multi_field,
    checklist.INT: _int_field,
    checklist.TEXT: _text_field,
    checklist.DATE: _date_field,
}


def to_initial(item, value):
    """A contract value as the form shows it (the reverse of cleaning)."""
    if item.type == checklist.BOOL:
        return {True: "true", False: "false"}.get(value, "")
    if item.type == checklist.MULTI:
        return value or []
    return "" if value is None else value


def to_contract(item, value):
    """A cleaned field value as the contract stores it."""
    if item.type == checklist.DATE and isinstance(value, datetime.date):
        return value.isoformat()
    if item.type == checklist.TEXT and value is not None and not value.strip():
        return None
    if item.type == checklist.MULTI and not value:
        # No box ticked reads the same as never answered; storing [] over null would
        # make a new version out of nothing.
        return None
    return value


class ChecklistSectionForm(forms.Form):
    """One section's answers, plus the version they were typed over and what changed."""

    base_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # Rendered disabled and enabled by app.js: a browser without JavaScript never
    # sends it, and the view then treats every key of the section as changed.
    changed = forms.CharField(required=False, widget=forms.HiddenInput)
    keep_mine = forms.IntegerField(min_value=1, required=False)

    def __init__(self, section, *args, answers=None, readonly=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.items = {item.key: item for item in section.items}
        answers = answers or {}
        for item in section.items:
            field = FIELD_FOR_TYPE[item.type](item)
            field.required = False
            field.label = gettext(item.question)
            field.initial = to_initial(item, answers.get(item.key))
            field.disabled = readonly
            if not isinstance(field.widget, forms.widgets.ChoiceWidget):
                # The ids of the help and state blocks of templates/assessments/_item.html.
                field.widget.attrs["aria-describedby"] = f"help-{item.key} state-{item.key}"
            self.fields[item.key] = field
        self.fields["changed"].widget.attrs.update({"id": "changed", "disabled": True})
        self.fields["base_version"].widget.attrs["id"] = "base-version"

    def clean_changed(self):
        if "changed" not in self.data:
            return list(self.items)
        keys = [key.strip() for key in self.cleaned_data["changed"].split(",") if key.strip()]
        unknown = [key for key in keys if key not in self.items]
        if unknown:
            raise forms.ValidationError(
                _("Not questions of this section: %(keys)s"),
                params={"keys": ", ".join(unknown)},
            )
        return list(dict.fromkeys(keys))

    def clean(self):
        cleaned_data = super().clean()
        # "Keep mine" resubmits the same answers over the version that won the conflict.
        if cleaned_data.get("keep_mine"):
            cleaned_data["base_version"] = cleaned_data["keep_mine"]
        return cleaned_data

    def answer(self, key):
        return to_contract(self.items[key], self.cleaned_data[key])

    def changed_answers(self):
        """The answers the planner changed that are valid: {key: contract value}.

        Valid changes are saved even when another field has an error, so that one
        mistyped number never holds back the rest of the section.
        """
        return {
            key: self.answer(key)
            for key in self.cleaned_data.get("changed", [])
            if key in self.cleaned_data and key not in self.errors
        }

    def item_errors(self):
        """[(bound field, messages)] for the section's fields, in the section's order."""
        return [(self[key], self.errors[key]) for key in self.items if key in self.errors]

    def control_errors(self):
        """Errors of the hidden fields: a tampered or stale request, not a typing mistake."""
        controls = ("base_version", "changed", "keep_mine")
        return {key: self.errors[key] for key in controls if key in self.errors}
