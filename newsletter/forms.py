"""Public forms: signing up and asking for a fresh link to one's data."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from . import subscriptions


class EmailAddressField(forms.CharField):
    """An address checked by the same rules as every other way in (subscriptions.clean_email).

    Not stripped before checking, so a line break anywhere is refused, not trimmed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-mail address"))
        super().__init__(strip=False, max_length=320, **kwargs)
        self.widget.input_type = "email"
        self.widget.attrs.update({"autocomplete": "email", "inputmode": "email"})

    def clean(self, value):
        if isinstance(value, str) and subscriptions.CONTROL_CHARACTERS.search(value):
            subscriptions.clean_email(value)  # raises the line-break message before any other
        value = super().clean(value)
        return subscriptions.clean_email(value) if value else value


class SignupForm(forms.Form):
    email = EmailAddressField(error_messages={"required": _("Enter your e-mail address.")})
    # Honeypot: hidden from people and screen readers; bots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"), max_length=200)
    consent_version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    source = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def source_path(self) -> str:
        """The page the form was sent from: a path on this site, nothing else."""
        source = self.cleaned_data.get("source") or ""
        if not source.startswith("/") or source.startswith("//") or "\\" in source:
            return ""
        if subscriptions.CONTROL_CHARACTERS.search(source):
            return ""
        return source


class MyDataRequestForm(forms.Form):
    email = EmailAddressField(error_messages={"required": _("Enter your e-mail address.")})
