"""Two-factor sign-in for editors: TOTP codes (django-otp) in Wagtail's admin.

An editor turns it on from their account (Account → Two-factor authentication): the
admin shows a secret as a QR code and as text, the editor's app shows a six-digit code,
and entering it saves a confirmed ``TOTPDevice``. From then on, after the password the
admin asks for the current code before anything else; until it is given, the session
counts as signed out everywhere else too (private pages and documents). With
``HUB_2FA_REQUIRED`` every admin user must set it up at their next sign-in.

Turning it on also gives ten recovery codes (django-otp's static tokens), shown once:
each works once instead of the app's code, so an editor without their phone can still
sign in and set up a new one. ``manage.py reset_two_factor USERNAME`` clears both for an
editor who has lost phone and codes.

Codes are checked by django-otp, which refuses a code already used and slows down
repeated wrong codes per device, whoever sends them (``OTP_TOTP_THROTTLE_FACTOR``,
``OTP_STATIC_THROTTLE_FACTOR``: 1, 2, 4, 8 ... seconds).
"""

from __future__ import annotations

import logging
import re
import time
from binascii import unhexlify
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .csp import is_admin_path

logger = logging.getLogger(__name__)

DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"
RECOVERY_CODE_COUNT = 10
# django-otp's static tokens: eight base32 characters (StaticToken.random_token).
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")
# URL names an editor whose second factor is still missing may reach.
ALWAYS_ALLOWED = {
    "hub_two_factor_verify",
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
ALLOWED_WITHOUT_DEVICE = {"hub_two_factor"}


def device_for(user) -> TOTPDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_enabled(user) -> bool:
    return device_for(user) is not None


def recovery_device_for(user) -> StaticDevice | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    device = recovery_device_for(user)
    return device.token_set.count() if device else 0


def normalise_code(code: str) -> str:
    """What was typed, without spaces or dashes and in lower case."""
    return re.sub(r"[\s-]", "", code or "").lower()


def code_kind(code: str) -> str | None:
    """``"totp"`` for six digits, ``"recovery"`` for a recovery code, else None."""
    code = normalise_code(code)
    if code.isdigit() and len(code) == 6:
        return "totp"
    if RECOVERY_CODE.fullmatch(code):
        return "recovery"
    return None


def can_access_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def required_for(user) -> bool:
    """Whether this user must give a code: they turned it on, or the site requires it."""
    return is_enabled(user) or (settings.HUB_2FA_REQUIRED and can_access_admin(user))


def new_secret() -> str:
    """A fresh 20-byte secret, hex-encoded as django-otp stores it."""
    return random_hex(20)


def provisioning_uri(user, secret: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=secret).config_url


def base32_secret(secret: str) -> str:
    """The secret as authenticator apps expect it typed: base32, in groups of four."""
    from base64 import b32encode

    text = b32encode(unhexlify(secret)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_code_svg(uri: str) -> str:
    return segno.make(uri, error="m").svg_inline(scale=4, border=2, title="QR")


def code_matches(secret: str, code: str, *, at: float | None = None) -> bool:
    """Whether a code fits a secret not yet saved (the set-up step); one step of drift."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = TOTP(unhexlify(secret))
    totp.time = time.time() if at is None else at
    return totp.verify(int(code), tolerance=1)


@transaction.atomic
def enable(user, secret: str) -> tuple[TOTPDevice, list[str]]:
    """Save the confirmed device (replacing any earlier one) and new recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice(user=user, name=DEVICE_NAME, key=secret, confirmed=True)
    # The code just given must not work a second time.
    device.last_t = TOTP(unhexlify(secret)).t()
    device.save()
    return device, new_recovery_codes(user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with fresh ones, returned once in plain text.

    The device itself is kept, so a session verified with a recovery code stays verified.
    """
    device = recovery_device_for(user)
    if device is None:
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    device.token_set.all().delete()
    device.throttle_reset()
    codes = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return sorted(codes)


@transaction.atomic
def disable(user) -> None:
    """Delete the authenticator and the recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _use_recovery_code(device: StaticDevice, code: str) -> bool:
    """django-otp's ``StaticDevice.verify_token``, but a code two requests race for is
    used by one of them only: whoever deletes the row wins."""
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return False
    match = device.token_set.filter(token=code).first()
    if match is not None and StaticToken.objects.filter(pk=match.pk).delete()[0]:
        device.throttle_reset(commit=False)
        device.set_last_used_timestamp(commit=False)
        device.save()
        return True
    device.throttle_increment()
    return False


def check_code(user, code: str) -> TOTPDevice | StaticDevice | None:
    """The device a code from this user is good for (a recovery code is used up), or None."""
    kind = code_kind(code)
    code = normalise_code(code)
    if kind == "totp":
        device = device_for(user)
        if device is not None and device.verify_token(code):
            return device
    elif kind == "recovery" and is_enabled(user):
        device = recovery_device_for(user)
        if device is not None and _use_recovery_code(device, code):
            return device
    if kind is not None:
        logger.warning("Wrong two-factor code for user %s", user.pk)
    return None


def verify(request, code: str) -> TOTPDevice | StaticDevice | None:
    """Check the signed-in user's code; on success the session is verified."""
    device = check_code(request.user, code)
    if device is not None:
        django_otp.login(request, device)
    return device


def throttled_seconds(user, code: str = "") -> int:
    """How long before another code of this kind may be tried (django-otp's back-off), or 0."""
    device = recovery_device_for(user) if code_kind(code) == "recovery" else device_for(user)
    if device is None:
        return 0
    allowed, details = device.verify_is_allowed()
    if allowed or not details:
        return 0
    locked_until = details.get("locked_until")
    if locked_until is None:
        return 0
    return max(1, int((locked_until - timezone.now()).total_seconds()))


def safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class AdminTwoFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: asks for the code before the admin.

    A signed-in user who needs a second factor and has not given it is sent to the code
    page from any admin path, and counts as anonymous on every other path, so private
    pages and documents stay closed to someone who only has the password.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified() and required_for(user):
            response = self._redirect_or_anonymise(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _redirect_or_anonymise(self, request, user):
        if not is_admin_path(request.path_info):
            request.user = AnonymousUser()
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        has_device = is_enabled(user)
        if url_name in ALWAYS_ALLOWED or (not has_device and url_name in ALLOWED_WITHOUT_DEVICE):
            return None
        target = "hub_two_factor_verify" if has_device else "hub_two_factor"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")
