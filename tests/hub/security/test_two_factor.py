"""Two-factor sign-in, driven with real TOTP codes computed here (RFC 6238) from the secret
the admin shows the editor, and with the recovery codes the admin shows once."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import re
import struct
import time

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
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
    return turn_on_with_codes(client)[0]


def turn_on_with_codes(client) -> tuple[str, list[str]]:
    """Set up two-factor sign-in; returns the secret and the recovery codes shown once."""
    page = client.get(reverse("hub_two_factor"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code
    secret = shown_secret(page)
    response = client.post(reverse("hub_two_factor"), {"action": "enable", "code": totp(secret)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("hub_two_factor_recovery_codes"))
    return secret, shown_codes(client.get(response["Location"]))


def shown_codes(response) -> list[str]:
    assert response.status_code == 200
    html = response.content.decode()
    listing = re.search(r'data-testid="recovery-codes">(.*?)</ul>', html, re.S)
    assert listing, "the page lists the new recovery codes"
    return re.findall(r"<code>([a-z2-7]+)</code>", listing.group(1))


def other_code(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def verify(client, code: str):
    return client.post(reverse("hub_two_factor_verify"), {"code": code})


@pytest.fixture(autouse=True)
def _no_code_backoff(settings):
    # django-otp waits 1 s, 2 s, 4 s... after wrong codes; tests that check the back-off
    # turn it on again.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


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


# Recovery codes


def test_turning_it_on_shows_ten_recovery_codes_once(client, editor):
    client.force_login(editor)
    secret, codes = turn_on_with_codes(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert sorted(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True)) == sorted(
        codes
    )
    # Shown once: a reload says how many are left, without the codes.
    again = client.get(reverse("hub_two_factor_recovery_codes"))
    assert again.status_code == 200
    html = again.content.decode()
    assert 'data-testid="recovery-codes"' not in html
    assert not any(code in html for code in codes)
    assert "You have 10 left" in html
    account = client.get(reverse("hub_two_factor")).content.decode()
    assert "You have 10 recovery codes left" in account
    assert "10 recovery codes left" in client.get(reverse("wagtailadmin_account")).content.decode()


def test_a_recovery_code_signs_in_once(client, editor):
    client.force_login(editor)
    _secret, codes = turn_on_with_codes(client)
    client.post(reverse("wagtailadmin_logout"))

    sign_in(client)
    # Typed in capitals with a space, as people copy them from paper.
    typed = f"{codes[0][:4].upper()} {codes[0][4:].upper()}"
    response = verify(client, typed)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert "You signed in with a recovery code; 9 are left" in home.content.decode()
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    client.post(reverse("wagtailadmin_logout"))

    sign_in(client)
    response = verify(client, codes[0])
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still not through
    assert verify(client, codes[1]).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_recovery_codes_belong_to_their_user(client, editor, other_editor):
    client.force_login(other_editor)
    _secret, their_codes = turn_on_with_codes(client)
    client.post(reverse("wagtailadmin_logout"))
    client.force_login(editor)
    turn_on_with_codes(client)
    client.post(reverse("wagtailadmin_logout"))

    sign_in(client)
    response = verify(client, their_codes[0])
    assert response.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    assert StaticToken.objects.filter(device__user=other_editor).count() == 10


def test_wrong_recovery_codes_slow_down_guessing(client, editor, settings):
    client.force_login(editor)
    _secret, codes = turn_on_with_codes(client)
    client.post(reverse("wagtailadmin_logout"))
    settings.OTP_STATIC_THROTTLE_FACTOR = 10
    sign_in(client)
    assert verify(client, "aaaaaaaa").status_code == 200
    response = verify(client, codes[0])
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    assert StaticToken.objects.filter(device__user=editor).count() == 10  # nothing used up


def test_new_recovery_codes_replace_the_old_ones(client, editor):
    client.force_login(editor)
    secret, old_codes = turn_on_with_codes(client)
    response = client.post(reverse("hub_two_factor"), {"action": "regenerate", "code": "123"})
    assert response.status_code == 200
    assert "recovery codes" in response.content.decode()  # the form's error names both kinds
    response = client.post(
        reverse("hub_two_factor"), {"action": "regenerate", "code": totp(secret, time.time() + 30)}
    )
    assert response.status_code == 302
    new_codes = shown_codes(client.get(response["Location"]))
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.post(reverse("wagtailadmin_logout"))

    sign_in(client)
    assert verify(client, old_codes[0]).status_code == 200
    assert verify(client, new_codes[0]).status_code == 302


def test_a_lost_phone_is_replaced_after_signing_in_with_a_recovery_code(client, editor):
    client.force_login(editor)
    old_secret, codes = turn_on_with_codes(client)
    client.post(reverse("wagtailadmin_logout"))

    sign_in(client)
    assert verify(client, codes[0]).status_code == 302
    response = client.post(reverse("hub_two_factor"), {"action": "replace", "code": codes[1]})
    assert response.status_code == 302
    assert response["Location"] == reverse("hub_two_factor")
    new_secret, new_codes = turn_on_with_codes(client)
    assert new_secret != old_secret
    assert not set(new_codes) & set(codes)
    client.post(reverse("wagtailadmin_logout"))

    sign_in(client)
    later = time.time() + 30
    assert verify(client, totp(old_secret, later)).status_code == 200  # the lost phone
    assert verify(client, codes[2]).status_code == 200  # the old codes
    assert verify(client, totp(new_secret, later)).status_code == 302


def test_replacing_the_phone_needs_a_right_code(client, editor):
    client.force_login(editor)
    secret, _codes = turn_on_with_codes(client)
    response = client.post(reverse("hub_two_factor"), {"action": "replace", "code": "zzzzzzzz"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_the_phone_can_be_replaced_where_two_factor_is_required(client, editor, settings):
    settings.HUB_2FA_REQUIRED = True
    client.force_login(editor)
    secret, codes = turn_on_with_codes(client)
    response = client.post(reverse("hub_two_factor"), {"action": "replace", "code": codes[0]})
    assert response.status_code == 302
    # Without a phone, every admin page leads to the set-up again.
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("hub_two_factor"))
    turn_on_with_codes(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_reset_two_factor_command_lets_a_locked_out_editor_in(client, editor):
    client.force_login(editor)
    turn_on_with_codes(client)
    client.post(reverse("wagtailadmin_logout"))
    sign_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # phone and codes lost
    client.post(reverse("wagtailadmin_logout"))

    out = io.StringIO()
    call_command("reset_two_factor", "redaktoer", stdout=out)
    assert "is reset" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    sign_in(client)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    out = io.StringIO()
    call_command("reset_two_factor", "redaktoer", stdout=out)
    assert "nothing to reset" in out.getvalue()


def test_reset_two_factor_command_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user is called 'ingen'"):
        call_command("reset_two_factor", "ingen")


def test_after_a_reset_a_required_set_up_starts_again(client, editor, settings):
    settings.HUB_2FA_REQUIRED = True
    client.force_login(editor)
    turn_on_with_codes(client)
    client.post(reverse("wagtailadmin_logout"))
    call_command("reset_two_factor", "redaktoer", stdout=io.StringIO())
    sign_in(client)
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("hub_two_factor") + "?")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/"])
def test_sign_in_ignores_a_next_elsewhere(client, editor, target):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "redaktoer", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_recovery_codes_page_ignores_a_next_elsewhere(client, editor):
    client.force_login(editor)
    turn_on_with_codes(client)
    page = client.get(reverse("hub_two_factor_recovery_codes") + "?next=https://evil.example/")
    assert "evil.example" not in page.content.decode()


def test_the_session_key_changes_when_the_code_is_given(client, editor):
    secret = base64.b32encode(bytes(range(20))).decode()
    TOTPDevice.objects.create(user=editor, name="authenticator", key=bytes(range(20)).hex(), confirmed=True)
    sign_in(client)
    half_signed_in = client.session.session_key
    assert verify(client, totp(secret)).status_code == 302
    assert client.session.session_key != half_signed_in
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
