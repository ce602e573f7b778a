"""An e-mail service provider (django-anymail) configured from the environment.

``ANYMAIL_ESP=postmark`` (or ``mailgun``, ``brevo``, ``sparkpost``, ...: any
``anymail.backends.<name>``) makes that provider's backend Django's ``EMAIL_BACKEND``;
every environment variable ``ANYMAIL_<ESP>_<NAME>`` becomes anymail's ``<ESP>_<NAME>``
setting (``ANYMAIL_POSTMARK_SERVER_TOKEN``, ``ANYMAIL_MAILGUN_API_KEY``,
``ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY``, ...), and ``ANYMAIL_WEBHOOK_SECRET``
(``user:password``) is the basic auth the provider must send to its tracking webhook
(mounted by the newsletter: newsletter/esp.py).

Read by the settings: nothing here may touch Django's settings or any app of the project.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

NOT_PROVIDERS = {"base", "base_requests", "console", "test"}


def anymail_settings(environ: Mapping[str, str]) -> tuple[str, dict[str, str]]:
    """(ANYMAIL_ESP, ANYMAIL) from the environment; ("", {}) when no provider is set."""
    esp = environ.get("ANYMAIL_ESP", "").strip().lower()
    if not esp:
        return "", {}
    if (
        esp in NOT_PROVIDERS
        or not esp.isidentifier()
        or importlib.util.find_spec(f"anymail.backends.{esp}") is None
    ):
        raise ImproperlyConfigured(
            f"ANYMAIL_ESP={esp!r} is not an e-mail service provider django-anymail supports."
        )
    secret = environ.get("ANYMAIL_WEBHOOK_SECRET", "").strip()
    if ":" not in secret:
        raise ImproperlyConfigured(
            "ANYMAIL_WEBHOOK_SECRET must be set to 'user:password' when ANYMAIL_ESP is set: "
            "the provider's tracking webhook can suppress subscribers, so it must not be open."
        )
    prefix = f"ANYMAIL_{esp.upper()}_"
    options = {
        name.removeprefix("ANYMAIL_"): value for name, value in environ.items() if name.startswith(prefix)
    }
    return esp, {**options, "WEBHOOK_SECRET": secret}


def email_backend(esp: str) -> str:
    return f"anymail.backends.{esp}.EmailBackend"
