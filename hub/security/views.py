"""The admin's two-factor pages: set up, replace or turn off (account), recovery codes,
and the code after sign-in."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import two_factor
from .forms import CodeForm, CodeOrRecoveryCodeForm

SESSION_SECRET = "hub_two_factor_secret"  # noqa: S105 - a session key name, not a secret
# New recovery codes wait here for the one page that shows them, which removes them.
SESSION_NEW_CODES = "hub_two_factor_new_codes"
# Changes to a working set-up, each confirmed with a current code.
CONFIRMED_ACTIONS = {"disable", "replace", "regenerate"}


def _show_new_codes(request, codes: list[str], next_url: str = ""):
    request.session[SESSION_NEW_CODES] = codes
    url = reverse("hub_two_factor_recovery_codes")
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


def _wrong_code_message(user, code: str) -> str:
    wait = two_factor.throttled_seconds(user, code)
    if wait:
        return _("Too many wrong codes. Wait %(seconds)s seconds and try again.") % {"seconds": wait}
    return _("That code is not right.")


def _header(title: str) -> dict:
    """The tab's title and the h1 of ``wagtailadmin/generic/base.html``."""
    return {"header_title": title, "page_title": title, "header_icon": "key"}


@never_cache
@sensitive_post_parameters("code")
def manage(request):
    """Account → Two-factor authentication: turn it on (QR code + first code), new
    recovery codes, a new phone, or off."""
    user = request.user
    enabled = two_factor.is_enabled(user)
    action = request.POST.get("action")
    form_class = CodeOrRecoveryCodeForm if enabled else CodeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if action == "enable" and not enabled:
            secret = request.session.get(SESSION_SECRET)
            if secret and two_factor.code_matches(secret, code):
                device, codes = two_factor.enable(user, secret)
                two_factor.django_otp.login(request, device)
                request.session.pop(SESSION_SECRET, None)
                messages.success(request, _("Two-factor authentication is on. Sign-in will ask for a code."))
                return _show_new_codes(request, codes, two_factor.safe_next(request, ""))
            form.add_error("code", _("That code does not match. Check the time on your phone and try again."))
        elif action in CONFIRMED_ACTIONS and enabled:
            if action == "disable" and settings.HUB_2FA_REQUIRED:
                form.add_error(None, _("Two-factor authentication is required on this site."))
            elif two_factor.verify(request, code):
                if action == "regenerate":
                    codes = two_factor.new_recovery_codes(user)
                    messages.success(request, _("New recovery codes are made; the old ones no longer work."))
                    return _show_new_codes(request, codes)
                two_factor.disable(user)
                if action == "replace":
                    messages.success(request, _("Your old phone no longer works. Set up the new one."))
                    return redirect("hub_two_factor")
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("wagtailadmin_account")
            else:
                form.add_error("code", _wrong_code_message(user, code))
    context = {"enabled": enabled, "form": form, "required": settings.HUB_2FA_REQUIRED}
    context.update(_header(_("Two-factor authentication")))
    if enabled:
        context["codes_left"] = two_factor.recovery_codes_left(user)
    else:
        secret = request.session.get(SESSION_SECRET) or two_factor.new_secret()
        request.session[SESSION_SECRET] = secret
        uri = two_factor.provisioning_uri(user, secret)
        context.update(
            qr_code=two_factor.qr_code_svg(uri),
            secret=two_factor.base32_secret(secret),
            next=request.GET.get("next", ""),
        )
    return TemplateResponse(request, "security/two_factor.html", context)


@never_cache
def recovery_codes(request):
    """New recovery codes, shown this once (a reload shows how many are left instead)."""
    codes = request.session.pop(SESSION_NEW_CODES, None)
    context = {
        "codes": codes,
        "codes_left": two_factor.recovery_codes_left(request.user),
        "next": two_factor.safe_next(request, reverse("wagtailadmin_account")),
        **_header(_("Recovery codes")),
    }
    return TemplateResponse(request, "security/recovery_codes.html", context)


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The code page after the password: the app's code or a recovery code."""
    user = request.user
    next_url = two_factor.safe_next(request, reverse("wagtailadmin_home"))
    if not two_factor.is_enabled(user) or user.is_verified():
        return redirect(next_url)
    form = CodeOrRecoveryCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        wait = two_factor.throttled_seconds(user, code)
        if wait:
            form.add_error(
                "code",
                _("Too many wrong codes. Wait %(seconds)s seconds and try again.") % {"seconds": wait},
            )
        elif two_factor.verify(request, code):
            # A new session key for the fully signed-in session: one learnt between the
            # password and the code is worth nothing.
            request.session.cycle_key()
            if two_factor.code_kind(code) == "recovery":
                left = two_factor.recovery_codes_left(user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(count)s is left. Lost your phone? "
                        "Set up the new one under Account → Two-factor authentication.",
                        "You signed in with a recovery code; %(count)s are left. Lost your phone? "
                        "Set up the new one under Account → Two-factor authentication.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        else:
            form.add_error("code", _("That code is not right. Enter the code your app shows now."))
    return TemplateResponse(request, "security/two_factor_verify.html", {"form": form, "next": next_url})
