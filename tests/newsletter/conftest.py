"""Fixtures for the newsletter tests: a real SMTP server on loopback, and an edition.

``smtp_server`` starts one (``tests/newsletter/smtp_server.py``) on a free port of
127.0.0.1 and points Django's SMTP backend at it, so sign-up e-mails and editions alike
arrive there: ``smtp_server.messages`` holds every message received, parsed, with
``.envelope_to``; ``smtp_server.refuse[address]`` makes it refuse on cue. The sending
pipeline runs at full speed against it: no rate limit, no retry delay, batches of 10.
"""

from __future__ import annotations

import pytest

from tests.newsletter.smtp_server import ScriptedHandler, start_server, use_server


@pytest.fixture
def smtp_server(settings):
    handler = ScriptedHandler()
    controller = start_server(handler)
    use_server(settings, controller)
    settings.NEWSLETTER_RATE_PER_MINUTE = 0
    settings.NEWSLETTER_RETRY_DELAY = 0
    settings.NEWSLETTER_BATCH_SIZE = 10
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def edition(home):
    """A published Danish edition under a newsletter archive."""
    from tests.factories import NewsletterEditionPageFactory, NewsletterIndexPageFactory

    index = NewsletterIndexPageFactory(parent=home)
    return NewsletterEditionPageFactory(parent=index, title="Det sidste nyhedsbrev", slug="det-sidste")
