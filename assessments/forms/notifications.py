"""Which kinds of notification a user also gets by e-mail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import Notification


class EmailPreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Send me an e-mail when"),
        choices=Notification.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every notification shows under the bell in the navigation whatever you choose "
            "here. E-mails carry the codename, what happened and a link: never the site, "
            "the suspects or anything the planners wrote."
        ),
    )
