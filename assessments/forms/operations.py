"""Forms of the operation pages: the list's filters, the profile, and import.

The profile form speaks the contract: `profile()` gives its values as contract JSON
(blanks as null, dates as YYYY-MM-DD), which is what the services take. Values and
labels come from `checklist`, so the form offers exactly what validation accepts.
"""

import json

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from assessments import checklist, display
from assessments.models import Assessment, PartnerOrganisation

RESTRICTED_HELP = _("Restricted: never shared with partner organisations.")
MAX_IMPORT_BYTES = 1024 * 1024

# ?sort= values and the ordering each stands for; anything else is ignored.
SORTS = {
    "codename": "codename",
    "changed": "assessment__updated_at",
    "decision": "decision_rank",
    "classification": "classification_rank",
    "score": "assessment__score",
    "planned": "planned_date",
}
DEFAULT_SORT = "-changed"


def _label(key):
    # Lazily translated: the form's fields are built once, at import.
    return _(checklist.PROFILE_FIELDS[key].question)


def _value_choices(key, blank):
    return [("", blank), *display.choices(key, translate=_)]


def _verdict_choices(kind, blank):
    return [("", blank), *display.VERDICT_LABELS[kind].items()]


class OperationFilterForm(forms.Form):
    """The list's GET form. Invalid values are dropped, never an error page."""

    q = forms.CharField(label=_("Codename contains"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Assessment.Status.choices],
    )
    decision = forms.ChoiceField(
        label=_("Decision"), required=False, choices=_verdict_choices("decision", _("Any decision"))
    )
    classification = forms.ChoiceField(
        label=_("Classification"),
        required=False,
        choices=_verdict_choices("classification", _("Any classification")),
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[(f"{sign}{key}", key) for key in SORTS for sign in ("", "-")],
        widget=forms.HiddenInput,
    )

    def filters(self):
        """The valid filters as {name: value}; the invalid ones are left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class TaskForceChoice:
    """A task force select when the user may choose among several; with one, that one.

    The choices are the task forces the view passes (those where the user plans), so a
    posted id outside them is an invalid choice; `chosen_task_force` is the result.
    """

    chosen_task_force = None

    def offer_task_forces(self, task_forces):
        self._task_forces = {str(tf.pk): tf for tf in task_forces}
        if len(self._task_forces) == 1:
            self.chosen_task_force = next(iter(self._task_forces.values()))
        else:
            self.fields["task_force"] = forms.ChoiceField(
                label=_("Task force"),
                choices=[(pk, tf.name) for pk, tf in self._task_forces.items()],
            )

    def clean_task_force(self):
        self.chosen_task_force = self._task_forces[self.cleaned_data["task_force"]]
        return self.chosen_task_force


class LanguagesField(forms.CharField):
    """Comma-separated language names, cleaned into the contract's list."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def clean(self, value):
        text = super().clean(value)
        if not text.strip():
            return []
        entries = [entry.strip() for entry in text.split(",")]
        if not all(entries):
            raise forms.ValidationError(
                _("Separate the languages with commas, with a name between each two commas.")
            )
        for entry in entries:
            if len(entry) > checklist.MAX_LIST_ENTRY_LENGTH:
                raise forms.ValidationError(
                    _("“%(entry)s…” is longer than %(limit)d characters."),
                    params={"entry": entry[:20], "limit": checklist.MAX_LIST_ENTRY_LENGTH},
                )
        duplicates = sorted({entry for entry in entries if entries.count(entry) > 1})
        if duplicates:
            raise forms.ValidationError(
                _("Listed twice: %(entries)s."), params={"entries": ", ".join(duplicates)}
            )
        return entries


