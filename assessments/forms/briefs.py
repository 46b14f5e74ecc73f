"""The verify page's upload form: a PDF of at most MAX_VERIFY_BYTES, or a clear answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_VERIFY_BYTES = 10 * 1024 * 1024


class VerifyForm(forms.Form):
    file_name = ""  # the uploaded file's name, for the result to say which file it is of

    file = forms.FileField(
        label=_("Brief (PDF, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={"required": _("Choose the PDF of a brief to verify.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.file_name = upload.name
        if upload.size > MAX_VERIFY_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB: no brief is that big."))
        data = upload.read()
        # The PDF header may follow a little junk, as PDF readers allow.
        if b"%PDF-" not in data[:1024]:
            raise forms.ValidationError(_("This is not a PDF file."))
        return data
