"""Forms of the sign-in's second step, two-factor enrolment and re-authentication."""

from django import forms
from django.utils.translation import gettext_lazy as _


def token_field(*, required=True, recovery=True):
    """A one-time code: six digits from the app, or (with `recovery`) a recovery code."""
    help_text = (
        _("The six digits your authenticator app shows now, or one of your recovery codes.")
        if recovery
        else _("The six digits your authenticator app shows now.")
    )
    return forms.CharField(
        label=_("Code from your authenticator app"),
        required=required,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class TokenForm(forms.Form):
    token = token_field()


class EnrolmentForm(forms.Form):
    token = token_field(recovery=False)


class ReauthenticationForm(forms.Form):
    """Password again, and a code for a user with an authenticator (`needs_token`)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    token = token_field()

    def __init__(self, *args, needs_token, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_token:
            del self.fields["token"]
