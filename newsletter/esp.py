"""Sending through an e-mail service provider with django-anymail, configured from the
environment, and the provider's tracking webhook that reports bounces and complaints.

``ANYMAIL_ESP=postmark`` (or ``mailgun``, ``brevo``, ``sparkpost``, ...: any
``anymail.backends.<name>``) makes that provider's backend Django's ``EMAIL_BACKEND``;
every environment variable ``ANYMAIL_<ESP>_<NAME>`` becomes anymail's ``<ESP>_<NAME>``
setting (``ANYMAIL_POSTMARK_SERVER_TOKEN``, ``ANYMAIL_MAILGUN_API_KEY``,
``ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY``, ...), and ``ANYMAIL_WEBHOOK_SECRET``
(``user:password``) is the basic auth the provider must send to the webhook.

Only the configured provider's tracking webhook is mounted (``/anymail/<esp>/tracking/``),
and only when a provider is configured: anymail's other webhook views, unconfigured,
either accept anyone's events (basic auth is optional to them, only a warning) or fail
with a 500 (a missing signing key), and a forged "bounced" event would suppress a
subscriber.

This module is imported by the settings: nothing here may touch Django at import time.
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


def _tracking_pattern(esp: str):
    """anymail's URL pattern for ``esp``'s tracking webhook."""
    from anymail import urls as anymail_urls

    name = f"{esp}_tracking_webhook"
    found = [pattern for pattern in anymail_urls.urlpatterns if pattern.name == name]
    if not found:
        raise ImproperlyConfigured(f"django-anymail has no tracking webhook for ANYMAIL_ESP={esp!r}.")
    return found[0]


def tracking_urlpatterns() -> list:
    """The configured provider's tracking webhook under /anymail/, or nothing."""
    from django.conf import settings
    from django.urls import include, path

    esp = getattr(settings, "ANYMAIL_ESP", "")
    if not esp:
        return []
    pattern = _tracking_pattern(esp)
    view = strict_payload(pattern.callback.view_class)
    return [
        path(
            "anymail/", include(([path(str(pattern.pattern), view.as_view(), name=pattern.name)], "anymail"))
        )
    ]


def check_provider(app_configs=None, **kwargs) -> list:
    """System check: the configured provider's backend and tracking webhook can be built.

    anymail reads its keys only when a message is sent or a webhook arrives, so a missing
    ``ANYMAIL_MAILGUN_API_KEY`` or webhook signing key would otherwise surface as a failed
    send or a 500 to the provider; ``check`` (and ``migrate`` at deploy) names it instead.
    """
    from django.conf import settings
    from django.core import checks
    from django.core.mail import get_connection

    esp = getattr(settings, "ANYMAIL_ESP", "")
    if not esp:
        return []
    hint = f"Set it in the environment as ANYMAIL_{esp.upper()}_<NAME>."
    errors = []
    try:
        get_connection(email_backend(esp))
    except ImproperlyConfigured as error:
        errors.append(checks.Error(f"ANYMAIL_ESP={esp}: {error}", hint=hint, id="newsletter.E001"))
    try:
        _tracking_pattern(esp).callback.view_class()
    except ImproperlyConfigured as error:
        errors.append(
            checks.Error(f"ANYMAIL_ESP={esp} tracking webhook: {error}", hint=hint, id="newsletter.E002")
        )
    return errors


def strict_payload(view_class):
    """The provider's webhook view, answering a payload it cannot read with 400 instead of
    a 500 (anymail parses it unguarded); authentication still comes first."""
    from anymail.exceptions import AnymailWebhookValidationFailure

    class StrictPayload(view_class):
        def parse_events(self, request):
            try:
                return super().parse_events(request)
            except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
                raise AnymailWebhookValidationFailure(
                    f"Unreadable {self.esp_name} webhook payload"
                ) from error

    StrictPayload.__name__ = StrictPayload.__qualname__ = f"Strict{view_class.__name__}"
    return StrictPayload
