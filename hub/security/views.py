"""The admin's two-factor pages: set up or turn off (account), and the code after sign-in."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import two_factor
from .forms import CodeForm

SESSION_SECRET = "hub_two_factor_secret"


@never_cache
@sensitive_post_parameters("code")
def manage(request):
    """Account → Two-factor authentication: turn it on (QR code + first code) or off."""
    user = request.user
    enabled = two_factor.is_enabled(user)
    form = CodeForm(request.POST or None)
    action = request.POST.get("action")
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if action == "enable" and not enabled:
            secret = request.session.get(SESSION_SECRET)
            if secret and two_factor.code_matches(secret, code):
                device = two_factor.enable(user, secret)
                two_factor.django_otp.login(request, device)
                request.session.pop(SESSION_SECRET, None)
                messages.success(request, _("Two-factor authentication is on. Sign-in will ask for a code."))
                return redirect(two_factor.safe_next(request, reverse("wagtailadmin_account")))
            form.add_error("code", _("That code does not match. Check the time on your phone and try again."))
        elif action == "disable" and enabled:
            if settings.HUB_2FA_REQUIRED:
                form.add_error(None, _("Two-factor authentication is required on this site."))
            elif two_factor.verify(request, code):
                two_factor.disable(user)
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("wagtailadmin_account")
            else:
                form.add_error("code", _("That code is not right."))
    context = {"enabled": enabled, "form": form, "required": settings.HUB_2FA_REQUIRED}
    if not enabled:
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
@sensitive_post_parameters("code")
def verify(request):
    """The code page after the password."""
    user = request.user
    next_url = two_factor.safe_next(request, reverse("wagtailadmin_home"))
    if not two_factor.is_enabled(user) or user.is_verified():
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = two_factor.throttled_seconds(user)
        if wait:
            form.add_error(
                "code",
                _("Too many wrong codes. Wait %(seconds)s seconds and try again.") % {"seconds": wait},
            )
        elif two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(next_url)
        else:
            form.add_error("code", _("That code is not right. Enter the code your app shows now."))
    return TemplateResponse(request, "security/two_factor_verify.html", {"form": form, "next": next_url})
