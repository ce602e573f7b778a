"""Forms of the two-factor pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import two_factor


class CodeForm(forms.Form):
    """The six digits of the authenticator app (setting it up)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_code(self) -> str:
        code = two_factor.normalise_code(self.cleaned_data["code"])
        if two_factor.code_kind(code) != "totp":
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows."))
        return code


class CodeOrRecoveryCodeForm(CodeForm):
    """The app's code, or one of the recovery codes (signing in, confirming a change)."""

    code = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "size": 10}),
    )

    def clean_code(self) -> str:
        code = two_factor.normalise_code(self.cleaned_data["code"])
        if two_factor.code_kind(code) is None:
            raise forms.ValidationError(
                _("Enter the six digits your authenticator app shows, or one of your recovery codes.")
            )
        return code
