"""The newsletter's settings and their defaults: the one place the app reads them.

The project's settings (hub/settings/base.py) set each of them from the environment
variable of the same name, with these same defaults (README: the newsletter's tables and
*Configuration*); a setting the project leaves out takes its default here. Values are read
at each call, so ``override_settings`` and the test suite's ``settings`` fixture apply.
"""

from __future__ import annotations

from email.utils import parseaddr
from pathlib import Path
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Subscribers and their links (newsletter.subscriptions, newsletter.subscriber_links)
    "NEWSLETTER_FROM_EMAIL": "Landsbyklynger <nyhedsbrev@localhost>",
    "NEWSLETTER_BASE_URL": "",  # empty: WAGTAILADMIN_BASE_URL
    "NEWSLETTER_UNSUBSCRIBE_MAILTO": "",  # empty: the From address
    "NEWSLETTER_CONFIRM_MAX_AGE": 7 * 24 * 3600,
    "NEWSLETTER_DATA_LINK_MAX_AGE": 90 * 24 * 3600,
    "NEWSLETTER_SIGNUP_LIMIT": 5,
    "NEWSLETTER_SIGNUP_WINDOW": 600,
    "NEWSLETTER_RESEND_INTERVAL": 300,
    # Sending (newsletter.sending, newsletter.worker)
    "NEWSLETTER_RATE_PER_MINUTE": 600,  # 0: no limit
    "NEWSLETTER_BATCH_SIZE": 100,
    "NEWSLETTER_CLAIM_SIZE": 20,
    "NEWSLETTER_MAX_ATTEMPTS": 5,
    "NEWSLETTER_RETRY_DELAY": 60,
    "NEWSLETTER_CLAIM_TIMEOUT": 600,
    "NEWSLETTER_MESSAGE_ID_DOMAIN": "",  # empty: the From address's domain
    # An e-mail service provider (newsletter.esp); empty: Django's EMAIL_* settings
    "ANYMAIL_ESP": "",
    # The final archive (newsletter.archive)
    "ARCHIVE_EXPORT_DIR": Path("var") / "archive-exports",
    "ARCHIVE_RENDER_PROCESSES": 0,  # 0: one per core
}


def setting(name: str) -> Any:
    """The project's value of one of the settings above, else its default."""
    return getattr(settings, name, DEFAULTS[name])


def from_email() -> str:
    """The sender of every newsletter e-mail."""
    return setting("NEWSLETTER_FROM_EMAIL") or settings.DEFAULT_FROM_EMAIL


def base_url() -> str:
    """The start of every link in an e-mail, without its trailing slash."""
    return (setting("NEWSLETTER_BASE_URL") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def unsubscribe_address() -> str:
    """The address of the mailto: half of List-Unsubscribe."""
    return setting("NEWSLETTER_UNSUBSCRIBE_MAILTO") or parseaddr(from_email())[1]


def message_id_domain() -> str:
    """The domain of the Message-IDs the newsletter makes."""
    configured = setting("NEWSLETTER_MESSAGE_ID_DOMAIN")
    if configured:
        return configured
    return parseaddr(from_email())[1].rpartition("@")[2] or "localhost"


def export_dir() -> Path:
    """Where exports started from the admin are written."""
    return Path(setting("ARCHIVE_EXPORT_DIR"))
