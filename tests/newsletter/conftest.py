"""Fixtures for the newsletter tests: a real SMTP server on loopback.

``smtp_server`` starts aiosmtpd on 127.0.0.1 at a free port and points Django's SMTP
backend at it; ``smtp_server.messages`` holds every received message, parsed
(``email.message.EmailMessage``), with ``.envelope_to`` attached.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller


class _Recorder:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        message.envelope_from = envelope.mail_from
        message.envelope_to = list(envelope.rcpt_tos)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


class SMTPServer:
    """What the tests see: where the server listens and what it received."""

    def __init__(self, controller, recorder):
        self._controller = controller
        self._recorder = recorder
        self.host = controller.hostname
        self.port = controller.port

    @property
    def messages(self):
        return self._recorder.messages

    def clear(self):
        with self._recorder.lock:
            self._recorder.messages.clear()

    def wait_for(self, count: int, timeout: float = 5.0):
        """The messages once at least ``count`` have arrived (SMTP is asynchronous)."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.messages

    def to(self, address: str):
        return [m for m in self.messages if address in m.envelope_to]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_smtp_server(handler) -> Controller:
    """aiosmtpd on a free loopback port (its Controller cannot start on port 0)."""
    for attempt in range(5):
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        try:
            controller.start()
            return controller
        except Exception:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@pytest.fixture
def smtp_server(settings):
    recorder = _Recorder()
    controller = start_smtp_server(recorder)
    try:
        server = SMTPServer(controller, recorder)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = server.host
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10
        yield server
    finally:
        controller.stop()


# Editions and sending --------------------------------------------------------------------


@pytest.fixture
def mail(settings):
    """An SMTP server on loopback that can refuse on cue (``ScriptedHandler``), with the
    newsletter's sender pointed at it: no rate limit, no retry delay, batches of 10."""
    from tests.newsletter.smtp_server import ScriptedHandler, start_server, use_server

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