class OperationForm(TaskForceChoice, forms.Form):
    """The operation profile. `task_forces`: where the user may create (create only);
    `base_version`: the version the page shows (edit only)."""

    codename = forms.CharField(label=_label("codename"), max_length=100)
    site_type = forms.ChoiceField(
        label=_label("site_type"),
        required=False,
        choices=_value_choices("site_type", _("Not known")),
    )
    exploitation_type = forms.ChoiceField(
        label=_label("exploitation_type"),
        required=False,
        choices=_value_choices("exploitation_type", _("Not known")),
    )
    target_name = forms.CharField(
        label=_label("target_name"),
        required=False,
        max_length=checklist.MAX_TEXT_LENGTH,
        help_text=RESTRICTED_HELP,
    )
    target_address = forms.CharField(
        label=_label("target_address"),
        required=False,
        max_length=checklist.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=RESTRICTED_HELP,
    )
    planned_date = forms.DateField(
        label=_label("planned_date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    estimated_persons_on_site = forms.IntegerField(
        label=_label("estimated_persons_on_site"),
        required=False,
        min_value=0,
        max_value=checklist.MAX_INT,
    )
    estimated_potential_victims = forms.IntegerField(
        label=_label("estimated_potential_victims"),
        required=False,
        min_value=0,
        max_value=checklist.MAX_INT,
    )
    minors_suspected = forms.ChoiceField(
        label=_label("minors_suspected"),
        required=False,
        choices=_value_choices("minors_suspected", _("Not answered")),
    )
    expected_languages = LanguagesField(
        label=_label("expected_languages"),
        required=False,
        max_length=checklist.MAX_TEXT_LENGTH,
        help_text=_("Separate them with commas, for example: Khmer, Lao."),
    )
    # The contract names the organisation; the select offers the partners by id.
    receiving_organisation = forms.ModelChoiceField(
        label=_("Receiving organisation"),
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        empty_label=_("None named yet"),
        help_text=_(
            "The partner that receives the people found. The approval shares the NGO "
            "brief, and only that, with it; naming another one needs approving again."
        ),
    )
    suspect_roles = forms.MultipleChoiceField(
        label=_label("suspect_roles"),
        required=False,
        choices=_value_choices("suspect_roles", "")[1:],
        widget=forms.CheckboxSelectMultiple,
        help_text=RESTRICTED_HELP,
    )
    suspect_details = forms.CharField(
        label=_label("suspect_details"),
        required=False,
        max_length=checklist.MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=RESTRICTED_HELP,
    )

    RESTRICTED = checklist.RESTRICTED_PROFILE_FIELDS

    def __init__(self, *args, task_forces=None, base_version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = task_forces is not None  # creating, not editing
        if task_forces is not None:
            self.offer_task_forces(task_forces)
        if base_version is not None:
            stale = _("This page does not match a saved version: reload it and try again.")
            self.fields["base_version"] = forms.IntegerField(
                widget=forms.HiddenInput,
                min_value=1,
                max_value=base_version,
                error_messages={
                    code: stale for code in ("required", "invalid", "min_value", "max_value")
                },
            )

    def clean_planned_date(self):
        # A new operation is planned for a day to come; a stored one keeps its date.
        planned = self.cleaned_data.get("planned_date")
        if self.creating and planned and planned < timezone.localdate():
            raise forms.ValidationError(
                _("This day has passed: plan the operation for a day to come.")
            )
        return planned

    def restricted_fields(self):
        return [self[name] for name in self.RESTRICTED]

    def open_fields(self):
        skip = {*self.RESTRICTED, "task_force", "base_version"}
        return [self[name] for name in self.fields if name not in skip]

    def profile(self):
        """The cleaned values as a contract profile: blanks are null."""
        profile = {}
        for key in checklist.PROFILE_FIELDS:
            value = self.cleaned_data.get(key)
            if key == "planned_date" and value is not None:
                value = value.isoformat()
            elif key == "receiving_organisation" and value is not None:
                value = value.name
            elif isinstance(value, str):
                value = value.strip()
            profile[key] = None if value in ("", [], None) else value
        return profile

    def changed_profile(self, base):
        """What the user changed from `base`, the profile their page was showing."""
        return {
            key: value
            for key, value in self.profile().items()
            if value != (None if base.get(key) in ("", []) else base.get(key))
        }

    def add_problems(self, problems):
        """Put each checklist problem on the field it names (or on the form)."""
        for problem in problems:
            block, _dot, key = problem.key.partition(".")
            field = key if block == "operation" and key in self.fields else None
            self.add_error(field, problem.render(gettext))


def initial_from_profile(profile):
    """Form initial values from a contract profile (null -> blank)."""
    return {key: value for key, value in profile.items() if value is not None}


class ImportForm(TaskForceChoice, forms.Form):
    """A contract JSON file, or the same JSON pasted; where to create the operation; and,
    once the codename it names turns out taken, the codename to import it under.

    A file cannot be chosen again for the user once the page comes back: `keep_upload`
    puts what it held in the text field, so that nothing they gave is lost."""

    file = forms.FileField(
        label=_("Assessment file (.json, at most 1 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    text = forms.CharField(
        label=_("Or paste the JSON here"),
        required=False,
        max_length=MAX_IMPORT_BYTES,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    codename = forms.CharField(
        label=_("Import as a new operation named"),
        required=False,
        max_length=checklist.PROFILE_FIELDS["codename"].max_length,
        help_text=_("The file stays as it is; only the new operation takes this codename."),
    )

    def __init__(self, *args, task_forces, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_task_forces(task_forces)

    def keep_upload(self):
        """Move the uploaded file's text into the text field, for the page to show again."""
        text = self.cleaned_data.get("file")
        if not text or self.data.get("text", "").strip():  # what was pasted stays too
            return None
        self.data = self.data.copy()
        self.data["text"] = text
        return self.files["file"].name

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(".json"):
            raise forms.ValidationError(_("Choose a .json file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        text = cleaned.get("file") or cleaned.get("text")
        if cleaned.get("file") and cleaned.get("text", "").strip():
            raise forms.ValidationError(_("Upload a file or paste JSON, not both."))
        if not (text or "").strip():
            raise forms.ValidationError(_("Upload a file or paste the JSON."))
        try:
            cleaned["data"] = checklist.loads(text)
        except checklist.InvalidAssessment as invalid:  # a key given twice
            raise forms.ValidationError(
                [
                    f"{problem['place']}: {problem['message']} ({problem['key']})"
                    for problem in display.problems(invalid)
                ]
            ) from None
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)d, column %(column)d: %(reason)s)."),
                params={"line": error.lineno, "column": error.colno, "reason": error.msg},
            ) from None
        except (ValueError, RecursionError):
            # Valid JSON that Python will not read: thousands of nested brackets, or a
            # number of more digits than int() converts.
            raise forms.ValidationError(
                _("This JSON is nested too deeply or holds a number too long to read.")
            ) from None
        return cleaned
