"""Two-factor sign-in, driven with real TOTP codes computed here (RFC 6238) from the secret
the admin shows the editor."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "rigtig-kode-123"


def totp(base32_secret: str, at: float | None = None, step: int = 30) -> str:
    """RFC 6238 TOTP, SHA-1, six digits: what an authenticator app computes."""
    key = base64.b32decode(base32_secret.replace(" ", ""))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def shown_secret(response) -> str:
    match = re.search(r'data-testid="two-factor-secret">([A-Z2-7 ]+)<', response.content.decode())
    assert match, "the set-up page shows the key as text"
    return match.group(1)


def sign_in(client, username="redaktoer", password=PASSWORD):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": reverse("wagtailadmin_explore_root")},
    )


def turn_on(client) -> str:
    """Set up two-factor sign-in through the account page; returns the base32 secret."""
    page = client.get(reverse("hub_two_factor"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code
    secret = shown_secret(page)
    response = client.post(reverse("hub_two_factor"), {"action": "enable", "code": totp(secret)})
    assert response.status_code == 302
    return secret


@pytest.fixture(autouse=True)
def _no_code_backoff(settings):
    # django-otp waits 1 s, 2 s, 4 s... after wrong codes; tests that check the back-off
    # turn it on again.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_without_two_factor_the_password_is_enough(client, editor):
    assert sign_in(client).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_account_page_links_to_two_factor(client, editor):
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert reverse("hub_two_factor") in page
    assert "Two-factor authentication" in page


def test_editor_turns_it_on_with_a_real_code(client, editor):
    client.force_login(editor)
    page = client.get(reverse("hub_two_factor"))
    secret = shown_secret(page)
    assert "otpauth://" not in page.content.decode()  # only inside the QR code

    wrong = f"{(int(totp(secret)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("hub_two_factor"), {"action": "enable", "code": wrong})
    assert response.status_code == 200
    assert "That code does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert shown_secret(response) == secret  # the same key until it is confirmed

    response = client.post(reverse("hub_two_factor"), {"action": "enable", "code": totp(secret)})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=editor)
    assert device.confirmed
    # The session that turned it on stays usable.
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_after_that_sign_in_asks_for_the_code(client, editor):
    client.force_login(editor)
    secret = turn_on(client)
    client.post(reverse("wagtailadmin_logout"))

    response = sign_in(client)
    assert response.status_code == 302
    # Every admin page leads to the code page until the code is given.
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    verify_url = response["Location"]
    assert verify_url.startswith(reverse("hub_two_factor_verify"))
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(reverse("hub_two_factor_verify"))
    assert client.get(reverse("hub_two_factor")).status_code == 302  # cannot turn it off either

    response = client.post(verify_url, {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    response = client.post(verify_url, {"code": "12ab"})
    assert "six digits" in response.content.decode()

    # The next step's code (the current one was used to turn it on and cannot be reused).
    response = client.post(verify_url, {"code": totp(secret, time.time() + 30)})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore_root")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_a_code_works_only_once(client, editor):
    secret = base64.b32encode(bytes(range(20))).decode()
    TOTPDevice.objects.create(user=editor, name="authenticator", key=bytes(range(20)).hex(), confirmed=True)
    code = totp(secret)
    sign_in(client)
    assert client.post(reverse("hub_two_factor_verify"), {"code": code}).status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    sign_in(client)
    response = client.post(reverse("hub_two_factor_verify"), {"code": code})
    assert response.status_code == 200  # replayed
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_wrong_codes_slow_down_guessing(client, editor, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 10
    secret = base64.b32encode(bytes(range(20))).decode()
    TOTPDevice.objects.create(user=editor, name="authenticator", key=bytes(range(20)).hex(), confirmed=True)
    sign_in(client)
    wrong = f"{(int(totp(secret)) + 7) % 1_000_000:06d}"
    client.post(reverse("hub_two_factor_verify"), {"code": wrong})
    response = client.post(reverse("hub_two_factor_verify"), {"code": totp(secret)})
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_password_alone_opens_no_private_page(client, editor, home):
    from wagtail.models import PageViewRestriction

    from tests import factories as f

    TOTPDevice.objects.create(user=editor, name="authenticator", key=bytes(range(20)).hex(), confirmed=True)
    about = f.StandardPageFactory(parent=home, title="Intern side", slug="intern")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    sign_in(client)
    response = client.get(about.url)
    assert response.status_code == 302  # to the login page: the half-signed-in user is anonymous here
    assert "login" in response["Location"]
    client.post(reverse("hub_two_factor_verify"), {"code": totp(base64.b32encode(bytes(range(20))).decode())})
    assert client.get(about.url).status_code == 200


def test_turning_it_off_needs_a_code(client, editor):
    secret = base64.b32encode(bytes(range(20))).decode()
    device = TOTPDevice.objects.create(
        user=editor, name="authenticator", key=bytes(range(20)).hex(), confirmed=True
    )
    sign_in(client)
    client.post(reverse("hub_two_factor_verify"), {"code": totp(secret)})
    response = client.post(reverse("hub_two_factor"), {"action": "disable", "code": "999999"})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
    response = client.post(
        reverse("hub_two_factor"), {"action": "disable", "code": totp(secret, time.time() + 30)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_site_can_require_it_for_everyone(client, editor, other_editor, settings):
    settings.HUB_2FA_REQUIRED = True
    sign_in(client)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("hub_two_factor"))
    page = client.get(response["Location"])
    assert "requires two-factor authentication" in page.content.decode()
    secret = shown_secret(page)
    client.post(reverse("hub_two_factor"), {"action": "enable", "code": totp(secret)})
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    # It cannot be turned off while the site requires it.
    response = client.post(
        reverse("hub_two_factor"), {"action": "disable", "code": totp(secret, time.time() + 30)}
    )
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_unsafe_next_is_ignored(client, editor):
    secret = base64.b32encode(bytes(range(20))).decode()
    TOTPDevice.objects.create(user=editor, name="authenticator", key=bytes(range(20)).hex(), confirmed=True)
    sign_in(client)
    response = client.post(
        reverse("hub_two_factor_verify") + "?next=https://evil.example/", {"code": totp(secret)}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
