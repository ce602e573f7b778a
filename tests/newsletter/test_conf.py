"""newsletter/conf.py's defaults are the ones the project's settings fall back to when the
environment says nothing (and so the ones the README's tables name)."""

from __future__ import annotations

import importlib.util
import os

import pytest

from newsletter import conf

NAMES_FROM_THE_ENVIRONMENT = ("NEWSLETTER_", "ANYMAIL_", "ARCHIVE_", "HUB_VAR_DIR")


def fresh_base_settings(monkeypatch):
    """hub/settings/base.py run anew in an environment without the newsletter's variables."""
    for name in list(os.environ):
        if name.startswith(NAMES_FROM_THE_ENVIRONMENT):
            monkeypatch.delenv(name)
    spec = importlib.util.find_spec("hub.settings.base")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_settings_fall_back_to_the_apps_defaults(monkeypatch):
    base = fresh_base_settings(monkeypatch)
    for name, default in conf.DEFAULTS.items():
        if name == "ARCHIVE_EXPORT_DIR":
            assert base.BASE_DIR / default == base.ARCHIVE_EXPORT_DIR, name
        else:
            assert getattr(base, name) == default, name


def test_a_setting_the_project_leaves_out_takes_its_default(settings):
    del settings.NEWSLETTER_CLAIM_TIMEOUT
    assert conf.setting("NEWSLETTER_CLAIM_TIMEOUT") == 600
    settings.NEWSLETTER_CLAIM_TIMEOUT = 5
    assert conf.setting("NEWSLETTER_CLAIM_TIMEOUT") == 5


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ({}, ("https://landsbyklynger.dk", "nyhedsbrev@landsbyklynger.dk", "landsbyklynger.dk")),
        (
            {
                "NEWSLETTER_BASE_URL": "https://nyhedsbrev.example.dk/",
                "NEWSLETTER_UNSUBSCRIBE_MAILTO": "afmeld@example.dk",
                "NEWSLETTER_MESSAGE_ID_DOMAIN": "mail.example.dk",
            },
            ("https://nyhedsbrev.example.dk", "afmeld@example.dk", "mail.example.dk"),
        ),
    ],
)
def test_defaults_that_follow_other_settings(settings, configured, expected):
    """Left empty, the links' base is the admin's, and the mailto: address and the
    Message-IDs' domain are the sender's."""
    settings.NEWSLETTER_FROM_EMAIL = "Landsbyklynger <nyhedsbrev@landsbyklynger.dk>"
    settings.WAGTAILADMIN_BASE_URL = "https://landsbyklynger.dk/"
    for name in ("NEWSLETTER_BASE_URL", "NEWSLETTER_UNSUBSCRIBE_MAILTO", "NEWSLETTER_MESSAGE_ID_DOMAIN"):
        setattr(settings, name, configured.get(name, ""))
    assert (conf.base_url(), conf.unsubscribe_address(), conf.message_id_domain()) == expected
