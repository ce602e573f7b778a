"""Fixtures for the security tests: production's real settings, editors, admin sign-in."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

# Settings that decide the headers and cookies; read from hub.settings.production itself.
PRODUCTION_NAMES = [
    "CONTENT_SECURITY_POLICY",
    "HUB_ADMIN_CONTENT_SECURITY_POLICY",
    "HUB_PERMISSIONS_POLICY",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
]

DUMP = f"""
import json, django
from django.conf import settings
django.setup()
print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_NAMES!r}}}))
"""


def production_settings_dump(extra_env: dict | None = None) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        **(extra_env or {}),
    )
    out = subprocess.run(
        [sys.executable, "-c", DUMP],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    values = json.loads(out.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture(scope="session")
def production_values(tmp_path_factory) -> dict:
    """hub.settings.production's security settings, read in a separate process."""
    return production_settings_dump({"HUB_VAR_DIR": str(tmp_path_factory.mktemp("prodvar"))})


@pytest.fixture
def production_like(settings, production_values):
    """Apply production's security settings to this test's requests."""
    for name, value in production_values.items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def editor(db):
    """An editor with admin access and a known password."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("redaktoer", "redaktoer@example.org", "rigtig-kode-123")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def other_editor(db):
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("kollega", "kollega@example.org", "kollegas-kode-456")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture(autouse=True)
def _english_admin(client):
    """The admin follows the browser's language; these tests read its English wording
    (public pages carry their language in the URL and are unaffected)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
