"""The e-mail service provider's tracking webhook, which reports bounces and complaints,
and the system check that the configured provider can work.

The provider itself is configured from the environment by the settings
(hub/settings/email_provider.py: ``ANYMAIL_ESP``, ``ANYMAIL_<ESP>_<NAME>``,
``ANYMAIL_WEBHOOK_SECRET``).

Only the configured provider's tracking webhook is mounted (``/anymail/<esp>/tracking/``,
by newsletter/webhook_urls.py), and only when a provider is configured: anymail's other
webhook views, unconfigured, either accept anyone's events (basic auth is optional to
them, only a warning) or fail with a 500 (a missing signing key), and a forged "bounced"
event would suppress a subscriber.
"""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection
from django.urls import include, path

from hub.settings.email_provider import email_backend

from .conf import setting


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
    esp = setting("ANYMAIL_ESP")
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
    esp = setting("ANYMAIL_ESP")
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
