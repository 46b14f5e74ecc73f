"""Forms of the sign-in's second step, two-factor enrolment, passkeys and
re-authentication.

Where a code is asked for, a passkey may answer instead: its hidden field receives the
browser's answer from static/js/passkeys.js, and the code is then not required.
"""

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


class PasskeyAnswerInput(forms.HiddenInput):
    """Never rendered back: an answer is for one challenge, used up once sent."""

    def format_value(self, value):
        return None


def passkey_field():
    return forms.CharField(required=False, max_length=20_000, widget=PasskeyAnswerInput)


class SecondFactorMixin:
    """A code, or a passkey's answer: one of the two is required."""

    def clean(self):
        cleaned = super().clean()
        if "token" in self.fields and not cleaned.get("token") and not cleaned.get("passkey"):
            if "token" not in self.errors:
                self.add_error("token", self.fields["token"].error_messages["required"])
        return cleaned


class TokenForm(SecondFactorMixin, forms.Form):
    token = token_field(required=False)
    passkey = passkey_field()


class PasskeyNameForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=64,
        help_text=_("Say which device it is on, such as “work phone” or “blue security key”."),
    )


class PasskeyCreatedForm(forms.Form):
    credential = forms.CharField(max_length=20_000, widget=forms.HiddenInput)


class EnrolmentForm(forms.Form):
    """The first code of a new authenticator; and, where the user chooses to turn the
    second step on (`needs_password`), their password: a session left open must not let
    someone else lock its owner out with an authenticator of their own."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    token = token_field(recovery=False)

    def __init__(self, *args, needs_password, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_password:
            del self.fields["password"]


class ReauthenticationForm(SecondFactorMixin, forms.Form):
    """Password again, and a code (or a passkey) for a user with an authenticator
    (`needs_token`)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    token = token_field(required=False)
    passkey = passkey_field()

    def __init__(self, *args, needs_token, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_token:
            del self.fields["token"]
