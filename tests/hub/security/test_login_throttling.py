"""Admin sign-in is throttled per username and address, and per address across usernames
(django-axes, hub/security/throttling.py), through Wagtail's own login view."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

RIGHT = "rigtig-kode-123"


def sign_in(client, username: str, password: str, ip: str = "203.0.113.7", **headers):
    """A post to the admin's sign-in form from ``ip`` (and any proxy ``headers``)."""
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": reverse("wagtailadmin_home")},
        REMOTE_ADDR=ip,
        **headers,
    )


def test_wrong_passwords_lock_out_and_then_the_right_one_is_refused(client, editor, settings):
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        response = sign_in(client, "redaktoer", f"forkert-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with its error
        assert "_auth_user_id" not in client.session
    response = sign_in(client, "redaktoer", "forkert-sidste")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many sign-in attempts" in page
    assert "Try again in 15 minutes" in page

    response = sign_in(client, "redaktoer", RIGHT)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 302  # still signed out


def test_lockout_message_is_danish_for_danish_editors(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "redaktoer", "password": f"x{attempt}"},
            REMOTE_ADDR="203.0.113.7",
            HTTP_ACCEPT_LANGUAGE="da",
        )
    assert response.status_code == 429
    assert "For mange loginforsøg" in response.content.decode()


def test_others_are_not_affected(client, editor, other_editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "redaktoer", f"forkert-{attempt}")
    assert sign_in(client, "redaktoer", RIGHT).status_code == 429

    # Another editor from the same address signs in.
    response = sign_in(client, "kollega", "kollegas-kode-456")
    assert response.status_code == 302
    client.post(reverse("wagtailadmin_logout"))

    # The same editor from another address signs in too (username + address is the key).
    response = sign_in(client, "redaktoer", RIGHT, ip="198.51.100.20")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_failures_below_the_limit_are_forgotten_after_a_good_sign_in(client, editor, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "redaktoer", f"forkert-{attempt}")
    assert sign_in(client, "redaktoer", RIGHT).status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "redaktoer", f"igen-{attempt}").status_code == 200
    assert sign_in(client, "redaktoer", RIGHT).status_code == 302


def test_lockout_ends_after_the_cool_off(client, editor, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "redaktoer", f"forkert-{attempt}")
    assert sign_in(client, "redaktoer", RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert sign_in(client, "redaktoer", RIGHT).status_code == 302


def test_client_address_comes_from_the_configured_proxy_header(client, editor, settings):
    settings.NEWSLETTER_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "redaktoer", f"x{attempt}", ip="10.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    # Same proxy, another client: not locked out.
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": "redaktoer", "password": RIGHT},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_REAL_IP="203.0.113.10",
    )
    assert response.status_code == 302


# One address trying many usernames (password spraying)


def spray(client, count: int, ip: str = "203.0.113.50", start: int = 0) -> list[int]:
    """Wrong passwords for ``count`` different usernames, one each, from one address."""
    return [
        sign_in(client, f"bruger{n}", "Sommer2024!", ip=ip).status_code for n in range(start, start + count)
    ]


def test_many_usernames_from_one_address_lock_the_address(client, editor, settings):
    limit = settings.HUB_AXES_IP_FAILURE_LIMIT
    assert (
        limit > settings.AXES_FAILURE_LIMIT
    )  # an office behind one address is not locked out by a few typos
    statuses = spray(client, limit)
    assert statuses[:-1] == [200] * (limit - 1)  # each username failed once, far below its own limit
    assert statuses[-1] == 429
    response = sign_in(client, "redaktoer", RIGHT, ip="203.0.113.50")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in from your address is blocked" in page
    assert "Try again in 15 minutes" in page
    assert "_auth_user_id" not in client.session

    # The same editor from another address is not affected.
    response = sign_in(client, "redaktoer", RIGHT, ip="198.51.100.20")
    assert response.status_code == 302


def test_a_good_sign_in_does_not_wipe_the_address_count(client, editor, settings):
    limit = settings.HUB_AXES_IP_FAILURE_LIMIT
    assert spray(client, limit - 1) == [200] * (limit - 1)
    # The sprayer's own working account signs in from the same address ...
    assert sign_in(client, "redaktoer", RIGHT, ip="203.0.113.50").status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    # ... and the next wrong password still locks the address.
    assert spray(client, 1, start=limit) == [429]


def test_the_address_lock_ends_after_the_cool_off(client, editor, settings):
    from axes.models import AccessAttempt
    from django.utils import timezone

    spray(client, settings.HUB_AXES_IP_FAILURE_LIMIT)
    assert sign_in(client, "redaktoer", RIGHT, ip="203.0.113.50").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert sign_in(client, "redaktoer", RIGHT, ip="203.0.113.50").status_code == 302


def test_the_address_limit_can_be_turned_off(client, editor, settings):
    settings.HUB_AXES_IP_FAILURE_LIMIT = 0
    assert set(spray(client, 30)) == {200}
    assert sign_in(client, "redaktoer", RIGHT, ip="203.0.113.50").status_code == 302


def test_a_forged_forwarded_for_entry_does_not_change_the_address(client, editor, settings):
    """Behind a proxy that appends to X-Forwarded-For, the last entry is the one it saw."""
    settings.NEWSLETTER_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(
            client,
            "redaktoer",
            f"x{attempt}",
            ip="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.9",
        )
    response = sign_in(
        client, "redaktoer", RIGHT, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.9"
    )
    assert response.status_code == 429
